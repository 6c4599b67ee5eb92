using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>What the attacker guesses per person: a gender, or whether they are youth (1) or not (0).</summary>
internal enum Trait
{
    Gender,
    Youth,
}

/// <summary>
/// One published count of people or seats with some trait values: <see cref="Multiplicity"/> says how many
/// units each person brings to the cell's scope, <see cref="Values"/> (a bit per trait value) which values
/// count. Shown (<see cref="Value"/>) or hidden; <see cref="Perturbed"/> says which documented rules apply.
/// </summary>
internal sealed record CellObservation(
    string Source,
    Trait Trait,
    int[] Multiplicity,
    int Values,
    long? Value,
    long Total,
    int Threshold,
    bool Perturbed,
    bool HiddenMayBeZero)
{
    public bool Hidden => Value is null;

    /// <summary>The same cell with people renumbered (person p becomes <c>map[p]</c> of <paramref name="people"/>).</summary>
    public CellObservation Remap(int[] map, int people)
    {
        var multiplicity = new int[people];
        for (var p = 0; p < Multiplicity.Length; p++)
        {
            multiplicity[map[p]] = Multiplicity[p];
        }

        return this with { Multiplicity = multiplicity };
    }

    /// <summary>Whether the cell's value is fixed by the trait domain alone (no one could be in it).</summary>
    public bool Trivial(int domainMask) => (Values & domainMask) == 0 || Multiplicity.All(m => m == 0);

    /// <summary>Same-unit cells share their cell key, so they must share their perturbation; the known count has its own key.</summary>
    public bool SharesKey { get; init; } = true;

    /// <summary>A cell of seats: its units carry seat keys, never shared with a people cell of the same people.</summary>
    public bool Seats { get; init; }

    /// <summary>For seats, the most seats one person holds in the report's scope: above 1, the noise is −2·Scale..2·Scale.</summary>
    public int Scale { get; init; } = 1;

    public int Count(int[] values)
    {
        var n = 0;
        for (var p = 0; p < values.Length; p++)
        {
            n += Multiplicity[p] * ((Values >> values[p]) & 1);
        }

        return n;
    }

    /// <summary>The units in the cell as one number (3 bits of multiplicity per person): equal exactly when the multisets are.</summary>
    public long Units(int[] values)
    {
        long key = 0;
        for (var p = 0; p < values.Length; p++)
        {
            key |= (long)(Multiplicity[p] * ((Values >> values[p]) & 1)) << (3 * p);
        }

        return key;
    }

    /// <summary>
    /// The perturbations d (bit d + <see cref="Offset"/>) that explain what is published for a true count n: exact
    /// reports show n itself and (old rules) hide no zero unless the whole breakdown is hidden; perturbed reports
    /// show clamp(n + d, 0, T) with d in the support for n (the table, or ±2·Scale for seats), hidden below k.
    /// </summary>
    public long Explaining(int n)
    {
        if (!Perturbed)
        {
            var fits = Hidden ? n >= 1 || HiddenMayBeZero : n == Value;
            return fits ? 1L << Offset : 0;
        }

        var mask = 0L;
        for (var d = -2 * Scale; d <= 2 * Scale; d++)
        {
            if (!Support(n, d, Scale))
            {
                continue;
            }

            var shown = Math.Clamp(n + d, 0, Total);
            if (Hidden ? shown < Threshold : shown == Value)
            {
                mask |= 1L << (d + Offset);
            }
        }

        return mask;
    }

    /// <summary>Bit d + this of <see cref="Explaining"/> stands for the perturbation d.</summary>
    public const int Offset = 32;

    /// <summary>Seats where one person holds more than one: n = 0 → 0, else any d within ±2·scale.</summary>
    public static bool Support(int n, int d, int scale) => scale <= 1 ? Support(n, d) : n == 0 ? d == 0 : Math.Abs(d) <= 2 * scale;

    /// <summary>The documented table: n = 0 → 0; n = 1 → −1..+2; n ≥ 2 → −2..+2.</summary>
    public static bool Support(int n, int d) => n switch
    {
        0 => d == 0,
        1 => d >= -1,
        _ => true,
    };
}

