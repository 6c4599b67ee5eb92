using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>A policy naming the session kinds it applies to: sessions of other kinds are NOT_APPLICABLE.</summary>
public sealed class SessionKindPolicyTests
{
    /// <summary>Meeting <c>meetings/m</c> with a one-man workshop, a one-man lightning talk and a mixed workshop; policy <c>workshops</c> (two speakers, workshops only).</summary>
    private static async Task<TestRegistry> ProgrammeAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M", Forum = "IGF" } });
        var man = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "A", Gender = Gender.Man } });
        var woman = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "B", Gender = Gender.Woman } });
        foreach (var (id, kind, people) in new[]
        {
            ("ws-alone", SessionKind.Workshop, new[] { man }),
            ("talk", SessionKind.LightningTalk, new[] { man }),
            ("ws-pair", SessionKind.Workshop, new[] { man, woman }),
        })
        {
            await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = id, Session = new Session { DisplayName = id, Kind = kind } });
            foreach (var person in people)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = $"meetings/m/sessions/{id}",
                    Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                });
            }
        }

        await new BalanceService.BalanceServiceClient(registry.Channel).CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "workshops",
            Policy = new Policy
            {
                DisplayName = "Workshops",
                Rules = { new Rule { MinSpeakers = new MinSpeakers { Count = 2 } } },
                SessionKinds = { SessionKind.Workshop },
            },
        });
        return registry;
    }

    [Fact]
    public async Task A_lightning_talk_is_not_applicable_under_a_workshop_only_policy()
    {
        await using var registry = await ProgrammeAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var talk = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/talk", Policy = "policies/workshops" });
        var workshop = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/ws-alone", Policy = "policies/workshops" });
        var anyKind = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest
        {
            Session = "meetings/m/sessions/talk",
            InlinePolicy = new Policy { Rules = { new Rule { MinSpeakers = new MinSpeakers { Count = 2 } } } },
        });

        Assert.Equal(Verdict.NotApplicable, talk.Verdict);
        Assert.Empty(talk.RuleResults);
        Assert.Equal(Verdict.Unbalanced, workshop.Verdict);
        Assert.Equal(Verdict.Unbalanced, anyKind.Verdict);
    }

    [Fact]
    public async Task The_session_list_reports_not_applicable_and_filters_by_it()
    {
        await using var registry = await ProgrammeAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var all = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/m", Policy = "policies/workshops" });
        var filtered = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest
        {
            Parent = "meetings/m", Policy = "policies/workshops", Filter = "verdict = VERDICT_NOT_APPLICABLE",
        });

        Assert.Equal(
            new Dictionary<string, Verdict> { ["meetings/m/sessions/ws-alone"] = Verdict.Unbalanced, ["meetings/m/sessions/talk"] = Verdict.NotApplicable, ["meetings/m/sessions/ws-pair"] = Verdict.Balanced },
            all.SessionBalances.ToDictionary(s => s.Session, s => s.Verdict));
        Assert.Equal(["meetings/m/sessions/talk"], filtered.SessionBalances.Select(s => s.Session));
    }

    [Fact]
    public async Task A_report_leaves_not_applicable_sessions_out_of_its_sessions_and_share()
    {
        await using var registry = await ProgrammeAsync();

        var summary = (await new ReportService.ReportServiceClient(registry.Channel).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { Policy = "policies/workshops", IncludePersonalData = true },
        })).Balance;

        Assert.Equal((2, 1, 1, 0, 0.5), (summary.Sessions, summary.Balanced, summary.Unbalanced, summary.Indeterminate, summary.BalancedShare));
        Assert.Equal(["meetings/m/sessions/ws-alone"], summary.NotBalanced.Select(n => n.Session));
    }

    [Fact]
    public async Task Session_kinds_are_kept_and_updated_with_the_policy()
    {
        await using var registry = await ProgrammeAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var stored = await balance.GetPolicyAsync(new GetPolicyRequest { Name = "policies/workshops" });
        stored.Rules[0].MinSpeakers.Count = 1;
        var rulesOnly = await balance.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = stored, UpdateMask = new() { Paths = { "rules" } } });
        var kindsAfterRules = rulesOnly.SessionKinds.ToList();
        rulesOnly.SessionKinds.Clear();
        rulesOnly.SessionKinds.Add(SessionKind.LightningTalk);
        var kindsOnly = await balance.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = rulesOnly, UpdateMask = new() { Paths = { "session_kinds" } } });

        Assert.Equal([SessionKind.Workshop], kindsAfterRules);
        Assert.Equal([SessionKind.LightningTalk], kindsOnly.SessionKinds);
        Assert.Equal(1, kindsOnly.Rules[0].MinSpeakers.Count);
    }

    [Fact]
    public async Task Undefined_unspecified_and_repeated_kinds_are_refused_with_their_field()
    {
        await using var registry = await ProgrammeAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        Policy With(params SessionKind[] kinds) => new()
        {
            DisplayName = "P", Rules = { new Rule { MinSpeakers = new MinSpeakers { Count = 1 } } }, SessionKinds = { kinds },
        };

        await RpcAssert.InvalidFieldAsync("policy.session_kinds[1]", async () =>
            await balance.CreatePolicyAsync(new CreatePolicyRequest { Policy = With(SessionKind.TownHall, SessionKind.TownHall) }));
        await RpcAssert.InvalidFieldAsync("policy.session_kinds[0]", async () =>
            await balance.CreatePolicyAsync(new CreatePolicyRequest { Policy = With(SessionKind.Unspecified) }));
        await RpcAssert.InvalidFieldAsync("inline_policy.session_kinds[0]", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/talk", InlinePolicy = With((SessionKind)99) }));
        var policies = await balance.ListPoliciesAsync(new ListPoliciesRequest());
        Assert.Equal(["policies/workshops"], policies.Policies.Where(p => !p.ReadOnly).Select(p => p.Name));
    }
}
