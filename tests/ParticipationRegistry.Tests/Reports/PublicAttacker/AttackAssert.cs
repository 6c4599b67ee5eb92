using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>What the enumerating attacker must fail to learn, with what it did learn in the message.</summary>
internal static class AttackAssert
{
    /// <summary>
    /// The truth is among the consistent assignments (else the attacker's rules are wrong), and across them no
    /// person outside <paramref name="known"/> has one value and no hidden count has one value.
    /// </summary>
    public static void LearnsNothing(PublicKnowledge knowledge, Truth truth, Trait[] traits, IReadOnlyDictionary<int, int>? known = null)
    {
        var problems = traits.SelectMany(t => Learned(knowledge, t, t == Trait.Gender ? known : null, truth.Of(knowledge.Programme, t), truth.Names)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>What the attacker learned of one trait (or why its model is wrong), as messages.</summary>
    public static IEnumerable<string> Learned(PublicKnowledge knowledge, Trait trait, IReadOnlyDictionary<int, int>? known, int[] real, IReadOnlyDictionary<string, string> names)
    {
        var result = Enumerator.Run(knowledge, trait, known);
        if (!result.Assignments.Any(a => a.SequenceEqual(real)))
        {
            return [$"{trait}: the truth is not consistent with what was published, so the attacker's model of the rules is wrong: {string.Join("; ", Contradictions(knowledge, trait, real))}"];
        }

        var learned = new List<string>();
        for (var p = 0; p < real.Length; p++)
        {
            if (result.ValuesPerPerson[p].Count == 1 && (known is null || !known.ContainsKey(p)))
            {
                learned.Add($"{(names.TryGetValue(knowledge.Programme.People[p], out var name) ? name : $"person {p}")} is {Name(trait, real[p])}");
            }
        }

        foreach (var (index, counts) in result.HiddenCounts)
        {
            var cell = knowledge.Cells[index];
            if (counts.Count == 1 && !cell.Trivial(result.DomainMask))
            {
                learned.Add($"hidden {cell.Source} = {counts.Single()}");
            }
        }

        return learned.Count == 0 ? [] : [$"{trait}: recovered from public figures ({result.Assignments.Count} consistent assignments): {string.Join("; ", learned.Distinct().Take(12))}"];
    }

    /// <summary>The published figures the real assignment does not fit, to say which rule the attacker got wrong.</summary>
    private static IEnumerable<string> Contradictions(PublicKnowledge knowledge, Trait trait, int[] real)
    {
        foreach (var cell in knowledge.Cells.Where(c => c.Trait == trait && c.Explaining(c.Count(real)) == 0).Take(5))
        {
            yield return $"{cell.Source}: shows {(cell.Hidden ? "hidden" : cell.Value)}, true {cell.Count(real)}";
        }

        foreach (var verdict in knowledge.Verdicts.Where(v => v.Trait == trait).Take(50))
        {
            var tally = new int[3];
            foreach (var session in verdict.Sessions)
            {
                tally[session.Verdict(trait == Trait.Gender ? real : new int[real.Length], trait == Trait.Youth ? real : new int[real.Length])]++;
            }

            if ((tally[0] != verdict.Balanced || tally[1] != verdict.Unbalanced || tally[2] != verdict.Indeterminate))
            {
                yield return $"{verdict.Source}: shows {verdict.Balanced}/{verdict.Unbalanced}/{verdict.Indeterminate}, true {tally[0]}/{tally[1]}/{tally[2]}";
            }
        }
    }

    private static string Name(Trait trait, int value) => trait == Trait.Gender ? ((Gender)value).ToString() : value == 1 ? "youth" : "not youth";
}
