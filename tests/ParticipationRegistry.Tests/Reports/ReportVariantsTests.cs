using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Tests.Infrastructure;
using Population = ParticipationRegistry.V1.Population;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.ReportReading;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Restricted variants of a meeting report, asked for together: every figure a caller without personal-data
/// rights can get is handed to a brute-force attacker, who must not pin down any withheld count.
/// </summary>
public sealed class ReportVariantsTests
{
    private static readonly SessionKind[] Kinds = [SessionKind.Workshop, SessionKind.MainSession, SessionKind.OpenForum];

    /// <summary>
    /// A meeting with one kind per entry, each of <paramref name="sessionsPerKind"/> sessions sharing out
    /// speakers of the given genders in turn.
    /// </summary>
    private static async Task MeetingAsync(TestRegistry registry, string meetingId, Gender[][] kinds, int[]? sessionsPerKind = null)
    {
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = meetingId, Meeting = new Meeting { DisplayName = meetingId } });
        for (var k = 0; k < kinds.Length; k++)
        {
            var count = sessionsPerKind?[k] ?? 2;
            if (count == 0)
            {
                continue;
            }

            var sessions = new List<Session>();
            for (var s = 0; s < count; s++)
            {
                sessions.Add(await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
                {
                    Parent = $"meetings/{meetingId}", SessionId = $"k{k}s{s}", Session = new Session { DisplayName = $"k{k}s{s}", Kind = Kinds[k] },
                }));
            }

            var people = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
            {
                Requests = { kinds[k].Select((g, i) => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"{k}-{i}", Gender = g } }) },
            });
            for (var i = 0; i < people.Stakeholders.Count; i++)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = sessions[i % count].Name, Participant = new Participant { Stakeholder = people.Stakeholders[i].Name, Role = ParticipantRole.Speaker },
                });
            }
        }
    }

    private static Gender[] Genders(int women, int men) => [.. Enumerable.Repeat(Gender.Woman, women), .. Enumerable.Repeat(Gender.Man, men)];

    [Fact]
    public async Task The_reports_of_every_set_of_kinds_and_the_whole_meeting_together_reveal_no_withheld_seat_count()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Workshops 4 women and 3 men, main sessions 5 and 4, the open forum 1 and 3: with each kind decided on
        // its own against the whole meeting (10 women), workshops and main sessions would show 4 and 5, and
        // 10 − 4 − 5 would give away the open forum's one woman.
        await MeetingAsync(registry, "m", [Genders(4, 3), Genders(5, 4), Genders(1, 3)]);
        long[,] truth = { { 4, 3 }, { 5, 4 }, { 1, 3 } };
        var categories = new[] { "GENDER_WOMAN", "GENDER_MAN" };

        // Every non-empty set of kinds, and the whole meeting (the set of all three, unrestricted).
        var variants = new List<(int[] Kinds, DiversityReport Report)>
        {
            ([0, 1, 2], await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" })),
        };
        for (var set = 1; set < 8; set++)
        {
            int[] members = [.. Enumerable.Range(0, 3).Where(k => (set & (1 << k)) != 0)];
            var request = new GetMeetingDiversityRequest { Name = "meetings/m" };
            request.Kinds.AddRange(members.Select(k => Kinds[k]));
            variants.Add((members, await Client(registry).GetMeetingDiversityAsync(request)));
        }

        // Unknowns: the women and men of each kind (6). Equations: each kind's size (public), and every count shown.
        var equations = new List<(int[] Unknowns, long Sum)>();
        var shownAnywhere = 0;
        foreach (var (members, report) in variants)
        {
            var gender = Breakdown(report, ReportDimension.Gender, Population.Seats);
            Assert.False(gender.Withheld);
            // Nobody has another gender here, so those cells are public zeros; women and men are what matters.
            Assert.All(gender.Categories.Where(c => !categories.Contains(c.Category)), c => Assert.Equal(0, c.Count));
            for (var c = 0; c < categories.Length; c++)
            {
                var cell = gender.Categories.Single(x => x.Category == categories[c]);
                var expected = members.Sum(k => truth[k, c]);
                if (!cell.Suppressed)
                {
                    Assert.Equal(expected, cell.Count);
                    equations.Add(([.. members.Select(k => (k * 2) + c)], cell.Count));
                    shownAnywhere++;
                }
            }

            if (members.Length == 1)
            {
                equations.Add(([members[0] * 2, (members[0] * 2) + 1], report.Seats));
            }
        }

        var seen = Enumerable.Range(0, 6).Select(_ => new HashSet<long>()).ToArray();
        SubtractionAttack.Enumerate(6, equations, values =>
        {
            for (var u = 0; u < 6; u++)
            {
                seen[u].Add(values[u]);
            }
        });

        Assert.True(shownAnywhere > 0, "everything withheld: the test would prove nothing");
        // The open forum's one woman (and so its three men) can be more than one thing.
        Assert.True(seen[4].Count >= 2, $"the open forum's women: {string.Join(", ", seen[4])}");
        Assert.True(seen[5].Count >= 2);
        // Every count from 1 to k−1 is as safe.
        for (var u = 0; u < 6; u++)
        {
            Assert.Contains(truth[u / 2, u % 2], seen[u]);
            if (truth[u / 2, u % 2] is >= 1 and < 3)
            {
                Assert.True(seen[u].Count >= 2, $"unknown {u}");
            }
        }

        // Kinds are not personal: each kind's size is shown in full.
        Assert.Equal(4, variants.Single(v => v.Kinds.SequenceEqual([2])).Report.Seats);
    }

    [Fact]
    public async Task Other_restrictions_and_the_panellists_of_a_restricted_report_withhold_personal_figures_whole()
    {
        await using var registry = await TestRegistry.StartAsync();
        await MeetingAsync(registry, "m", [Genders(6, 6), Genders(5, 5)]);

        var byRole = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Roles = { ParticipantRole.Speaker } });
        var byKindAndRole = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Kinds = { SessionKind.Workshop }, Roles = { ParticipantRole.Speaker },
        });
        var byKind = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop } });
        var allowed = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Roles = { ParticipantRole.Speaker }, Options = new ReportOptions { IncludePersonalData = true },
        });

        foreach (var report in new[] { byRole, byKindAndRole })
        {
            foreach (var population in new[] { Population.Seats, Population.Panellists })
            {
                Assert.True(Breakdown(report, ReportDimension.Gender, population).Withheld);
                Assert.True(Breakdown(report, ReportDimension.Attribute, population).Withheld);
                Assert.All(Breakdown(report, ReportDimension.Gender, population).Categories, c => Assert.False(c.HasCount));
            }

            // What is not personal stays: the sizes and the groups.
            Assert.False(Breakdown(report, ReportDimension.StakeholderGroup, Population.Seats).Withheld);
        }

        Assert.Equal(12, byKindAndRole.Seats);
        // Restricted to a kind alone, the seats' genders are given; its panellists' are not (a person may sit in several kinds).
        Assert.Equal(6, Breakdown(byKind, ReportDimension.Gender, Population.Seats).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
        Assert.True(Breakdown(byKind, ReportDimension.Gender, Population.Panellists).Withheld);
        Assert.Equal(11, Breakdown(allowed, ReportDimension.Gender, Population.Seats).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
        Assert.False(Breakdown(allowed, ReportDimension.Gender, Population.Panellists).Withheld);
    }

    [Fact]
    public async Task The_seats_and_the_people_holding_them_together_reveal_no_withheld_gender_count()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Two women, three men and two people with no gender recorded, one of whom sits on both panels:
        // 7 panellists, 8 seats. A zero withheld in the seats beside their 2 women, but shown for the people,
        // would give the 2 away (empty for the people means empty for their seats).
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "m" } });
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                new[] { Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man, Gender.Unspecified, Gender.Unspecified }
                    .Select((g, i) => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"p{i}", Gender = g } }),
            },
        })).Stakeholders;
        foreach (var (session, members) in new[] { ("s0", new[] { 0, 2, 5, 6 }), ("s1", new[] { 1, 3, 4, 6 }) })
        {
            var created = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = session, Session = new Session { DisplayName = session } });
            foreach (var member in members)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest { Parent = created.Name, Participant = new Participant { Stakeholder = people[member].Name, Role = ParticipantRole.Speaker } });
            }
        }

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });

        var seats = Breakdown(report, ReportDimension.Gender, Population.Seats).Categories.ToList();
        var panellists = Breakdown(report, ReportDimension.Gender, Population.Panellists).Categories.ToList();
        Assert.Equal(8, report.Seats);
        Assert.Equal(7, report.Panellists);
        long[] seatTruth = [.. seats.Select(c => c.Category switch { "GENDER_WOMAN" => 2L, "GENDER_MAN" => 3L, "GENDER_UNSPECIFIED" => 3L, _ => 0L })];
        long[] peopleTruth = [.. panellists.Select(c => c.Category switch { "GENDER_WOMAN" => 2L, "GENDER_MAN" => 3L, "GENDER_UNSPECIFIED" => 2L, _ => 0L })];
        Assert.True(seats.Single(c => c.Category == "GENDER_WOMAN").Suppressed);

        // Unknowns: each withheld seat count, then each withheld people count. Public: both totals and
        // every shown count; and for every category, people ≤ seats, and none of one exactly when none of the other.
        var unknownSeats = Enumerable.Range(0, seats.Count).Where(i => seats[i].Suppressed).ToArray();
        var unknownPeople = Enumerable.Range(0, panellists.Count).Where(i => panellists[i].Suppressed).ToArray();
        var equations = new List<(int[], long)>
        {
            ([.. Enumerable.Range(0, unknownSeats.Length)], 8 - seats.Where(c => !c.Suppressed).Sum(c => c.Count)),
            ([.. Enumerable.Range(unknownSeats.Length, unknownPeople.Length)], 7 - panellists.Where(c => !c.Suppressed).Sum(c => c.Count)),
        };
        var seen = new HashSet<long>[unknownSeats.Length + unknownPeople.Length].Select(_ => new HashSet<long>()).ToArray();
        SubtractionAttack.Enumerate(seen.Length, equations, values =>
        {
            long Seat(int c) => Array.IndexOf(unknownSeats, c) is var u and >= 0 ? values[u] : seats[c].Count;
            long Person(int c) => Array.IndexOf(unknownPeople, c) is var u and >= 0 ? values[unknownSeats.Length + u] : panellists[c].Count;
            if (Enumerable.Range(0, seats.Count).All(c => Person(c) <= Seat(c) && (Person(c) == 0) == (Seat(c) == 0)))
            {
                for (var u = 0; u < values.Length; u++)
                {
                    seen[u].Add(values[u]);
                }
            }
        });

        for (var u = 0; u < unknownSeats.Length; u++)
        {
            Assert.Contains(seatTruth[unknownSeats[u]], seen[u]);
            Assert.True(seen[u].Count >= 2, $"seats {seats[unknownSeats[u]].Category} recovered: {string.Join("|", seen[u])}");
        }

        for (var u = 0; u < unknownPeople.Length; u++)
        {
            Assert.Contains(peopleTruth[unknownPeople[u]], seen[unknownSeats.Length + u]);
            Assert.True(seen[unknownSeats.Length + u].Count >= 2, $"people {panellists[unknownPeople[u]].Category} recovered");
        }
    }

    [Fact]
    public async Task The_seats_and_the_people_cross_tabs_withhold_the_same_cells()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "m" } });
        var random = new Random(3);
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Enumerable.Range(0, 14).Select(i => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = $"p{i}", Gender = (Gender)random.Next(4), StakeholderGroup = (StakeholderGroup)(1 + random.Next(3)) },
                }),
            },
        })).Stakeholders;
        // Four panels; a few people sit on two, so seats and people differ.
        for (var s = 0; s < 4; s++)
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = $"s{s}", Session = new Session { DisplayName = $"s{s}" } });
            foreach (var person in people.Skip(s * 3).Take(5))
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest { Parent = session.Name, Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker } });
            }
        }

        var options = new ReportOptions();
        foreach (var population in new[] { Population.Seats, Population.Panellists })
        {
            options.CrossTabs.Add(new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = population });
        }

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = options });

        var seats = report.CrossTabs.Single(t => t.Population == Population.Seats);
        var panellists = report.CrossTabs.Single(t => t.Population == Population.Panellists);
        Assert.NotEqual(report.Seats, report.Panellists);
        Assert.Contains(seats.Cells, c => c.Suppressed);
        Assert.Equal(
            seats.Cells.Where(c => c.Suppressed).Select(c => (c.Row, c.Column)),
            panellists.Cells.Where(c => c.Suppressed).Select(c => (c.Row, c.Column)));
    }

    [Fact]
    public async Task A_meeting_of_one_panel_withholds_its_gender_as_that_sessions_own()
    {
        await using var registry = await TestRegistry.StartAsync();
        await MeetingAsync(registry, "m", [Genders(4, 5)], sessionsPerKind: [1]);

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { CrossTabs = { new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = Population.Seats } } },
        });
        var allowed = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = new ReportOptions { IncludePersonalData = true } });

        foreach (var population in new[] { Population.Seats, Population.Panellists })
        {
            Assert.True(Breakdown(report, ReportDimension.Gender, population).Withheld);
            Assert.True(Breakdown(report, ReportDimension.Attribute, population).Withheld);
        }

        Assert.All(Assert.Single(report.CrossTabs).Cells, c => Assert.True(c.Suppressed));
        Assert.Equal(9, report.Seats);
        Assert.Equal(4, Breakdown(allowed, ReportDimension.Gender, Population.Seats).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
    }

    [Fact]
    public async Task A_kind_of_one_session_is_revealed_neither_alone_nor_by_subtraction()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Workshops: two sessions, 6 women and 5 men. The open forum: one session, 3 women and 4 men, its
        // own composition however large its counts.
        await MeetingAsync(registry, "m", [Genders(6, 5), [], Genders(3, 4)], sessionsPerKind: [2, 0, 1]);

        var whole = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        var workshops = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop } });
        var forum = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.OpenForum } });
        var both = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop, SessionKind.OpenForum } });

        Assert.True(Breakdown(forum, ReportDimension.Gender, Population.Seats).Withheld);
        Assert.True(Breakdown(both, ReportDimension.Gender, Population.Seats).Withheld);
        // Unknowns: the workshops' women and men (0, 1), the open forum's (2, 3). Public: each kind's size, and
        // every count shown by the whole meeting and the workshops.
        var equations = new List<(int[], long)> { ([0, 1], workshops.Seats), ([2, 3], forum.Seats) };
        string[] categories = ["GENDER_WOMAN", "GENDER_MAN"];
        for (var c = 0; c < 2; c++)
        {
            if (Breakdown(whole, ReportDimension.Gender, Population.Seats).Categories.Single(x => x.Category == categories[c]) is { Suppressed: false } total)
            {
                equations.Add(([c, 2 + c], total.Count));
            }

            if (Breakdown(workshops, ReportDimension.Gender, Population.Seats).Categories.Single(x => x.Category == categories[c]) is { Suppressed: false } shown)
            {
                equations.Add(([c], shown.Count));
            }
        }

        var seen = Enumerable.Range(0, 4).Select(_ => new HashSet<long>()).ToArray();
        SubtractionAttack.Enumerate(4, equations, values =>
        {
            for (var u = 0; u < 4; u++)
            {
                seen[u].Add(values[u]);
            }
        });

        Assert.Equal(7, forum.Seats);
        Assert.Contains(3L, seen[2]);
        Assert.True(seen[2].Count >= 2, $"the open forum's women: {string.Join("|", seen[2])}");
        Assert.True(seen[3].Count >= 2, $"the open forum's men: {string.Join("|", seen[3])}");
        // The whole meeting still shows what it safely can.
        Assert.False(Breakdown(whole, ReportDimension.Gender, Population.Seats).Withheld);
    }

    [Fact]
    public async Task A_report_knows_when_the_registry_was_written_while_it_was_read()
    {
        await using var registry = await TestRegistry.StartAsync();
        var store = registry.App.Services.GetRequiredService<ParticipationRegistry.Server.Reports.IReportStore>();
        await MeetingAsync(registry, "m", [Genders(3, 3)]);

        using var quiet = store.WatchWrites();
        await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        Assert.False(quiet.WrittenSince);

        using var busy = store.WatchWrites();
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = "late", Session = new Session { DisplayName = "late" } });
        Assert.True(busy.WrittenSince);
    }

    [Fact]
    public async Task A_report_read_while_the_registry_was_written_is_built_again()
    {
        await using var registry = await TestRegistry.StartAsync();
        await MeetingAsync(registry, "m", [Genders(3, 3)]);
        var services = registry.App.Services;
        var store = new WritesOnce(services.GetRequiredService<IReportStore>(), () =>
            registry.Meetings.CreateSession(new CreateSessionRequest { Parent = "meetings/m", SessionId = "late", Session = new Session { DisplayName = "late" } }));
        var builder = new ReportBuilder(store, services.GetRequiredService<ParticipationRegistry.Server.Balance.IBalanceStore>(), services.GetRequiredService<ParticipationRegistry.Server.Reports.Privacy.SessionKeys>());
        var (policy, rules) = services.GetRequiredService<ParticipationRegistry.Server.Balance.PolicyResolver>().Resolve("", "policy");

        var report = await builder.MeetingAsync(SeatScope.Meeting("m"), new ReportSettings(3, [], policy, rules, Dimension.Gender, []));

        // The first reading saw a session created midway; the second saw the meeting as it then stood.
        Assert.Equal(2, store.SeatCubes);
        Assert.Equal(3, report.Sessions);
        Assert.Equal(3, report.Balance.Sessions);
    }

    [Fact]
    public async Task Verdicts_under_rules_that_read_gender_name_no_session_and_one_panels_is_not_counted()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Two workshops of one man each: single-gender, so unbalanced under the default policy, which
        // judges gender; under igf-2017-diversity gender is advisory, and the verdicts read no personal data.
        await MeetingAsync(registry, "m", [Genders(0, 2)]);
        await MeetingAsync(registry, "one", [Genders(0, 3)], sessionsPerKind: [1]);

        var suppressed = (await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" })).Balance;
        var allowed = (await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Options = new ReportOptions { IncludePersonalData = true },
        })).Balance;
        var impersonal = (await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Options = new ReportOptions { Policy = "policies/igf-2017-diversity" },
        })).Balance;
        var single = (await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/one" })).Balance;

        Assert.True(suppressed.VerdictsWithheld);
        Assert.Empty(suppressed.NotBalanced);
        // Two panels judged, fewer than k = 3: not even counted publicly (VerdictCountTests); exactly with personal data.
        Assert.True(suppressed.CountsWithheld);
        Assert.Equal(0, suppressed.Unbalanced);
        Assert.Equal(2, allowed.Unbalanced);
        Assert.False(allowed.VerdictsWithheld);
        Assert.Equal(2, allowed.NotBalanced.Count);
        Assert.False(impersonal.VerdictsWithheld);
        Assert.Equal(2, impersonal.NotBalanced.Count);
        Assert.True(single.VerdictsWithheld);
        Assert.Equal(1, single.Sessions);
        Assert.Equal(0, single.Balanced + single.Unbalanced + single.Indeterminate);
    }

    /// <summary>The real store, which writes to the registry once, in the middle of the first report's reading.</summary>
    private sealed class WritesOnce(IReportStore inner, Action write) : IReportStore
    {
        public int SeatCubes { get; private set; }

        public IReadOnlyList<CubeRow> SeatCube(SeatScope scope)
        {
            var cube = inner.SeatCube(scope);
            if (++SeatCubes == 1)
            {
                write();
            }

            return cube;
        }

        public ReportSubject? FindMeeting(string meetingId) => inner.FindMeeting(meetingId);

        public IWriteWatch WatchWrites() => inner.WatchWrites();

        public ReportSubject? FindSession(string meetingId, string sessionId) => inner.FindSession(meetingId, sessionId);

        public int CountSessions(SeatScope scope) => inner.CountSessions(scope);

        public IReadOnlyList<CubeRow> SeatCubeByKind(SeatScope scope) => inner.SeatCubeByKind(scope);

        public PanellistFigures Panellists(SeatScope scope, int top) => inner.Panellists(scope, top);

        public IReadOnlyDictionary<int, int> PanelsByKind(string meetingId) => inner.PanelsByKind(meetingId);

        public IReadOnlyList<CubeRow> RegistrantCube(string meetingId) => inner.RegistrantCube(meetingId);

        public ReportCardTotals ReportCards(SeatScope scope) => inner.ReportCards(scope);

        public IReadOnlyList<PanelSize> PanelSizes(SeatScope scope, Dimension dimension, IReadOnlyList<int> categoryValues) =>
            inner.PanelSizes(scope, dimension, categoryValues);
    }
}
