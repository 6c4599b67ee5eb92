using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Reports.Exports;
using ParticipationRegistry.V1;
using Population = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>
/// Everything a public caller can fetch about one meeting, as equations on the people's gender and youth:
/// every report (whole, each restriction a caller may ask, each session), the comparison with another
/// meeting, the CSV, Markdown and HTML exports, and, with a viewer key anyone can get, the programme, the
/// sessions' balances and each stored panel's check under every published policy.
/// </summary>
internal sealed class PublicKnowledge
{
    private const int MaxRestrictions = 30;

    private readonly Dictionary<string, (Policy Policy, Trait? Trait)> _policies = [];
    private readonly Dictionary<(string Policy, int Session), SessionJudgement> _judgements = [];

    private PublicKnowledge(Programme programme) => Programme = programme;

    /// <summary>Knowledge to be filled by hand (tests of the attacker itself).</summary>
    public static PublicKnowledge Of(Programme programme) => new(programme);

    public Programme Programme { get; }
    public List<CellObservation> Cells { get; } = [];
    public List<VerdictObservation> Verdicts { get; } = [];

    /// <summary>Reports fetched, for tests that look at one figure.</summary>
    public List<(string Source, DiversityReport Report)> Reports { get; } = [];

    /// <summary>
    /// Fetches it all anonymously (reports, exports) and as a fresh viewer (programme, balances, checks).
    /// <paramref name="policies"/>: the published policies to name besides the default one.
    /// </summary>
    public static async Task<PublicKnowledge> GatherAsync(TestRegistry registry, string meeting, IReadOnlyList<string> policies, string? compareWith = null)
    {
        var viewer = registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer));
        var anonymous = new ReportService.ReportServiceClient(registry.ChannelFor(null));
        var knowledge = new PublicKnowledge(await Programme.ReadAsync(viewer, meeting));
        var balance = new BalanceService.BalanceServiceClient(viewer);
        // The default policy first, the presets whose required rules read gender, then the published ones.
        string[] named = ["policies/multistakeholder-balance", "policies/panel-parity", "policies/igf-2023-minimum", .. policies];
        foreach (var policy in named)
        {
            await knowledge.JudgeAsync(balance, meeting, policy);
        }

        var restrictions = knowledge.Restrictions();
        foreach (var restriction in restrictions)
        {
            var request = new GetMeetingDiversityRequest { Name = meeting, Options = WithCrossTabs() };
            request.Kinds.AddRange(restriction.Kinds ?? []);
            request.States.AddRange(restriction.States ?? []);
            request.Themes.AddRange(restriction.Themes ?? []);
            request.Roles.AddRange(restriction.Roles ?? []);
            request.Confirmations.AddRange(restriction.Confirmations ?? []);
            foreach (var policy in restriction.Roles is null && restriction.Confirmations is null ? named : named[..1])
            {
                request.Options.Policy = policy;
                knowledge.Add($"{restriction} under {policy}", await anonymous.GetMeetingDiversityAsync(request), restriction);
            }
        }

        foreach (var session in knowledge.Programme.Sessions)
        {
            foreach (var policy in named)
            {
                var report = await anonymous.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = session.Name, Options = new ReportOptions { Policy = policy } });
                knowledge.Add($"{session.Name} under {policy}", report, new Restriction(Session: session.Name));
            }
        }

        if (compareWith is not null)
        {
            await knowledge.CompareAsync(anonymous, compareWith, meeting);
        }

        await knowledge.ExportsAsync(registry.HttpClientFor(null), meeting);
        return knowledge;
    }

    /// <summary>Yesterday's and today's knowledge together, on today's programme (which holds yesterday's people).</summary>
    public static PublicKnowledge Together(PublicKnowledge earlier, PublicKnowledge later)
    {
        var people = later.Programme.People.ToList();
        var map = earlier.Programme.People.Select(p => people.IndexOf(p)).ToArray();
        Assert.DoesNotContain(-1, map);
        var both = new PublicKnowledge(later.Programme);
        both.Cells.AddRange([.. earlier.Cells.Select(c => c.Remap(map, people.Count)), .. later.Cells]);
        both.Verdicts.AddRange([.. earlier.Verdicts.Select(v => v.Remap(map)), .. later.Verdicts]);
        both.Reports.AddRange([.. earlier.Reports, .. later.Reports]);
        return both;
    }

    private static ReportOptions WithCrossTabs() => new()
    {
        CrossTabs =
        {
            new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = Population.Seats },
            new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = Population.Panellists },
            new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Attribute, Population = Population.Panellists },
        },
    };

    /// <summary>The whole meeting, every set of its kinds, each of its states, themes, roles and confirmations, and kinds with roles.</summary>
    private List<Restriction> Restrictions()
    {
        var kinds = Programme.Sessions.Select(s => s.Kind).Distinct().Order().ToArray();
        var list = new List<Restriction> { new() };
        for (var set = 1; set < 1 << kinds.Length; set++)
        {
            list.Add(new Restriction(Kinds: [.. kinds.Where((_, i) => (set & (1 << i)) != 0)]));
        }

        list.AddRange(Programme.Sessions.Select(s => s.State).Distinct().Order().Select(s => new Restriction(States: [s])));
        list.AddRange(Programme.Sessions.Select(s => s.Theme).Distinct().Order().Select(t => new Restriction(Themes: [t])));
        var roles = Programme.Seats.Select(s => s.Role).Distinct().Order().ToArray();
        list.AddRange(roles.Select(r => new Restriction(Roles: [r])));
        list.AddRange(Programme.Seats.Select(s => s.Confirmation).Distinct().Order().Select(c => new Restriction(Confirmations: [c])));
        list.AddRange(from kind in kinds from role in roles select new Restriction(Kinds: [kind], Roles: [role]));
        return [.. list.Take(MaxRestrictions)];
    }

    private async Task JudgeAsync(BalanceService.BalanceServiceClient balance, string meeting, string policyName)
    {
        var policy = await balance.GetPolicyAsync(new GetPolicyRequest { Name = policyName });
        var required = policy.Rules.Where(r => r.Severity != RuleSeverity.Advisory).Select(r => SessionJudgement.TraitOf(r)).OfType<Trait>().Distinct().ToList();
        // Each policy named here reads one trait at most in its required rules, so the two enumerations stay apart.
        Assert.True(required.Count <= 1, $"{policyName} reads gender and attributes together");
        _policies[policyName] = (policy, required.Count == 1 ? required[0] : null);
        for (var s = 0; s < Programme.Sessions.Count; s++)
        {
            var check = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Programme.Sessions[s].Name, Policy = policyName });
            bool fail = false, indeterminate = false;
            var traitRules = new List<TraitRule>();
            for (var i = 0; i < policy.Rules.Count; i++)
            {
                var rule = policy.Rules[i];
                if (SessionJudgement.TraitOf(rule) is not null)
                {
                    traitRules.Add(new TraitRule(rule.Severity, rule, PeopleInScope(s, rule.Scope)));
                    continue;
                }

                var result = check.RuleResults.Single(r => r.RuleId == rule.Id || (rule.Id.Length == 0 && r.Kind == rule.KindCase.ToString()));
                Assert.DoesNotContain($"rule_results[{i}].outcome", check.RedactedFields);
                fail |= rule.Severity != RuleSeverity.Advisory && result.Outcome == RuleOutcome.Fail;
                indeterminate |= rule.Severity != RuleSeverity.Advisory && result.Outcome == RuleOutcome.Indeterminate;
            }

            _judgements[(policyName, s)] = new SessionJudgement(fail, indeterminate, traitRules);
        }

        // The programme's verdicts, where a viewer is given them.
        var listed = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = meeting, Policy = policyName, PageSize = 1000 });
        foreach (var row in listed.SessionBalances.Where(b => !b.RedactedFields.Contains("verdict") && _policies[policyName].Trait is not null))
        {
            var s = Programme.Sessions.ToList().FindIndex(x => x.Name == row.Session);
            Verdicts.Add(new VerdictObservation($"ListSessionBalances {row.Session}", _policies[policyName].Trait!.Value, [_judgements[(policyName, s)]],
                row.Verdict == Verdict.Balanced ? 1 : 0, row.Verdict == Verdict.Unbalanced ? 1 : 0, row.Verdict == Verdict.Indeterminate ? 1 : 0));
        }
    }

    private int[] PeopleInScope(int session, RuleScope? scope)
    {
        ParticipantRole[] roles = scope is { Roles.Count: > 0 } ? [.. scope.Roles] : [ParticipantRole.Speaker];
        Confirmation[] confirmations = scope is { Confirmations.Count: > 0 } ? [.. scope.Confirmations] : [Confirmation.Confirmed, Confirmation.Tentative];
        return [.. Programme.Seats
            .Where(s => s.Session == session && roles.Contains(s.Role) && confirmations.Contains(s.Confirmation) && (scope is not { OnsiteOnly: true } || s.Attendance == Attendance.Onsite))
            .Select(s => s.Person)
            .Distinct()];
    }

    public void Add(string source, DiversityReport report, Restriction restriction)
    {
        Reports.Add((source, report));
        AddBreakdowns(source, report.Breakdowns, report, restriction);
        foreach (var table in report.CrossTabs.Where(t => t.Rows == ReportDimension.StakeholderGroup))
        {
            AddCrossTab(source, table, report, restriction);
        }

        AddBalance(source, report.Balance, report.Perturbed, restriction);
    }

    private void AddBreakdowns(string source, IEnumerable<DimensionBreakdown> breakdowns, DiversityReport report, Restriction restriction)
    {
        var list = breakdowns.ToList();
        foreach (var breakdown in list.Where(b => b is { Withheld: false, Population: Population.Seats or Population.Panellists }))
        {
            if (TraitOf(breakdown.Dimension) is not { } trait)
            {
                continue;
            }

            var people = breakdown.Population == Population.Panellists;
            var multiplicity = Programme.Multiplicity(restriction, people);
            var scale = people ? 1 : Math.Max(1, multiplicity.Max());
            var allHidden = breakdown.Categories.All(c => c.Suppressed);
            var panellists = list.SingleOrDefault(b => b.Dimension == breakdown.Dimension && b.Population == Population.Panellists);
            foreach (var cell in breakdown.Categories)
            {
                // A hidden seat cell may follow its hidden (or withheld) people cell: then it says nothing of its own.
                var peopleCell = panellists?.Categories.SingleOrDefault(c => c.Category == cell.Category);
                if (report.Perturbed && !people && cell.Suppressed && !(peopleCell is { HasCount: true } && !panellists!.Withheld))
                {
                    continue;
                }

                Cells.Add(new CellObservation($"{source}: {breakdown.Population} {cell.Category}", trait, multiplicity, ValuesOf(cell.Category),
                    cell.HasCount ? cell.Count : null, breakdown.Total, report.SuppressionThreshold, report.Perturbed, HiddenMayBeZero: allHidden) { Seats = !people, Scale = scale });
            }

            if (breakdown.HasKnown)
            {
                Cells.Add(new CellObservation($"{source}: {breakdown.Population} known", trait, multiplicity, KnownValues(trait), breakdown.Known,
                    breakdown.Total, report.SuppressionThreshold, report.Perturbed, HiddenMayBeZero: true) { SharesKey = false, Scale = scale });
            }
        }
    }

    private void AddCrossTab(string source, CrossTab table, DiversityReport report, Restriction restriction)
    {
        if (TraitOf(table.Columns) is not { } trait || table.Withheld)
        {
            return;
        }

        var people = table.Population == Population.Panellists;
        var total = people ? report.Panellists : report.Seats;
        var scale = people ? 1 : Math.Max(1, Programme.Multiplicity(restriction, people: false).Max());
        foreach (var cell in table.Cells)
        {
            // Cross-tab zeros may be hidden, and a seat cell may follow its people cell: hidden seat cells are left out.
            if (cell.Suppressed && !people)
            {
                continue;
            }

            var group = Enum.Parse<StakeholderGroup>(Pascal(cell.Row["STAKEHOLDER_GROUP_".Length..]));
            var multiplicity = Programme.Multiplicity(restriction, people, s => s.Group == group);
            // A cell is clamped to its row's exact margin (docs/PRIVACY.md); its own cell key is not assumed to be shared.
            Cells.Add(new CellObservation($"{source}: {table.Population} {cell.Row} × {cell.Column}", trait, multiplicity,
                ValuesOf(cell.Column), cell.HasCount ? cell.Count : null, Math.Min(total, multiplicity.Sum()), report.SuppressionThreshold, report.Perturbed, HiddenMayBeZero: true)
            {
                SharesKey = false, Scale = scale,
            });
        }
    }

    private void AddBalance(string source, BalanceSummary? balance, bool perturbed, Restriction restriction)
    {
        if (balance is null || !_policies.TryGetValue(balance.Policy, out var policy) || policy.Trait is not { } trait)
        {
            return;
        }

        // The documented rule: a public summary under a policy whose required rules read gender or attributes gives no counts.
        Assert.True(!perturbed || balance.CountsWithheld, $"{source}: a public summary under {balance.Policy} gives verdict counts");
        if (balance.CountsWithheld)
        {
            return;
        }

        // Before counts could be perturbed, a summary of fewer than two panels gave no counts (all 0).
        if (!perturbed && balance.Balanced + balance.Unbalanced + balance.Indeterminate == 0 && balance.Sessions > 0)
        {
            return;
        }

        var sessions = Programme.SessionsIn(restriction).Select(s => _judgements[(balance.Policy, s)]).ToArray();
        Assert.Equal(sessions.Length, balance.Sessions);
        Verdicts.Add(new VerdictObservation($"{source}: verdict counts", trait, sessions, balance.Balanced, balance.Unbalanced, balance.Indeterminate));
    }

    /// <summary>The comparison with an earlier meeting: a change shown next to a hidden count would give the count (change + the earlier figure).</summary>
    private async Task CompareAsync(ReportService.ReportServiceClient anonymous, string earlier, string meeting)
    {
        var compared = await anonymous.CompareMeetingsAsync(new CompareMeetingsRequest { Names = { earlier, meeting } });
        var (before, now) = (compared.Reports[0], compared.Reports[1]);
        Add("CompareMeetings", now, new Restriction());
        foreach (var breakdown in now.Breakdowns.Where(b => !b.Withheld && b.Population is Population.Seats or Population.Panellists && TraitOf(b.Dimension) is not null))
        {
            var previous = before.Breakdowns.Single(b => b.Dimension == breakdown.Dimension && b.Population == breakdown.Population);
            foreach (var cell in breakdown.Categories.Where(c => c.HasChange && !c.HasCount))
            {
                if (previous.Categories.SingleOrDefault(c => c.Category == cell.Category) is { HasCount: true } was)
                {
                    Cells.Add(new CellObservation($"CompareMeetings change {breakdown.Population} {cell.Category}", TraitOf(breakdown.Dimension)!.Value,
                        Programme.Multiplicity(new Restriction(), breakdown.Population == Population.Panellists), ValuesOf(cell.Category),
                        was.Count + cell.Change, breakdown.Total, now.SuppressionThreshold, now.Perturbed, HiddenMayBeZero: true)
                    {
                        Seats = breakdown.Population == Population.Seats,
                        Scale = breakdown.Population == Population.Seats ? Math.Max(1, Programme.Multiplicity(new Restriction(), people: false).Max()) : 1,
                    });
                }
            }
        }
    }

    /// <summary>The CSV's counts as more observations; the Markdown and the HTML are fetched as a reader would.</summary>
    private async Task ExportsAsync(HttpClient http, string meeting)
    {
        var whole = Reports.First(r => r.Source.StartsWith("whole meeting", StringComparison.Ordinal)).Report;
        var csv = await http.GetStringAsync($"/reports/{meeting}.csv");
        AddBreakdowns("CSV", CsvReading.ParseBreakdowns(csv).Select(b => b.Breakdown), whole, new Restriction());
        foreach (var table in new[] { "balance" })
        {
            foreach (var (_, summary) in CsvReading.ParseBalance(await http.GetStringAsync($"/reports/{meeting}.csv?table={table}"), await http.GetStringAsync($"/reports/{meeting}.csv?table=not_balanced")))
            {
                summary.CountsWithheld |= whole.Balance.CountsWithheld;
                AddBalance("CSV balance", summary, whole.Perturbed, new Restriction());
            }
        }

        Assert.NotEmpty(await http.GetStringAsync($"/reports/{meeting}.md"));
        Assert.NotEmpty(await http.GetStringAsync($"/reports/{meeting}"));
    }

    public static Trait? TraitOf(ReportDimension dimension) => dimension switch
    {
        ReportDimension.Gender => Trait.Gender,
        ReportDimension.Attribute => Trait.Youth,
        _ => null,
    };

    /// <summary>The trait values a category counts (a bit each): a gender; youth (1) or no attribute (0); no one for other attributes.</summary>
    private static int ValuesOf(string category) => category switch
    {
        "STAKEHOLDER_ATTRIBUTE_YOUTH" => 1 << 1,
        "NO_ATTRIBUTE" => 1 << 0,
        _ when category.StartsWith("STAKEHOLDER_ATTRIBUTE_", StringComparison.Ordinal) => 0,
        _ => 1 << (int)Enum.Parse<Gender>(Pascal(category["GENDER_".Length..])),
    };

    private static int KnownValues(Trait trait) => trait == Trait.Youth
        ? 1 << 1
        : (1 << (int)Gender.Woman) | (1 << (int)Gender.Man) | (1 << (int)Gender.NonBinary) | (1 << (int)Gender.SelfDescribed);

    private static string Pascal(string upperSnake) => string.Concat(upperSnake.Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant()));
}
