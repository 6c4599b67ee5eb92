namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>The sessions of one verdict: how many, and the sum of their <see cref="SessionKeys"/> (the cell key is it mod 256).</summary>
public readonly record struct VerdictCell(int Count, long KeySum)
{
    public VerdictCell Add(int key) => new(Count + 1, KeySum + key);
}

/// <summary>What a balance summary judged: every session in scope, how many had a seat, and the sessions of each verdict.</summary>
public sealed record VerdictTally(int Sessions, int PanelsJudged, VerdictCell Balanced, VerdictCell Unbalanced, VerdictCell Indeterminate);

/// <summary>
/// What a balance summary shows of its verdicts: whether it names the sessions, and its counts —
/// exact, perturbed, or withheld (<see cref="CountsWithheld"/>, all 0).
/// </summary>
public sealed record VerdictDisclosure(bool Named, bool CountsWithheld, int Balanced, int Unbalanced, int Indeterminate)
{
    public static VerdictDisclosure Exact(VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(true, false, tally.Balanced.Count, tally.Unbalanced.Count, tally.Indeterminate.Count);
    }

    public static VerdictDisclosure Withheld { get; } = new(false, true, 0, 0, 0);

    /// <summary>Each count perturbed with its own cell key, within 0 and the (public) number of sessions; no session named.</summary>
    public static VerdictDisclosure Perturbed(VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        int Publish(VerdictCell cell) => (int)CellKey.Publish(cell.Count, cell.KeySum, tally.Sessions);
        return new(false, false, Publish(tally.Balanced), Publish(tally.Unbalanced), Publish(tally.Indeterminate));
    }
}
