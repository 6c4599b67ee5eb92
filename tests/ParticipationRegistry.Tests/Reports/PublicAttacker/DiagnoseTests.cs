using System.Text.RegularExpressions;
using ParticipationRegistry.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

public sealed class DiagnoseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Diagnose()
    {
        var seedText = Environment.GetEnvironmentVariable("DIAG_SEED");
        if (seedText is null) return;
        var seed = int.Parse(seedText);
        var trait = Enum.Parse<Trait>(Environment.GetEnvironmentVariable("DIAG_TRAIT") ?? "Gender");
        await using var registry = await TestRegistry.StartAsync();
        PublicKnowledge knowledge;
        Truth truth;
        if (seed == 0)
        {
            var (policies0, truth0) = await AttackArrange.StartAsync(registry);
            truth = truth0;
            var men = new List<string>();
            for (var i = 1; i <= 6; i++) men.Add(await AttackArrange.PersonAsync(registry, truth, $"Man{i}", ParticipationRegistry.V1.Gender.Man));
            var woman = await AttackArrange.PersonAsync(registry, truth, "Wendy", ParticipationRegistry.V1.Gender.Woman);
            var young = await AttackArrange.PersonAsync(registry, truth, "Yusuf", ParticipationRegistry.V1.Gender.Man, youth: true);
            (string Id, ParticipationRegistry.V1.SessionKind Kind, string Theme, string[] Panel)[] sessions =
            [
                ("ws1", ParticipationRegistry.V1.SessionKind.Workshop, "Access", [men[0], men[1]]),
                ("ws2", ParticipationRegistry.V1.SessionKind.Workshop, "Access", [men[2], men[3]]),
                ("ws3", ParticipationRegistry.V1.SessionKind.Workshop, "Rights", [woman, men[4]]),
                ("ws4", ParticipationRegistry.V1.SessionKind.Workshop, "Rights", [men[5], men[0]]),
                ("ws5", ParticipationRegistry.V1.SessionKind.Workshop, "Rights", [men[1], men[2]]),
                ("main1", ParticipationRegistry.V1.SessionKind.MainSession, "Access", [men[3], men[4], men[5]]),
                ("main2", ParticipationRegistry.V1.SessionKind.MainSession, "Rights", [men[0], men[2]]),
                ("forum", ParticipationRegistry.V1.SessionKind.OpenForum, "Access", [young, men[1]]),
            ];
            foreach (var (id, kind, theme, panel) in sessions)
                await AttackArrange.PanelAsync(registry, await AttackArrange.SessionAsync(registry, "m", id, kind, theme: theme), panel);
            AttackArrange.FixKeys(registry);
            knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies0);
        }
        else
        {
            var policies = await AttackArrange.PublishedPoliciesAsync(registry);
            await AttackArrange.GeneratedAsync(registry, "earlier", seed + 100, maxPeople: 5);
            truth = await AttackArrange.GeneratedAsync(registry, "m", seed);
            AttackArrange.FixKeys(registry);
            knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies, compareWith: "meetings/earlier");
        }
        var real = truth.Of(knowledge.Programme, trait);
        string Group(string source) => Regex.Replace(source.Split(": ")[0], " under policies/[a-z0-9-]+", "") + (source.Contains("verdict") || source.StartsWith("List") ? "#" + source : "");
        var groups = knowledge.Cells.Select(c => Group(c.Source)).Concat(knowledge.Verdicts.Select(v => Group(v.Source))).Distinct().ToList();
        bool Learns(List<string> keep, out string msg)
        {
            var k = PublicKnowledge.Of(knowledge.Programme);
            k.Cells.AddRange(knowledge.Cells.Where(c => keep.Contains(Group(c.Source))));
            k.Verdicts.AddRange(knowledge.Verdicts.Where(v => keep.Contains(Group(v.Source))));
            var l = AttackAssert.Learned(k, trait, null, real, truth.Names).ToList();
            msg = string.Join("\n", l);
            return l.Count > 0;
        }
        output.WriteLine($"people: {string.Join(", ", knowledge.Programme.People.Select((p, i) => $"{i}={truth.Names[p]}:{real[i]}"))}");
        foreach (var s in knowledge.Programme.Seats) output.WriteLine($"seat s{s.Session} {knowledge.Programme.Sessions[s.Session].Kind} {knowledge.Programme.Sessions[s.Session].State} {knowledge.Programme.Sessions[s.Session].Theme} p{s.Person} {s.Role} {s.Confirmation} {s.Group}");
        var keep = groups.ToList();
        if (!Learns(keep, out var all)) { output.WriteLine("nothing learned"); return; }
        output.WriteLine("ALL: " + all[..Math.Min(all.Length, 600)]);
        foreach (var g in groups)
        {
            var trial = keep.Where(x => x != g).ToList();
            if (Learns(trial, out _)) keep = trial;
        }
        Learns(keep, out var final);
        output.WriteLine("MINIMAL: " + string.Join(" | ", keep));
        output.WriteLine("LEARNS: " + final[..Math.Min(final.Length, 800)]);
        foreach (var c in knowledge.Cells.Where(c => keep.Contains(Group(c.Source))).DistinctBy(c => Regex.Replace(c.Source, " under policies/[a-z0-9-]+", "")))
            output.WriteLine($"  {c.Source}: shows {(c.Hidden ? "hidden" : c.Value)} true {c.Count(real)} T={c.Total} mult=[{string.Join(",", c.Multiplicity)}] shares={c.SharesKey}");
        foreach (var v in knowledge.Verdicts.Where(v => keep.Contains(Group(v.Source))))
            output.WriteLine($"  {v.Source}: {v.Balanced}/{v.Unbalanced}/{v.Indeterminate} of {v.Sessions.Length} perturbed={v.Perturbed}");
    }
}
