using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// A meeting's overview loads many panels at once by aggregating each person's seats once; a single
/// check looks them up seat by seat. Both must judge every panel alike.
/// </summary>
public sealed class ManySessionsTests
{
    [Fact]
    public async Task The_overview_of_many_sessions_agrees_with_checking_each_session()
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);

        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        await balance.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "per-person",
            Policy = new Policy
            {
                DisplayName = "Per person",
                Rules =
                {
                    new Rule { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 2 } },
                    new Rule { NoOverlappingSessions = new NoOverlappingSessions() },
                    new Rule { MinFirstTimeSpeakers = new MinFirstTimeSpeakers { Count = 2 } },
                    new Rule { MinDevelopingCountrySpeakers = new MinDevelopingCountrySpeakers { Count = 1 } },
                    new Rule { NotSingleGender = new NotSingleGender(), Severity = RuleSeverity.Advisory },
                },
            },
        });

        var overview = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/m2026", Policy = "policies/per-person", PageSize = 100 });

        Assert.Equal(25, overview.SessionBalances.Count);
        foreach (var line in overview.SessionBalances)
        {
            var single = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = line.Session, Policy = "policies/per-person" });
            Assert.Equal(single.Verdict, line.Verdict);
            Assert.Equal(single.Score, line.Score);
            Assert.Equal(single.RuleResults.Where(r => r.Outcome == RuleOutcome.Fail && r.Severity == RuleSeverity.Required).Select(r => r.RuleId), line.FailedRules);
        }

        // The report's balance summary streams the same panels: it must count the same verdicts,
        // with a policy that reads people's other seats and with one that does not.
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        foreach (var policy in new[] { "policies/per-person", "policies/multistakeholder-balance" })
        {
            var list = policy == "policies/per-person"
                ? overview
                : await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/m2026", Policy = policy, PageSize = 100 });
            // With personal data allowed: the default policy judges gender, so a public report names no session.
            var summary = (await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
            {
                Name = "meetings/m2026", Options = new ReportOptions { Policy = policy, IncludePersonalData = true },
            })).Balance;
            Assert.Equal(25, summary.Sessions);
            Assert.Equal(list.SessionBalances.Count(s => s.Verdict == Verdict.Balanced), summary.Balanced);
            Assert.Equal(list.SessionBalances.Count(s => s.Verdict == Verdict.Unbalanced), summary.Unbalanced);
            Assert.Equal(list.SessionBalances.Count(s => s.Verdict == Verdict.Indeterminate), summary.Indeterminate);
            Assert.Equal(
                list.SessionBalances.Where(s => s.Verdict != Verdict.Balanced).Select(s => s.Session).Order(StringComparer.Ordinal),
                summary.NotBalanced.Select(s => s.Session).Order(StringComparer.Ordinal));
        }

        // The data exercises what the aggregation replaces: caps, overlaps and returning speakers.
        Assert.Contains(overview.SessionBalances, s => s.FailedRules.Contains("max-sessions-per-person"));
        Assert.Contains(overview.SessionBalances, s => s.FailedRules.Contains("no-overlapping-sessions"));
        Assert.Contains(overview.SessionBalances, s => s.FailedRules.Contains("min-first-time-speakers"));
    }
}

/// <summary>
/// Two meetings of one forum (m2025 with 5 sessions, m2026 with 25), 30 people seated at random:
/// people in several sessions, overlapping sessions, cancelled sessions and returning speakers.
/// </summary>
internal static class ManySessionsMeeting
{
    public static async Task SeedAsync(TestRegistry registry)
    {
        var random = new Random(7);
        var meetings = registry.Meetings;
        await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m2025", Meeting = new Meeting { DisplayName = "2025", Forum = "F", StartDate = new Google.Type.Date { Year = 2025, Month = 6, Day = 1 } } });
        await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m2026", Meeting = new Meeting { DisplayName = "2026", Forum = "F", StartDate = new Google.Type.Date { Year = 2026, Month = 6, Day = 1 } } });
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Enumerable.Range(0, 30).Select(i => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = $"P{i}", Gender = (Gender)random.Next(6), StakeholderGroup = (StakeholderGroup)random.Next(6), CountryCode = i % 3 == 0 ? "FJ" : "DE" },
                }),
            },
        })).Stakeholders;
        var start = DateTimeOffset.Parse("2026-06-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (meeting, count) in new[] { ("m2025", 5), ("m2026", 25) })
        {
            for (var s = 0; s < count; s++)
            {
                var session = await meetings.CreateSessionAsync(new CreateSessionRequest
                {
                    Parent = $"meetings/{meeting}",
                    SessionId = $"s{s:D2}",
                    Session = new Session
                    {
                        DisplayName = $"s{s}",
                        State = s % 7 == 6 ? SessionState.Cancelled : SessionState.Scheduled,
                        StartTime = Timestamp.FromDateTimeOffset(start.AddHours(s % 6)),
                        EndTime = Timestamp.FromDateTimeOffset(start.AddHours((s % 6) + 1)),
                    },
                });
                foreach (var person in people.OrderBy(_ => random.Next()).Take(2 + random.Next(5)))
                {
                    await meetings.CreateParticipantAsync(new CreateParticipantRequest
                    {
                        Parent = session.Name,
                        Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                    });
                }
            }
        }
    }
}
