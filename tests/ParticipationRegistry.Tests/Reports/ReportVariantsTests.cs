using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Tests.Infrastructure;
using Population = ParticipationRegistry.V1.Population;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.ReportReading;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Variants of a meeting report asked for together (restricted, or at another time): each public cell is
/// its count perturbed by the documented table, and an attacker who knows that table and every figure
/// must be left with more than one true value.
/// </summary>
public sealed class ReportVariantsTests
{
    private static readonly SessionKind[] Kinds = [SessionKind.Workshop, SessionKind.MainSession, SessionKind.OpenForum];

    /// <summary>
    /// A meeting with one kind per entry, each of <paramref name="sessionsPerKind"/> sessions sharing out
    /// speakers of the given genders in turn.
    /// </summary>
    internal static async Task MeetingAsync(TestRegistry registry, string meetingId, Gender[][] kinds, int[]? sessionsPerKind = null)
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

    internal static Gender[] Genders(int women, int men) => [.. Enumerable.Repeat(Gender.Woman, women), .. Enumerable.Repeat(Gender.Man, men)];

    [Fact]
    public async Task The_reports_of_every_set_of_kinds_differenced_with_the_whole_meeting_leave_each_kind_uncertain()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Workshops 4 women and 3 men, main sessions 5 and 4, the open forum 1 and 3. Exact counts would give
        // the forum's one woman away: 10 − 4 − 5.
        await MeetingAsync(registry, "m", [Genders(4, 3), Genders(5, 4), Genders(1, 3)]);
        // Record key 91 is seat key 100 (CellKey.SeatKey): the seats' key sums below are multiples of 100.
        const int key = 91;
        RecordKeys.SetAll(registry, key);
        long[,] truth = { { 4, 3 }, { 5, 4 }, { 1, 3 } };
        long[] sizes = [7, 9, 4];
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

        // Each cell is its count perturbed by the documented table (5 women, key sum 500: +2; 10, key sum 1000: +1).
        foreach (var (members, report) in variants)
        {
            Assert.True(report.Perturbed);
            var gender = Breakdown(report, ReportDimension.Gender, Population.Seats);
            for (var c = 0; c < categories.Length; c++)
            {
                var cell = Cell(gender, categories[c]);
                var published = RecordKeys.PublishedSeats(members.Sum(k => truth[k, c]), key, report.Seats);
                Assert.Equal(published < 3, cell.Suppressed);
                Assert.Equal(published < 3 ? 0 : published, cell.Count);
            }
        }

