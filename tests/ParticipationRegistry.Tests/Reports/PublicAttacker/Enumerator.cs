using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>What survived: every assignment of one trait to the people consistent with all that is public.</summary>
internal sealed class Consistent
{
    public required Trait Trait { get; init; }
    public required int DomainMask { get; init; }
    public List<int[]> Assignments { get; } = [];
    public required HashSet<int>[] ValuesPerPerson { get; init; }

    /// <summary>The true counts each hidden observation can have (by index into the knowledge's cells).</summary>
    public Dictionary<int, HashSet<int>> HiddenCounts { get; } = [];
}

/// <summary>
/// The enumerating attacker: every assignment of a trait (gender among the <c>domain</c>, or youth yes/no) to
/// the people of the programme, kept when every published figure could have come from it under the
/// documented rules: exact reports show the count; perturbed ones show clamp(n + d, 0, T) with d in the
/// table's support for n (seats: ±2m) and hide it below k; the same units of the same kind (people, or seats
/// of one scope's m) in two cells give the same cell key, so the same perturbation; withheld figures say
/// nothing. It knows the supports, not the record keys.
/// </summary>
internal static class Enumerator
{
    public static readonly int[] Genders = [(int)Gender.Unspecified, (int)Gender.Woman, (int)Gender.Man, (int)Gender.NonBinary];
    public static readonly int[] Youth = [0, 1];

    /// <summary>Every assignment of <paramref name="trait"/>; people in <paramref name="known"/> (by person number) are known to the attacker.</summary>
    public static Consistent Run(PublicKnowledge knowledge, Trait trait, IReadOnlyDictionary<int, int>? known = null)
    {
        var domain = trait == Trait.Gender ? Genders : Youth;
        var people = knowledge.Programme.People.Count;
        var domains = Enumerable.Range(0, people).Select(p => known is not null && known.TryGetValue(p, out var v) ? [v] : domain).ToArray();
        var cells = knowledge.Cells.Select((c, i) => (Cell: c, Index: i)).Where(c => c.Cell.Trait == trait).ToArray();
        var verdicts = knowledge.Verdicts.Where(v => v.Trait == trait).ToArray();
        var result = new Consistent
        {
            Trait = trait,
            DomainMask = domain.Aggregate(0, (m, v) => m | (1 << v)),
            ValuesPerPerson = [.. Enumerable.Range(0, people).Select(_ => new HashSet<int>())],
        };
        foreach (var (cell, index) in cells.Where(c => c.Cell.Hidden))
        {
            result.HiddenCounts[index] = [];
        }

        var keyed = new Dictionary<long, long>();
        var digits = new int[people];
        var values = new int[people];
        var none = new int[people];
        var counts = new int[cells.Length];
        var total = domains.Aggregate(1L, (t, d) => t * d.Length);
        for (long candidate = 0; candidate < total; candidate++)
        {
            for (var p = 0; p < people; p++)
            {
                values[p] = domains[p][digits[p]];
            }

            if (Fits(cells, values, counts, keyed) && Fits(verdicts, trait == Trait.Gender ? values : none, trait == Trait.Youth ? values : none))
            {
                result.Assignments.Add([.. values]);
                for (var p = 0; p < people; p++)
                {
                    result.ValuesPerPerson[p].Add(values[p]);
                }

                for (var c = 0; c < cells.Length; c++)
                {
                    if (cells[c].Cell.Hidden)
                    {
                        result.HiddenCounts[cells[c].Index].Add(counts[c]);
                    }
                }
            }

            for (var p = 0; p < people && ++digits[p] == domains[p].Length; p++)
            {
                digits[p] = 0;
            }
        }

        return result;
    }

    private static bool Fits((CellObservation Cell, int Index)[] cells, int[] values, int[] counts, Dictionary<long, long> keyed)
    {
        for (var c = 0; c < cells.Length; c++)
        {
            counts[c] = cells[c].Cell.Count(values);
            if (cells[c].Cell.Explaining(counts[c]) == 0)
            {
                return false;
            }
        }

        // Cells of the same units share one perturbation: some d must explain them all.
        keyed.Clear();
        for (var c = 0; c < cells.Length; c++)
        {
            var cell = cells[c].Cell;
            if (!cell.Perturbed || !cell.SharesKey)
            {
                continue;
            }

            // Seat keys are not people's keys, and the seat table depends on the scope's most seats.
            var units = cell.Units(values) | (cell.Seats ? (1L << 62) | ((long)cell.Scale << 48) : 0);
            var mask = cell.Explaining(counts[c]);
            mask &= keyed.TryGetValue(units, out var before) ? before : -1L;
            if (mask == 0)
            {
                return false;
            }

            keyed[units] = mask;
        }

        return true;
    }

    private static bool Fits(VerdictObservation[] verdicts, int[] gender, int[] youth)
    {
        foreach (var observation in verdicts)
        {
            var tally = new int[3];
            foreach (var session in observation.Sessions)
            {
                tally[session.Verdict(gender, youth)]++;
            }

            int[] shown = [observation.Balanced, observation.Unbalanced, observation.Indeterminate];
            for (var i = 0; i < 3; i++)
            {
                if (tally[i] != shown[i])
                {
                    return false;
                }
            }
        }

        return true;
    }
}