/// <summary>
/// A balance summary's exact verdict counts over <see cref="Sessions"/> under one policy whose required rules
/// read <see cref="Trait"/> (publicly such counts are never given, so these come from a viewer's own checks).
/// </summary>
internal sealed record VerdictObservation(string Source, Trait Trait, SessionJudgement[] Sessions, int Balanced, int Unbalanced, int Indeterminate)
{
    public VerdictObservation Remap(int[] map) => this with { Sessions = [.. Sessions.Select(s => s.Remap(map))] };
}

/// <summary>A gender or youth rule of a policy, with who it counts on one panel.</summary>
internal sealed record TraitRule(RuleSeverity Severity, Rule Rule, int[] People);

/// <summary>How one session fares under one policy: what the viewer's check shows, and the rules it withheld.</summary>
internal sealed record SessionJudgement(bool KnownFail, bool KnownIndeterminate, IReadOnlyList<TraitRule> TraitRules)
{
    private const double Epsilon = 1e-9;

    /// <summary>The same judgement with people renumbered (person p becomes <c>map[p]</c>).</summary>
    public SessionJudgement Remap(int[] map) => this with { TraitRules = [.. TraitRules.Select(r => r with { People = [.. r.People.Select(p => map[p])] })] };

    /// <summary>0 balanced, 1 unbalanced, 2 indeterminate, as the engine decides it with the guessed values.</summary>
    public int Verdict(int[] gender, int[] youth)
    {
        bool fail = KnownFail, indeterminate = KnownIndeterminate;
        foreach (var rule in TraitRules.Where(r => r.Severity != RuleSeverity.Advisory))
        {
            var outcome = Outcome(rule, gender, youth);
            fail |= outcome == RuleOutcome.Fail;
            indeterminate |= outcome == RuleOutcome.Indeterminate;
        }

        return fail ? 1 : indeterminate ? 2 : 0;
    }

    private static bool KnownGender(int g) => g is (int)Gender.Woman or (int)Gender.Man or (int)Gender.NonBinary or (int)Gender.SelfDescribed;

    private static RuleOutcome Outcome(TraitRule rule, int[] gender, int[] youth)
    {
        var people = rule.People;
        var n = people.Length;
        var unknown = people.Count(p => !KnownGender(gender[p]));
        switch (rule.Rule.KindCase)
        {
            case Rule.KindOneofCase.NotSingleGender:
                var known = people.Where(p => KnownGender(gender[p])).Select(p => gender[p]).Distinct().Count();
                return n < 2 ? RuleOutcome.Fail
                    : known >= 2 ? RuleOutcome.Pass
                    : unknown >= 1 && known + unknown >= 2 ? RuleOutcome.Indeterminate : RuleOutcome.Fail;
            case Rule.KindOneofCase.MinWomenShare:
                if (n == 0)
                {
                    return RuleOutcome.Fail;
                }

                var women = people.Count(p => gender[p] == (int)Gender.Woman);
                var needed = rule.Rule.MinWomenShare.MinShare * n;
                return women >= needed - Epsilon ? RuleOutcome.Pass : women + unknown < needed - Epsilon ? RuleOutcome.Fail : RuleOutcome.Indeterminate;
            case Rule.KindOneofCase.MinNotMen:
                var notMen = people.Count(p => KnownGender(gender[p]) && gender[p] != (int)Gender.Man);
                var count = rule.Rule.MinNotMen.Count;
                return notMen >= count ? RuleOutcome.Pass : notMen + unknown < count ? RuleOutcome.Fail : RuleOutcome.Indeterminate;
            case Rule.KindOneofCase.MinYouth:
                return people.Count(p => youth[p] == 1) >= rule.Rule.MinYouth.Count ? RuleOutcome.Pass : RuleOutcome.Fail;
            default:
                throw new InvalidOperationException($"The attacker does not model {rule.Rule.KindCase}.");
        }
    }

    public static Trait? TraitOf(Rule rule) => rule.KindCase switch
    {
        Rule.KindOneofCase.NotSingleGender or Rule.KindOneofCase.MinWomenShare or Rule.KindOneofCase.MinNotMen => Trait.Gender,
        Rule.KindOneofCase.MinYouth => Trait.Youth,
        _ => null,
    };
}