        Assert.Equal(7, Cell(Breakdown(variants.Single(v => v.Kinds.SequenceEqual([1])).Report, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN").Count);

        // The attacker knows each kind's size and the table, and tries every split of each kind into women and men.
        var forumWomen = new HashSet<long>();
        for (long w0 = 0; w0 <= sizes[0]; w0++)
        {
            for (long w1 = 0; w1 <= sizes[1]; w1++)
            {
                for (long w2 = 0; w2 <= sizes[2]; w2++)
                {
                    long[] women = [w0, w1, w2];
                    if (variants.All(v =>
                        {
                            var gender = Breakdown(v.Report, ReportDimension.Gender, Population.Seats);
                            var w = v.Kinds.Sum(k => women[k]);
                            var m = v.Kinds.Sum(k => sizes[k] - women[k]);
                            return RecordKeys.Consistent(Cell(gender, "GENDER_WOMAN"), w, v.Report.Seats) && RecordKeys.Consistent(Cell(gender, "GENDER_MAN"), m, v.Report.Seats);
                        }))
                    {
                        forumWomen.Add(w2);
                    }
                }
            }
        }

        Assert.Contains(1L, forumWomen);
        Assert.True(forumWomen.Count >= 2, $"the open forum's women: {string.Join(", ", forumWomen)}");
        // Kinds are not personal: each kind's size is shown in full.
        Assert.Equal(4, variants.Single(v => v.Kinds.SequenceEqual([2])).Report.Seats);
    }

    [Fact]
    public async Task Seating_two_more_women_leaves_the_earlier_count_uncertain()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Three workshops: one woman and eight men; then two more women are seated.
        await MeetingAsync(registry, "m", [[Gender.Woman, .. Genders(0, 8)]], sessionsPerKind: [3]);
        // Record key 121 is seat key 70 (CellKey.SeatKey).
        const int key = 121;
        RecordKeys.SetAll(registry, key);
        var before = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        var women = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 2).Select(i => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"late-{i}", Gender = Gender.Woman } }) },
        });
        foreach (var woman in women.Stakeholders)
        {
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = "meetings/m/sessions/k0s0", Participant = new Participant { Stakeholder = woman.Name, Role = ParticipantRole.Speaker },
            });
        }

        RecordKeys.SetAll(registry, key);
        var after = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });

        var was = Cell(Breakdown(before, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN");
        var now = Cell(Breakdown(after, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN");
        var men = Cell(Breakdown(after, ReportDimension.Gender, Population.Seats), "GENDER_MAN");
        Assert.True(was.Suppressed);
        // Three women, key sum 210: +1, so 4 (an exact report would show 3, and 3 − 2 = 1 before).
        Assert.Equal(RecordKeys.PublishedSeats(3, key, 11), now.Count);
        Assert.Equal(4, now.Count);
        var earlier = Enumerable.Range(0, 10).Select(n => (long)n).Where(n =>
            RecordKeys.Consistent(was, n, 9) && RecordKeys.Consistent(Cell(Breakdown(before, ReportDimension.Gender, Population.Seats), "GENDER_MAN"), 9 - n, 9)
            && RecordKeys.Consistent(now, n + 2, 11) && RecordKeys.Consistent(men, 9 - n, 11)).ToList();
        Assert.Contains(1L, earlier);
        Assert.True(earlier.Count >= 2, $"the earlier women: {string.Join(", ", earlier)}");
    }

    [Fact]
    public async Task Other_restrictions_and_the_panellists_of_a_restricted_report_withhold_personal_figures_whole()
    {
        await using var registry = await TestRegistry.StartAsync();
        await MeetingAsync(registry, "m", [Genders(6, 6), Genders(5, 5)]);
        // Record key 125 is seat key 50 (CellKey.SeatKey).
        RecordKeys.SetAll(registry, 125);

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
        // Restricted to a kind alone, the seats' genders are given, perturbed (6 women, key sum 300: −1); its
        // panellists' are not (a person may sit in several kinds).
        Assert.Equal(RecordKeys.PublishedSeats(6, 125, 12), Breakdown(byKind, ReportDimension.Gender, Population.Seats).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
        Assert.True(Breakdown(byKind, ReportDimension.Gender, Population.Panellists).Withheld);
        Assert.Equal(11, Breakdown(allowed, ReportDimension.Gender, Population.Seats).Categories.Single(c => c.Category == "GENDER_WOMAN").Count);
        Assert.False(Breakdown(allowed, ReportDimension.Gender, Population.Panellists).Withheld);
    }

    [Fact]
    public async Task A_womans_seats_are_hidden_with_her_when_the_programme_gives_her_seat_count()
    {
        await using var registry = await TestRegistry.StartAsync();
        // The issue's first attack: Alice sits on three workshops, every man on two; the programme tells.
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "m" } });
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 6).Select(i => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"p{i}", Gender = i == 0 ? Gender.Woman : Gender.Man } }) },
        })).Stakeholders;
        int[][] panels = [[0, 1, 2], [0, 3, 4], [0, 5, 1], [2, 3, 4, 5]];
        for (var s = 0; s < panels.Length; s++)
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = $"ws{s}", Session = new Session { DisplayName = $"ws{s}" } });
            foreach (var member in panels[s])
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest { Parent = session.Name, Participant = new Participant { Stakeholder = people[member].Name, Role = ParticipantRole.Speaker } });
            }
        }

        // Key 70 (seat key 59): her three seats (seat key sum 177; she holds the most seats, 3, so the noise is
        // ⌊177 · 13 / 256⌋ − 6 = +2) would show 5; she herself (one person, key 70: 0) shows 1, hidden.
        RecordKeys.SetAll(registry, 70);
        var options = new ReportOptions();
        foreach (var population in new[] { Population.Seats, Population.Panellists })
        {
            options.CrossTabs.Add(new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = population });
        }

        options.CrossTabs.Add(new CrossTabRequest { Rows = ReportDimension.Role, Columns = ReportDimension.Gender, Population = Population.Seats });

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = options });
        var exact = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Options = new ReportOptions { IncludePersonalData = true } });

        Assert.Equal(13, report.Seats);
        Assert.Equal(3, Cell(Breakdown(exact, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN").Count);
        Assert.Equal(5, RecordKeys.PublishedSeats(3, 70, 13, mostSeats: 3));
        Assert.True(Cell(Breakdown(report, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN").Suppressed);
        Assert.True(Cell(Breakdown(report, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN").Suppressed);
        // Ten men's seats, seat key sum 590 (cell key 78): ⌊78 · 13 / 256⌋ − 6 = −3, so 7; five men, key sum 350: 0, so 5.
        Assert.Equal(7, RecordKeys.PublishedSeats(10, 70, 13, mostSeats: 3));
        Assert.Equal(7, Cell(Breakdown(report, ReportDimension.Gender, Population.Seats), "GENDER_MAN").Count);
        Assert.Equal(5, Cell(Breakdown(report, ReportDimension.Gender, Population.Panellists), "GENDER_MAN").Count);
        Assert.All(report.CrossTabs, tab => Assert.All(tab.Cells.Where(c => c.Column == "GENDER_WOMAN"), c => Assert.True(c.Suppressed)));
        Assert.All(report.CrossTabs, tab => Assert.Contains(tab.Cells, c => c.Column == "GENDER_MAN" && !c.Suppressed));
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
    public async Task A_kind_of_one_session_is_withheld_and_differencing_leaves_it_uncertain()
    {
        await using var registry = await TestRegistry.StartAsync();
        // Workshops: two sessions, 6 women and 5 men. The open forum: one session, 3 women and 4 men, its
        // own composition however large its counts.
        await MeetingAsync(registry, "m", [Genders(6, 5), [], Genders(3, 4)], sessionsPerKind: [2, 0, 1]);
        // Record key 125 is seat key 50 (CellKey.SeatKey).
        const int key = 125;
        RecordKeys.SetAll(registry, key);

        var whole = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        var workshops = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop } });
        var forum = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.OpenForum } });
        var both = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop, SessionKind.OpenForum } });

        Assert.True(Breakdown(forum, ReportDimension.Gender, Population.Seats).Withheld);
        Assert.True(Breakdown(both, ReportDimension.Gender, Population.Seats).Withheld);
        Assert.Equal(7, forum.Seats);
        // Nine women (key sum 450: +1) and six (300: −1): 10 and 5, where exact counts would give 9 − 6 = 3.
        var wholeGender = Breakdown(whole, ReportDimension.Gender, Population.Seats);
        var workshopGender = Breakdown(workshops, ReportDimension.Gender, Population.Seats);
        Assert.Equal(10, Cell(wholeGender, "GENDER_WOMAN").Count);
        Assert.Equal(5, Cell(workshopGender, "GENDER_WOMAN").Count);

        var forumWomen = new HashSet<long>();
        for (long w = 0; w <= 11; w++)
        {
            for (long f = 0; f <= 7; f++)
            {
                if (RecordKeys.Consistent(Cell(workshopGender, "GENDER_WOMAN"), w, 11) && RecordKeys.Consistent(Cell(workshopGender, "GENDER_MAN"), 11 - w, 11)
                    && RecordKeys.Consistent(Cell(wholeGender, "GENDER_WOMAN"), w + f, 18) && RecordKeys.Consistent(Cell(wholeGender, "GENDER_MAN"), 18 - w - f, 18))
                {
                    forumWomen.Add(f);
                }
            }
        }

        Assert.Contains(3L, forumWomen);
        Assert.True(forumWomen.Count >= 2, $"the open forum's women: {string.Join("|", forumWomen)}");
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
}
