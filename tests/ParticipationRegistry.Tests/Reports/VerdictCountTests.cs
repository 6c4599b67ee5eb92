using System.Net;
using Google.Protobuf;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Reports.Exports;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Verdict counts (issue 10, attack 3): policies of one required rule reading gender or attributes, published by
/// an admin, and the balance summaries a public caller gets under them, restricted or not, large or small.
/// </summary>
public sealed class VerdictCountTests
{
    private const int K = 3;

    private static readonly string[] OnePersonPolicies = ["policies/women", "policies/not-men", "policies/youth-1", "policies/youth-2"];

    private static readonly string[] SessionIds = ["ws1", "ws2", "ws3", "ws4", "ms1", "ms2", "ms3", "of1"];

    private static readonly BalanceRule NotSingleGender = new("not-single-gender", Severity.Required, Scope.Default, new NotSingleGenderRule());

    private static readonly BalanceRule ThreeSpeakers = new("three-speakers", Severity.Required, Scope.Default, new MinSpeakersRule(3));

    private static readonly VerdictTally FiveSessions = new(5, 3, 1, 1);

    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    /// <summary>
    /// Eight sessions of three speakers: one woman (ws1), one youth (ms1) and one person with a disability
    /// (of1, the meeting's only open forum), every other speaker a man; four one-rule policies published.
    /// </summary>
    private static async Task<TestRegistry> MeetingAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "m" } });
        (string Id, SessionKind Kind, string Theme)[] sessions =
        [
            ("ws1", SessionKind.Workshop, "access"), ("ws2", SessionKind.Workshop, "access"), ("ws3", SessionKind.Workshop, "rights"), ("ws4", SessionKind.Workshop, "rights"),
            ("ms1", SessionKind.MainSession, "access"), ("ms2", SessionKind.MainSession, "rights"), ("ms3", SessionKind.MainSession, "rights"), ("of1", SessionKind.OpenForum, "access"),
        ];
        var person = 0;
        foreach (var (id, kind, theme) in sessions)
        {
            await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = "meetings/m", SessionId = id, Session = new Session { DisplayName = id, Kind = kind, Theme = theme },
            });
            for (var seat = 0; seat < 3; seat++)
            {
                var stakeholder = new Stakeholder { DisplayName = $"p{person++}", Gender = seat == 0 && id == "ws1" ? Gender.Woman : Gender.Man };
                if (seat == 0 && id == "ms1") stakeholder.Attributes.Add(StakeholderAttribute.Youth);
                if (seat == 0 && id == "of1") stakeholder.Attributes.Add(StakeholderAttribute.PersonWithDisability);
                var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = stakeholder });
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = $"meetings/m/sessions/{id}", Participant = new Participant { Stakeholder = created.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                });
            }
        }

        var policies = new BalanceService.BalanceServiceClient(registry.Channel);
        foreach (var (id, rule) in new[]
        {
            ("women", new Rule { MinWomenShare = new MinWomenShare { MinShare = 0.01 } }),
            ("not-men", new Rule { MinNotMen = new MinNotMen { Count = 2 } }),
            ("youth-1", new Rule { MinYouth = new MinYouth { Count = 1 } }),
            ("youth-2", new Rule { MinYouth = new MinYouth { Count = 2 } }),
        })
        {
            rule.Severity = RuleSeverity.Required;
            await policies.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = id, Policy = new Policy { DisplayName = id, Rules = { rule }, Published = true } });
        }

        return registry;
    }

    private static Task<DiversityReport> PublicAsync(TestRegistry registry, GetMeetingDiversityRequest request) =>
        new ReportService.ReportServiceClient(registry.ChannelFor(null)).GetMeetingDiversityAsync(request).ResponseAsync;

    private static void AssertWithheld(BalanceSummary balance, int sessions)
    {
        Assert.True(balance.CountsWithheld, $"{balance.Policy}: counts given");
        Assert.True(balance.VerdictsWithheld);
        Assert.Equal(sessions, balance.Sessions);
        Assert.Equal(0, balance.Balanced + balance.Unbalanced + balance.Indeterminate);
        Assert.Equal(0, balance.BalancedShare);
        Assert.Empty(balance.NotBalanced);
    }

    [Fact]
    public async Task Public_summaries_of_restricted_reports_give_no_verdict_counts()
    {
        await using var registry = await MeetingAsync();
        var restrictions = new List<Action<GetMeetingDiversityRequest>>
        {
            r => r.Kinds.Add(SessionKind.Workshop),
            r => r.Kinds.Add(SessionKind.OpenForum),
            r => r.Kinds.AddRange([SessionKind.Workshop, SessionKind.MainSession]),
            r => r.Themes.Add("access"),
            r => r.Themes.Add("rights"),
            r => r.States.Add(SessionState.Proposed),
            r => r.Roles.Add(ParticipantRole.Speaker),
        };

        foreach (var policy in OnePersonPolicies)
        {
            foreach (var restrict in restrictions)
            {
                var request = new GetMeetingDiversityRequest { Name = "meetings/m", Options = new ReportOptions { Policy = policy } };
                restrict(request);
                var exact = (await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest(request)
                {
                    Options = new ReportOptions { Policy = policy, IncludePersonalData = true },
                })).Balance;

                AssertWithheld((await PublicAsync(registry, request)).Balance, exact.Sessions);
            }
        }
    }

    [Fact]
    public async Task Public_summaries_judging_fewer_than_k_sessions_give_no_verdict_counts()
    {
        await using var registry = await MeetingAsync();

        var session = await new ReportService.ReportServiceClient(registry.ChannelFor(null)).GetSessionDiversityAsync(new GetSessionDiversityRequest
        {
            Name = "meetings/m/sessions/ws1", Options = new ReportOptions { Policy = "policies/women" },
        });
        // Eight sessions are fewer than a threshold of 9: the threshold is the caller's k.
        var largeK = await PublicAsync(registry, new GetMeetingDiversityRequest { Name = "meetings/m", Options = new ReportOptions { Policy = "policies/women", SuppressionThreshold = 9 } });
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "small", Meeting = new Meeting { DisplayName = "small" } });
        foreach (var id in new[] { "a", "b" })
        {
            await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/small", SessionId = id, Session = new Session { DisplayName = id } });
            var woman = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = id, Gender = Gender.Woman } });
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = $"meetings/small/sessions/{id}", Participant = new Participant { Stakeholder = woman.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
            });
        }

        var small = await PublicAsync(registry, new GetMeetingDiversityRequest { Name = "meetings/small", Options = new ReportOptions { Policy = "policies/women" } });

        AssertWithheld(session.Balance, 1);
        AssertWithheld(largeK.Balance, 8);
        AssertWithheld(small.Balance, 2);
    }

    [Fact]
    public async Task Public_summaries_of_the_whole_meeting_give_no_verdict_counts_either_on_any_route()
    {
        await using var registry = await MeetingAsync();
        using var http = registry.HttpClientFor(null);

        foreach (var policy in OnePersonPolicies)
        {
            var request = new GetMeetingDiversityRequest { Name = "meetings/m", Options = new ReportOptions { Policy = policy } };
            var balanceCsv = await http.GetStringAsync(Relative($"/reports/meetings/m.csv?table=balance&policy={policy}"));
            var notBalancedCsv = await http.GetStringAsync(Relative($"/reports/meetings/m.csv?table=not_balanced&policy={policy}"));
            var csv = Assert.Single(CsvReading.ParseBalance(balanceCsv, notBalancedCsv)).Balance;
            var json = Json.Parse<DiversityReport>(await http.GetStringAsync(Relative($"/v1/meetings/m:diversity?options.policy={policy}"))).Balance;

            AssertWithheld((await PublicAsync(registry, request)).Balance, 8);
            // An admin who does not ask for personal data gets the public view.
            AssertWithheld((await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(request)).Balance, 8);
            AssertWithheld(json, 8);
            Assert.Equal((8, 0, 0, 0, 0.0), (csv.Sessions, csv.Balanced, csv.Unbalanced, csv.Indeterminate, csv.BalancedShare));
        }
    }

    [Fact]
    public async Task Personal_data_asked_with_rights_gives_exact_counts_and_names()
    {
        await using var registry = await MeetingAsync();

        var women = (await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Options = new ReportOptions { Policy = "policies/women", IncludePersonalData = true },
        })).Balance;
        var workshops = (await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Kinds = { SessionKind.Workshop }, Options = new ReportOptions { Policy = "policies/not-men", IncludePersonalData = true },
        })).Balance;

        Assert.Equal((8, 1, 7, 0), (women.Sessions, women.Balanced, women.Unbalanced, women.Indeterminate));
        Assert.Equal(1 / 8.0, women.BalancedShare);
        Assert.False(women.CountsWithheld);
        Assert.False(women.VerdictsWithheld);
        Assert.Equal(7, women.NotBalanced.Count);
        Assert.DoesNotContain(women.NotBalanced, v => v.Session == "meetings/m/sessions/ws1");
        Assert.Equal((4, 0, 4), (workshops.Sessions, workshops.Balanced, workshops.Unbalanced));
        Assert.False(workshops.CountsWithheld);
    }

    [Fact]
    public async Task An_unpublished_policy_is_refused_to_a_public_report_and_allowed_to_callers_with_rights()
    {
        await using var registry = await MeetingAsync();
        var policies = new BalanceService.BalanceServiceClient(registry.Channel);
        await policies.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "draft", Policy = new Policy { DisplayName = "draft", Rules = { new Rule { MinYouth = new MinYouth { Count = 1 }, Severity = RuleSeverity.Required } } },
        });
        var options = new ReportOptions { Policy = "policies/draft" };
        using var anonymousHttp = registry.HttpClientFor(null);

        foreach (var secret in new[] { null, await registry.CreateKeyAsync(Role.Viewer) })
        {
            var client = new ReportService.ReportServiceClient(registry.ChannelFor(secret));
            await Stakeholders.PermissionAssert.DeniedAsync("options.policy", async () =>
                await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = options }));
            await Stakeholders.PermissionAssert.DeniedAsync("options.policy", async () =>
                await client.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = "meetings/m/sessions/ms1", Options = options }));
        }

        var page = await anonymousHttp.GetAsync(Relative("/reports/meetings/m?policy=policies/draft"));
        var csv = await anonymousHttp.GetAsync(Relative("/reports/meetings/m.csv?table=balance&policy=policies/draft"));
        var admin = await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = options });

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, csv.StatusCode);
        Assert.Equal("policies/draft", admin.Balance.Policy);
        Assert.True(admin.Balance.VerdictsWithheld);
    }

    [Fact]
    public void Public_verdicts_under_a_required_rule_reading_gender_are_never_counted()
    {
        var rules = new[] { ThreeSpeakers, NotSingleGender };
        var kinds = new SeatScope("m", null, [1], [], [], [], []);
        var themes = new SeatScope("m", null, [], [], ["access"], [], []);

        Assert.Equal(VerdictDisclosure.Withheld, new DisclosurePolicy(new DisclosureRequest(SeatScope.Meeting("m"), K, [], rules)).Verdicts(FiveSessions));
        Assert.Equal(VerdictDisclosure.Withheld, new DisclosurePolicy(new DisclosureRequest(SeatScope.Meeting("m"), K, [], rules)).Verdicts(new VerdictTally(500, 300, 150, 50)));
        Assert.Equal(VerdictDisclosure.Withheld, new DisclosurePolicy(new DisclosureRequest(kinds, K, [], rules)).Verdicts(FiveSessions));
        Assert.Equal(VerdictDisclosure.Withheld, new DisclosurePolicy(new DisclosureRequest(themes, K, [], rules)).Verdicts(FiveSessions));
        Assert.Equal(VerdictDisclosure.Withheld, new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), K, [], rules)).Verdicts(FiveSessions with { Sessions = 1 }));
    }

    [Fact]
    public void Verdicts_are_exact_and_named_with_personal_data_or_under_rules_reading_none_or_only_advising_on_it()
    {
        var exact = new VerdictDisclosure(Named: true, CountsWithheld: false, Balanced: 3, Unbalanced: 1, Indeterminate: 1);
        var advisory = NotSingleGender with { Severity = Severity.Advisory };
        var kinds = new SeatScope("m", null, [1], [], [], [], []);

        Assert.Equal(exact, new DisclosurePolicy(new DisclosureRequest(kinds, 0, [], [NotSingleGender])).Verdicts(FiveSessions));
        Assert.Equal(exact, new DisclosurePolicy(new DisclosureRequest(kinds, K, [], [ThreeSpeakers])).Verdicts(FiveSessions));
        Assert.Equal(exact, new DisclosurePolicy(new DisclosureRequest(kinds, K, [], [ThreeSpeakers, advisory])).Verdicts(FiveSessions));
    }
}
