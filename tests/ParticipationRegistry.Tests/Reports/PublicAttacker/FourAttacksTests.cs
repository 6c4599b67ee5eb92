using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.PublicAttacker.AttackArrange;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>
/// The four attacks of the disclosure-control issue, each run by the enumerating attacker as a public caller
/// with a viewer key: each must recover nobody's gender or youth and no hidden count.
/// </summary>
public sealed class FourAttacksTests
{
    [Fact]
    public async Task Seats_people_and_the_programme_do_not_give_away_Alice()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (policies, truth) = await StartAsync(registry);
        var alice = await PersonAsync(registry, truth, "Alice", Gender.Woman);
        var men = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            men.Add(await PersonAsync(registry, truth, $"Man{i}", Gender.Man));
        }

        // ws1 = Alice, Man1, Man2; ws2 = Alice, Man3, Man4; ws3 = Alice, Man5, Man1; ws4 = Man2–Man5.
        string[][] panels = [[alice, men[0], men[1]], [alice, men[2], men[3]], [alice, men[4], men[0]], [.. men[1..]]];
        for (var w = 0; w < panels.Length; w++)
        {
            await PanelAsync(registry, await SessionAsync(registry, "m", $"ws{w + 1}"), panels[w]);
        }

        FixKeys(registry);
        var knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies);

        // The programme the attacker reads: Alice on three panels, every man on two.
        Assert.Equal(3, knowledge.Programme.Seats.Count(s => knowledge.Programme.People[s.Person] == alice));
        AttackAssert.LearnsNothing(knowledge, truth, [Trait.Gender]);
    }

    [Fact]
    public async Task Hidden_cells_may_be_zero_so_Wanda_and_Noor_stay_hidden()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (policies, truth) = await StartAsync(registry);
        (string Name, Gender Gender, bool Youth)[][] panels =
        [
            [("Wanda", Gender.Woman, true), ("A1", Gender.Man, false), ("A2", Gender.Man, false)],
            [("Noor", Gender.NonBinary, true), ("B1", Gender.Man, false), ("B2", Gender.Man, false)],
            [("C1", Gender.Man, false), ("C2", Gender.Man, false), ("C3", Gender.Man, false)],
        ];
        for (var w = 0; w < panels.Length; w++)
        {
            var session = await SessionAsync(registry, "m", $"ws{w + 1}");
            foreach (var (name, gender, youth) in panels[w])
            {
                await SeatAsync(registry, session, await PersonAsync(registry, truth, name, gender, youth));
            }
        }

        // Every route is read: the API, CSV (its counts are observations too), Markdown and HTML.
        FixKeys(registry);
        var knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies);

        Assert.Contains(knowledge.Cells, c => c.Source.StartsWith("CSV", StringComparison.Ordinal));
        AttackAssert.LearnsNothing(knowledge, truth, [Trait.Gender, Trait.Youth]);
    }

    [Fact]
    public async Task Verdict_counts_under_restrictions_and_one_rule_policies_give_nothing_away()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (policies, truth) = await StartAsync(registry);
        var men = new List<string>();
        for (var i = 1; i <= 6; i++)
        {
            men.Add(await PersonAsync(registry, truth, $"Man{i}", Gender.Man));
        }

        var woman = await PersonAsync(registry, truth, "Wendy", Gender.Woman);
        var young = await PersonAsync(registry, truth, "Yusuf", Gender.Man, youth: true);
        // Eight sessions: five workshops over two themes, two main sessions, one open forum. Wendy sits on one
        // workshop; Yusuf, the one youth, only on the open forum, the single session of its kind.
        (string Id, SessionKind Kind, string Theme, string[] Panel)[] sessions =
        [
            ("ws1", SessionKind.Workshop, "Access", [men[0], men[1]]),
            ("ws2", SessionKind.Workshop, "Access", [men[2], men[3]]),
            ("ws3", SessionKind.Workshop, "Rights", [woman, men[4]]),
            ("ws4", SessionKind.Workshop, "Rights", [men[5], men[0]]),
            ("ws5", SessionKind.Workshop, "Rights", [men[1], men[2]]),
            ("main1", SessionKind.MainSession, "Access", [men[3], men[4], men[5]]),
            ("main2", SessionKind.MainSession, "Rights", [men[0], men[2]]),
            ("forum", SessionKind.OpenForum, "Access", [young, men[1]]),
        ];
        foreach (var (id, kind, theme, panel) in sessions)
        {
            await PanelAsync(registry, await SessionAsync(registry, "m", id, kind, theme: theme), panel);
        }

        FixKeys(registry);
        var knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies);

        // Every public summary under these policies withholds its counts (exact, they named Wendy and Yusuf;
        // perturbed, they bounded how many panels a person on several can tip); the attacker reads what remains.
        Assert.All(knowledge.Reports.Where(r => !r.Source.Contains("multistakeholder-balance", StringComparison.Ordinal)), r => Assert.True(r.Report.Balance.CountsWithheld, r.Source));
        var verdictsOnly = PublicKnowledge.Of(knowledge.Programme);
        verdictsOnly.Verdicts.AddRange(knowledge.Verdicts);
        AttackAssert.LearnsNothing(verdictsOnly, truth, [Trait.Gender, Trait.Youth]);
        AttackAssert.LearnsNothing(knowledge, truth, [Trait.Gender, Trait.Youth]);
    }

    [Fact]
    public async Task Yesterdays_report_and_todays_with_two_more_women_give_nothing_away()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (policies, truth) = await StartAsync(registry);
        var sessions = new List<string>();
        string[][] panels = [["Alice", "Man1", "Man2"], ["Man3", "Man4"], ["Man5", "Man1"]];
        for (var w = 0; w < panels.Length; w++)
        {
            sessions.Add(await SessionAsync(registry, "m", $"ws{w + 1}"));
            foreach (var name in panels[w])
            {
                var person = truth.Names.FirstOrDefault(n => n.Value == name).Key
                    ?? await PersonAsync(registry, truth, name, name == "Alice" ? Gender.Woman : Gender.Man);
                await SeatAsync(registry, sessions[w], person);
            }
        }

        FixKeys(registry);
        var yesterday = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies);
        // Two women the attacker knows are seated.
        var newcomers = new[] { await PersonAsync(registry, truth, "Beatrice", Gender.Woman), await PersonAsync(registry, truth, "Carla", Gender.Woman) };
        await SeatAsync(registry, sessions[1], newcomers[0]);
        await SeatAsync(registry, sessions[2], newcomers[1]);
        FixKeys(registry);
        var today = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies);

        var both = PublicKnowledge.Together(yesterday, today);
        var people = both.Programme.People.ToList();
        var known = newcomers.ToDictionary(n => people.IndexOf(n), _ => (int)Gender.Woman);
        AttackAssert.LearnsNothing(both, truth, [Trait.Gender], known);
    }
}
