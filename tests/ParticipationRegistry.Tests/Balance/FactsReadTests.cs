using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// Suggestions judge each rule once per value of the facts it reads (<see cref="BalanceRule.FactsRead"/>):
/// a seat added to a panel must get the verdict its facts alone give, for every kind of rule.
/// </summary>
public sealed class FactsReadTests
{
    private static readonly RuleKind[] Kinds =
    [
        new MinSpeakersRule(3), new MinStakeholderGroupsRule(3), new MaxStakeholderGroupShareRule(0.5),
        new RequiredStakeholderGroupsRule([StakeholderGroup.Government, StakeholderGroup.CivilSociety]),
        new MinRegionalGroupsRule(2), new MaxRegionalGroupShareRule(0.5), new NotSingleGenderRule(), new MinWomenShareRule(1.0 / 3),
        new MinNotMenRule(2), new MinDevelopingCountryRule(1), new MinDevelopingCountryRule(1, new HashSet<string> { "FJ" }, "Fiji"),
        new MinFirstTimeRule(1), new MinYouthRule(1), new MaxSessionsPerPersonRule(2), new NoOverlappingSessionsRule(),
        new MinOnsiteRule(1, 2), new MinOrganizerGroupsRule(2), new NotAllFromOneOrganizationRule(),
    ];

    private static readonly Scope[] Scopes =
    [
        Scope.Default,
        new(new HashSet<ParticipantRole> { ParticipantRole.Speaker, ParticipantRole.Moderator }, new HashSet<Confirmation> { Confirmation.Confirmed }, OnsiteOnly: true),
    ];

    [Fact]
    public void A_rule_gives_a_seat_the_verdict_its_facts_read_give()
    {
        var random = new Random(12);
        foreach (var kind in Kinds)
        foreach (var scope in Scopes)
        {
            var rule = new BalanceRule("r", Severity.Required, scope, kind);
            for (var trial = 0; trial < 300; trial++)
            {
                var panel = new Panel(
                    Enumerable.Range(0, random.Next(6)).Select(i => RandomSeat(random, $"p{i}")).ToList(),
                    [new Organizer((StakeholderGroup)random.Next(6), random.Next(4) == 0)]);
                var seat = RandomSeat(random, "candidate");
                foreach (var confirmedOnly in new[] { false, true })
                {
                    var whole = BalanceEngine.Evaluate(rule, panel with { Seats = [.. panel.Seats, seat] }, confirmedOnly);
                    var facts = BalanceEngine.Evaluate(rule, panel with { Seats = [.. panel.Seats, rule.FactsRead(seat)] }, confirmedOnly);
                    Assert.True(
                        (whole.Outcome, whole.Observed, whole.Threshold, whole.Shortfall, whole.Counted, whole.Unknown)
                        == (facts.Outcome, facts.Observed, facts.Threshold, facts.Shortfall, facts.Counted, facts.Unknown),
                        $"{kind} ({scope.OnsiteOnly}) judged {seat} apart from its facts: {whole} / {facts}");
                }
            }
        }
    }

    private static Seat RandomSeat(Random random, string key) => new(
        key,
        key.ToUpperInvariant(),
        random.Next(3) switch { 0 => ParticipantRole.Speaker, 1 => ParticipantRole.Moderator, _ => ParticipantRole.Rapporteur },
        (Confirmation)random.Next(4),
        (Attendance)random.Next(3),
        (StakeholderGroup)random.Next(6),
        (RegionalGroup)random.Next(6),
        (Gender)random.Next(6),
        random.Next(3) switch { 0 => null, 1 => true, _ => false },
        random.Next(2) == 0,
        random.Next(3) switch { 0 => null, 1 => "o1", _ => "o2" },
        random.Next(2) == 0,
        1 + random.Next(4),
        random.Next(2) == 0,
        random.Next(3) switch { 0 => "", 1 => "FJ", _ => "DE" });
}
