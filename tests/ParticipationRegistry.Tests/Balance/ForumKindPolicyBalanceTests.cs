using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// A meeting of a forum whose default policy is igf-2017-diversity (at least 3 speakers; gender only
/// advisory) and whose workshops are judged by panel-parity (not single-gender, required): the MAG
/// overview and the meeting report judge each session by its kind's policy, as CheckPanelBalance does.
/// ws: 3 men (igf-2017 balanced, panel-parity unbalanced); ms: a man and a woman (igf-2017 unbalanced,
/// panel-parity balanced); ms2: 2 men and a woman (balanced under both).
/// </summary>
public sealed class ForumKindPolicyBalanceTests
{
    private const string Meeting = "meetings/igf-kinds";
    private const string Default = "policies/igf-2017-diversity";
    private const string Workshops = "policies/panel-parity";
    private const string Ws = Meeting + "/sessions/ws";
    private const string Ms = Meeting + "/sessions/ms";
    private const string Ms2 = Meeting + "/sessions/ms2";

    private static async Task<TestRegistry> ForumMeetingAsync()
    {
        var registry = await TestRegistry.StartAsync();
        var forum = await registry.Meetings.CreateForumAsync(new CreateForumRequest
        {
            ForumId = "igf-kinds",
            Forum = new Forum
            {
                DisplayName = "IGF", Kind = ForumKind.GlobalIgf, TimeZone = "Europe/Berlin", DefaultPolicy = Default,
                KindPolicies = { new ForumKindPolicy { Kind = SessionKind.Workshop, Policy = Workshops } },
            },
        });
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "igf-kinds", Meeting = new Meeting { DisplayName = "IGF", Forum = forum.Name } });
        var person = 0;
        foreach (var (id, kind, genders) in new (string, SessionKind, Gender[])[]
        {
            ("ws", SessionKind.Workshop, [Gender.Man, Gender.Man, Gender.Man]),
            ("ms", SessionKind.MainSession, [Gender.Man, Gender.Woman]),
            ("ms2", SessionKind.MainSession, [Gender.Man, Gender.Man, Gender.Woman]),
        })
        {
            await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = Meeting, SessionId = id, Session = new Session { DisplayName = id, Kind = kind } });
            foreach (var gender in genders)
            {
                var stakeholder = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = $"p{person++}", Gender = gender },
                });
                await registry.SeatAsync($"{Meeting}/sessions/{id}", stakeholder.Name, confirmation: Confirmation.Confirmed);
            }
        }

        return registry;
    }

    private static BalanceService.BalanceServiceClient Balance(TestRegistry registry, string secret) => new(registry.ChannelFor(secret));

    private static async Task<List<SessionBalance>> ListAllAsync(TestRegistry registry, string secret, string policy = "", string filter = "", int pageSize = 0)
    {
        var lines = new List<SessionBalance>();
        var token = "";
        do
        {
            var page = await Balance(registry, secret).ListSessionBalancesAsync(new ListSessionBalancesRequest
            {
                Parent = Meeting, Policy = policy, Filter = filter, PageSize = pageSize, PageToken = token,
            });
            lines.AddRange(page.SessionBalances);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return lines;
    }

    [Fact]
    public async Task Without_a_policy_each_session_is_judged_by_its_kinds_policy_and_says_which()
    {
        await using var registry = await ForumMeetingAsync();
        var admin = TestRegistry.AdminSecret;

        var lines = (await ListAllAsync(registry, admin)).ToDictionary(l => l.Session);
        var checks = new Dictionary<string, CheckPanelBalanceResponse>();
        foreach (var session in new[] { Ws, Ms, Ms2 })
        {
            checks[session] = await Balance(registry, admin).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = session });
        }

        Assert.Equal((Workshops, Verdict.Unbalanced), (lines[Ws].Policy, lines[Ws].Verdict));
        Assert.Equal(["not-single-gender"], lines[Ws].FailedRules);
        Assert.Equal((Default, Verdict.Unbalanced), (lines[Ms].Policy, lines[Ms].Verdict));
        Assert.Equal(["min-speakers"], lines[Ms].FailedRules);
        Assert.Equal((Default, Verdict.Balanced), (lines[Ms2].Policy, lines[Ms2].Verdict));
        Assert.All(lines.Values, l => Assert.Equal((checks[l.Session].Policy, checks[l.Session].Verdict), (l.Policy, l.Verdict)));
    }

    [Fact]
    public async Task A_policy_named_judges_every_row()
    {
        await using var registry = await ForumMeetingAsync();

        var parity = (await ListAllAsync(registry, TestRegistry.AdminSecret, Workshops)).ToDictionary(l => l.Session);
        var diversity = (await ListAllAsync(registry, TestRegistry.AdminSecret, Default)).ToDictionary(l => l.Session);

        Assert.All(parity.Values, l => Assert.Equal(Workshops, l.Policy));
        Assert.All(diversity.Values, l => Assert.Equal(Default, l.Policy));
        Assert.Equal([Verdict.Unbalanced, Verdict.Balanced, Verdict.Balanced], new[] { Ws, Ms, Ms2 }.Select(s => parity[s].Verdict));
        Assert.Equal([Verdict.Balanced, Verdict.Unbalanced, Verdict.Balanced], new[] { Ws, Ms, Ms2 }.Select(s => diversity[s].Verdict));
    }

    [Fact]
    public async Task A_verdict_filter_works_across_the_kinds_policies_page_by_page()
    {
        await using var registry = await ForumMeetingAsync();

        var unbalanced = await ListAllAsync(registry, TestRegistry.AdminSecret, filter: "verdict = VERDICT_UNBALANCED", pageSize: 1);
        var balanced = await ListAllAsync(registry, TestRegistry.AdminSecret, filter: "verdict = VERDICT_BALANCED", pageSize: 1);
        var mainUnbalanced = await ListAllAsync(registry, TestRegistry.AdminSecret, filter: "verdict = VERDICT_UNBALANCED AND kind = SESSION_KIND_MAIN_SESSION");

        Assert.Equal(new[] { Ms, Ws }, unbalanced.Select(l => l.Session).Order(StringComparer.Ordinal));
        Assert.Equal([Ms2], balanced.Select(l => l.Session));
        Assert.Equal([Ms], mainUnbalanced.Select(l => l.Session));
    }

    [Fact]
    public async Task The_meeting_report_counts_the_verdicts_of_each_kinds_policy_and_names_them()
    {
        await using var registry = await ForumMeetingAsync();
        var reports = new ReportService.ReportServiceClient(registry.Channel);

        var report = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting, Options = new ReportOptions { IncludePersonalData = true },
        });
        var rows = await ListAllAsync(registry, TestRegistry.AdminSecret);
        var named = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting, Options = new ReportOptions { IncludePersonalData = true, Policy = Default },
        });
        var http = registry.HttpClientFor(TestRegistry.AdminSecret);
        var markdown = await http.GetStringAsync($"/reports/{Meeting}.md?include_personal_data=true");
        var csv = await http.GetStringAsync($"/reports/{Meeting}.csv?include_personal_data=true&table=balance");
        var notBalancedCsv = await http.GetStringAsync($"/reports/{Meeting}.csv?include_personal_data=true&table=not_balanced");

        var balance = report.Balance;
        Assert.Equal(Default, balance.Policy);
        Assert.Equal([(SessionKind.Workshop, Workshops)], balance.KindPolicies.Select(k => (k.Kind, k.Policy)));
        Assert.Equal(rows.Count, balance.Sessions);
        Assert.Equal(rows.Count(r => r.Verdict == Verdict.Balanced), balance.Balanced);
        Assert.Equal(rows.Count(r => r.Verdict == Verdict.Unbalanced), balance.Unbalanced);
        Assert.Equal((3, 1, 2), (balance.Sessions, balance.Balanced, balance.Unbalanced));
        Assert.Equal(
            rows.Where(r => r.Verdict != Verdict.Balanced).Select(r => (r.Session, r.Verdict, r.Policy)).OrderBy(r => r.Session, StringComparer.Ordinal),
            balance.NotBalanced.Select(n => (n.Session, n.Verdict, n.Policy)).OrderBy(r => r.Session, StringComparer.Ordinal));
        Assert.Empty(named.Balance.KindPolicies);
        Assert.Equal((Default, 2, 1), (named.Balance.Policy, named.Balance.Balanced, named.Balance.Unbalanced));
        Assert.Contains($"Under `{Default}` (Workshops: `{Workshops}`): 1 of 3 sessions balanced", markdown, StringComparison.Ordinal);
        Assert.Contains($"SESSION_KIND_WORKSHOP={Workshops}", csv, StringComparison.Ordinal);
        Assert.Contains($"{Meeting},{Workshops},{Ws},", notBalancedCsv, StringComparison.Ordinal);
        Assert.Contains($"{Meeting},{Default},{Ms},", notBalancedCsv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_viewer_gets_each_row_redacted_by_its_own_policy()
    {
        await using var registry = await ForumMeetingAsync();
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        var lines = (await ListAllAsync(registry, viewer)).ToDictionary(l => l.Session);
        var refused = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () =>
            ListAllAsync(registry, viewer, filter: "verdict = VERDICT_UNBALANCED"));
        var underDefault = await ListAllAsync(registry, viewer, Default, "verdict = VERDICT_UNBALANCED");
        var report = await new ReportService.ReportServiceClient(registry.ChannelFor(viewer)).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = Meeting });

        // The workshop's verdict rests on gender under panel-parity; the main sessions' does not under igf-2017-diversity.
        Assert.Equal((Verdict.Unspecified, Workshops), (lines[Ws].Verdict, lines[Ws].Policy));
        Assert.Empty(lines[Ws].FailedRules);
        Assert.Equal(["verdict", "score", "failed_rules"], lines[Ws].RedactedFields);
        Assert.Equal((Verdict.Unbalanced, Default), (lines[Ms].Verdict, lines[Ms].Policy));
        Assert.Equal(["min-speakers"], lines[Ms].FailedRules);
        Assert.Equal(["score"], lines[Ms].RedactedFields);
        Assert.Equal(["score"], lines[Ms2].RedactedFields);
        Assert.Equal("filter", refused.GetDetail<ErrorInfo>().Metadata["field"]);
        Assert.Equal([Ms], underDefault.Select(l => l.Session));
        Assert.True(report.Balance.VerdictsWithheld);
        Assert.Empty(report.Balance.NotBalanced);
        Assert.Equal([Workshops], report.Balance.KindPolicies.Select(k => k.Policy));
    }
}
