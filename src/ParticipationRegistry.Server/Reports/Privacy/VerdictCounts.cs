namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>What a balance summary judged: every session in scope, and how many of each verdict.</summary>
public sealed record VerdictTally(int Sessions, int Balanced, int Unbalanced, int Indeterminate);

/// <summary>
/// What a balance summary shows of its verdicts: whether it names the sessions, and its counts —
/// exact, or withheld (<see cref="CountsWithheld"/>, all 0).
/// </summary>
public sealed record VerdictDisclosure(bool Named, bool CountsWithheld, int Balanced, int Unbalanced, int Indeterminate)
{
    public static VerdictDisclosure Exact(VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        return new(true, false, tally.Balanced, tally.Unbalanced, tally.Indeterminate);
    }

    public static VerdictDisclosure Withheld { get; } = new(false, true, 0, 0, 0);
}
