using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

public sealed class SuggestionTests
{
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    private static async Task<Dictionary<string, Stakeholder>> RegisterCandidatesAsync(TestRegistry registry)
    {
        var batch = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Person("Amina Diallo", StakeholderGroup.CivilSociety, "SN", Gender.Woman),
                Person("Lucía Fernández", StakeholderGroup.PrivateSector, "AR", Gender.Woman),
                Person("Ewa Nowak", StakeholderGroup.TechnicalCommunity, "PL", Gender.Woman),
                Person("Jan Müller", StakeholderGroup.TechnicalCommunity, "DE", Gender.Man),
            },
        });
        return batch.Stakeholders.ToDictionary(s => s.DisplayName);
    }

    private static CreateStakeholderRequest Person(string name, StakeholderGroup group, string country, Gender gender) => new()
    {
        Stakeholder = new Stakeholder { DisplayName = name, StakeholderGroup = group, CountryCode = country, Gender = gender },
    };

    [Fact]
    public async Task Suggestions_close_the_weog_gap_and_adding_the_first_ones_balances_the_seed_panel()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var people = await RegisterCandidatesAsync(registry);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var suggested = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session });

        Assert.Equal(["max-regional-group-share"], suggested.FailingRules);
        Assert.Equal(["Amina Diallo", "Lucía Fernández", "Ewa Nowak"], suggested.Suggestions.Select(s => s.DisplayName));
        Assert.All(suggested.Suggestions, s =>
        {
            Assert.Equal(["max-regional-group-share"], s.FixesRules);
            Assert.True(s.Newcomer);
            Assert.Equal(0, s.SessionsInMeeting);
            Assert.Contains(s.DisplayName, s.Reason, StringComparison.Ordinal);
        });
        // A WEOG panellist would widen the gap; people already on the panel are never suggested.
        Assert.DoesNotContain(suggested.Suggestions, s => s.Stakeholder == people["Jan Müller"].Name);

        // The organiser's "what if": today's panel plus the suggested people.
        var seats = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = Session });
        var proposal = new ProposedPanel { Meeting = "meetings/igf-2012" };
        proposal.Panelists.AddRange(seats.Participants.Select(p => new ProposedPanelist
        {
            Stakeholder = p.Stakeholder, Role = p.Role, Confirmation = p.Confirmation, Attendance = p.Attendance,
        }));
        proposal.Panelists.AddRange(suggested.Suggestions.Select(s => new ProposedPanelist
        {
            Stakeholder = s.Stakeholder, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed,
        }));
        var before = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session });
        var after = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = proposal });

        Assert.Equal(Verdict.Unbalanced, before.Verdict);
        Assert.Equal(Verdict.Balanced, after.Verdict);
        Assert.Equal(RuleOutcome.Pass, after.RuleResults.Single(r => r.RuleId == "max-regional-group-share").Outcome);
        Assert.Equal("4 of 8 speakers (50%) are from WEOG; at most 50% allowed.", after.RuleResults.Single(r => r.RuleId == "max-regional-group-share").Explanation);
        // The check of a proposal stores nothing.
        Assert.Equal(8, (await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = Session })).Participants.Count);
    }

    [Fact]
    public async Task Suggestions_page_with_tokens_bound_to_the_request()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        await RegisterCandidatesAsync(registry);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var first = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session, PageSize = 2 });
        var second = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session, PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal(["Amina Diallo", "Lucía Fernández"], first.Suggestions.Select(s => s.DisplayName));
        Assert.Equal(["Ewa Nowak"], second.Suggestions.Select(s => s.DisplayName));
        Assert.Equal("", second.NextPageToken);
        await RpcAssert.InvalidFieldAsync("page_token", async () => await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest
        {
            Session = Session, PageSize = 2, PageToken = first.NextPageToken, Policy = "policies/panel-parity",
        }), "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Registered_only_suggests_people_registered_for_the_meeting()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var people = await RegisterCandidatesAsync(registry);
        await registry.Meetings.CreateRegistrationAsync(new CreateRegistrationRequest
        {
            Parent = "meetings/igf-2012",
            Registration = new Registration { Stakeholder = people["Ewa Nowak"].Name, Attendance = Attendance.Onsite },
        });
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var suggested = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session, RegisteredOnly = true });

        Assert.Equal(["Ewa Nowak"], suggested.Suggestions.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task People_booked_at_the_same_time_or_at_the_policys_session_cap_are_not_suggested()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meetings = registry.Meetings;
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "igf-2026", Meeting = new Meeting { DisplayName = "IGF 2026", Forum = "IGF" } });
        var start = DateTimeOffset.Parse("2026-06-23T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        async Task<Session> SessionAt(string id, int hour) => await meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = "meetings/igf-2026",
            SessionId = id,
            Session = new Session { DisplayName = id, StartTime = Timestamp.FromDateTimeOffset(start.AddHours(hour)), EndTime = Timestamp.FromDateTimeOffset(start.AddHours(hour + 1)) },
        });
        var target = await SessionAt("target", 0);
        var clash = await SessionAt("clash", 0);
        var later = await SessionAt("later", 3);
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Person("Speaker One", StakeholderGroup.Government, "FR", Gender.Man),
                Person("Busy Elsewhere", StakeholderGroup.CivilSociety, "KE", Gender.Woman),
                Person("Free Later", StakeholderGroup.CivilSociety, "GH", Gender.Woman),
            },
        })).Stakeholders.ToDictionary(s => s.DisplayName);
        async Task Seat(Session session, string person) => await meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = session.Name,
            Participant = new Participant { Stakeholder = people[person].Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
        });
        await Seat(target, "Speaker One");
        await Seat(clash, "Busy Elsewhere");
        await Seat(later, "Free Later");

        var suggested = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = target.Name, Policy = "policies/panel-parity" });

        var only = Assert.Single(suggested.Suggestions);
        Assert.Equal("Free Later", only.DisplayName);
        Assert.Equal(1, only.SessionsInMeeting);
        Assert.Equal(["not-single-gender"], only.FixesRules);

        // Under a cap of one session per person, "Free Later" is at the cap already.
        await balance.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "one-session-each",
            Policy = new Policy
            {
                DisplayName = "One session each",
                Rules =
                {
                    new Rule { NotSingleGender = new NotSingleGender() },
                    new Rule { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 1 } },
                },
            },
        });
        var capped = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = target.Name, Policy = "policies/one-session-each" });
        Assert.Empty(capped.Suggestions);
        Assert.Equal(["not-single-gender"], capped.FailingRules);
    }

    [Fact]
    public async Task Suggest_for_a_missing_session_is_not_found_and_a_bad_name_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", async () =>
            await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "meetings/igf-2012/sessions/ws-999" }));
        await RpcAssert.InvalidFieldAsync("session", async () =>
            await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "ws-85" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", async () =>
            await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session, Policy = "policies/nope" }));
    }
}
