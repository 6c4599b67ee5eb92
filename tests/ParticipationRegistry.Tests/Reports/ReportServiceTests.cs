using System.Net;
using System.Text.Json;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.ReportReading;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>ReportService through gRPC (and its JSON transcoding) on small hand-computed fixtures.</summary>
public sealed class ReportServiceTests
{
    /// <summary>
    /// A meeting whose panels (two workshops by default: one panel alone would be that session's
    /// composition, withheld) share out people of the given genders in turn (all speakers, confirmed).
    /// Returns the first session's name.
    /// </summary>
    private static Task<string> PanelAsync(TestRegistry registry, string meetingId, params Gender[] genders) =>
        PanelsAsync(registry, meetingId, 2, genders);

    private static async Task<string> PanelsAsync(TestRegistry registry, string meetingId, int panels, params Gender[] genders)
    {
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = meetingId, Meeting = new Meeting { DisplayName = meetingId, Forum = "IGF" } });
        var sessions = new List<Session>();
        for (var s = 1; s <= panels; s++)
        {
            sessions.Add(await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = $"meetings/{meetingId}", SessionId = $"s{s}", Session = new Session { DisplayName = $"s{s}", Kind = SessionKind.Workshop } }));
        }

        var people = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                genders.Select((g, i) => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = $"{meetingId} person {i}", Gender = g, StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "KE" },
                }),
            },
        });
        for (var i = 0; i < people.Stakeholders.Count; i++)
        {
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = sessions[i % panels].Name,
                Participant = new Participant { Stakeholder = people.Stakeholders[i].Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
            });
        }

        return sessions[0].Name;
    }

    [Fact]
    public async Task An_empty_meeting_reports_zeros_and_no_indices()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "empty", Meeting = new Meeting { DisplayName = "Empty" } });

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/empty" });

        Assert.Equal((0, 0L, 0L, 0L), (report.Sessions, report.Seats, report.Panellists, report.Registrants));
        var groups = Breakdown(report, ReportDimension.StakeholderGroup, Population.Panellists);
        Assert.Equal(0, groups.Total);
        Assert.All(groups.Categories, c => Assert.Equal(0, c.Count));
        Assert.False(groups.HasNormalizedBlau);
        Assert.False(groups.HasPielouEvenness);
        Assert.Equal(0, report.Balance.Sessions);
    }

    [Fact]
    public async Task Seats_and_people_are_both_counted_and_unknowns_are_rows_of_their_own()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);

        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/igf-2012",
            Options = new ReportOptions { IncludePersonalData = true },
        });

        // Izumi Aizu holds two seats (moderator and rapporteur): eight seats, seven people.
        Assert.Equal(8, report.Seats);
        Assert.Equal(7, report.Panellists);
        var gender = Breakdown(report, ReportDimension.Gender, Population.Panellists);
        Assert.Equal(2, Cell(gender, "GENDER_WOMAN").Count);
        Assert.Equal(3, Cell(gender, "GENDER_MAN").Count);
        Assert.Equal(2, Cell(gender, "GENDER_UNSPECIFIED").Count);
        Assert.False(Cell(gender, "GENDER_UNSPECIFIED").Known);
        Assert.False(Cell(gender, "GENDER_UNSPECIFIED").HasShare);
        // Shares are over the five whose gender is known.
        Assert.Equal(0.4, Cell(gender, "GENDER_WOMAN").Share, 12);
        Assert.Equal(5, gender.Known);
        var seatGroups = Breakdown(report, ReportDimension.StakeholderGroup, Population.Seats);
        Assert.Equal(5, Cell(seatGroups, "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        var peopleGroups = Breakdown(report, ReportDimension.StakeholderGroup, Population.Panellists);
        Assert.Equal(4, Cell(peopleGroups, "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        var regions = Breakdown(report, ReportDimension.RegionalGroup, Population.Panellists);
        // 5 WEOG, 2 Asia-Pacific of k = 5 regions: (1 − (25 + 4) / 49) / (1 − 1/5).
        Assert.Equal((1 - (29.0 / 49)) / 0.8, regions.NormalizedBlau, 12);
        var p = new[] { 5.0 / 7, 2.0 / 7 };
        Assert.Equal(-p.Sum(x => x * Math.Log(x)) / Math.Log(5), regions.PielouEvenness, 12);
        Assert.Equal(1, report.Balance.Sessions);
        Assert.Equal(1, report.Balance.Unbalanced);
        Assert.Equal(1, report.ReportCards.SessionsWithCard);
        Assert.Equal(1, report.ReportCards.Bands["WOMEN_SHARE_BAND_ABOUT_HALF"]);
        Assert.Equal("Izumi Aizu", report.Concentration.Top[0].DisplayName);
        Assert.Equal(2, report.Concentration.Top[0].Seats);
        Assert.Equal(2, report.Concentration.SeatsHeldByRepeatPanellists);
    }

    [Fact]
    public async Task An_erased_gender_moves_to_not_recorded_in_past_counts()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var mervi = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100 }))
            .Stakeholders.Single(s => s.DisplayName == "Mervi Kultamaa");
        var options = new ReportOptions { IncludePersonalData = true };

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = mervi.Name },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "gender" } },
        });
        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = options });

        // The session is HELD, yet the erasure reaches it: gender is never kept as history.
        var gender = Breakdown(report, ReportDimension.Gender, Population.Seats);
        Assert.Equal(1, Cell(gender, "GENDER_WOMAN").Count);
        Assert.Equal(4, Cell(gender, "GENDER_UNSPECIFIED").Count);
    }

    [Fact]
    public async Task Public_gender_counts_are_perturbed_and_hidden_below_k_after_perturbation_zeros_included()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PanelAsync(registry, "below", Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man, Gender.Man);
        await PanelAsync(registry, "at", Gender.Woman, Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man);
        const int key = 200;
        RecordKeys.SetAll(registry, key);

        var below = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/below" });
        var at = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/at" });

        Assert.Equal(3, below.SuppressionThreshold);
        Assert.True(below.Perturbed);
        var hidden = Breakdown(below, ReportDimension.Gender, Population.Panellists);
        // Two women (key sum 400: cell key 144, 0): 2, hidden. Four men (800: cell key 32, −1): 3, shown.
        Assert.True(Cell(hidden, "GENDER_WOMAN").Suppressed);
        Assert.False(Cell(hidden, "GENDER_WOMAN").HasCount);
        Assert.Equal(RecordKeys.Published(4, key, 6), Cell(hidden, "GENDER_MAN").Count);
        Assert.Equal(3, Cell(hidden, "GENDER_MAN").Count);
        // True zeros are hidden too, so a hidden cell is not known to hold anyone.
        Assert.True(Cell(hidden, "GENDER_NON_BINARY").Suppressed);
        Assert.True(Cell(hidden, "GENDER_UNSPECIFIED").Suppressed);
        // Known: six people (key sum 1200: cell key 176, 0), shown; shares are of the published known total.
        Assert.Equal(6, hidden.Known);
        Assert.Equal(0.5, Cell(hidden, "GENDER_MAN").Share, 12);
        Assert.False(Cell(hidden, "GENDER_WOMAN").HasShare);
        // A known cell is hidden, so no index.
        Assert.False(hidden.HasNormalizedBlau);
        Assert.Equal(6, hidden.Total);
        var shown = Breakdown(at, ReportDimension.Gender, Population.Panellists);
        Assert.Equal(3, Cell(shown, "GENDER_WOMAN").Count);
        Assert.Equal(3, Cell(shown, "GENDER_MAN").Count);
        // Stakeholder group is not personal data: exact, never hidden.
        Assert.DoesNotContain(Breakdown(below, ReportDimension.StakeholderGroup, Population.Panellists).Categories, c => c.Suppressed);
        Assert.Equal(6, Cell(Breakdown(below, ReportDimension.StakeholderGroup, Population.Panellists), "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        var exact = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/below", Options = new ReportOptions { IncludePersonalData = true } });
        Assert.False(exact.Perturbed);
        Assert.Equal(4, Cell(Breakdown(exact, ReportDimension.Gender, Population.Panellists), "GENDER_MAN").Count);
    }

    [Fact]
    public async Task A_named_sessions_gender_is_withheld_unless_personal_data_is_asked_for()
    {
        await using var registry = await TestRegistry.StartAsync();
        var session = await PanelsAsync(registry, "one", 1, Gender.Woman, Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man);

        var report = await Client(registry).GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = session });
        var full = await Client(registry).GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = session, Options = new ReportOptions { IncludePersonalData = true } });

        var gender = Breakdown(report, ReportDimension.Gender, Population.Panellists);
        Assert.True(gender.Withheld);
        Assert.All(gender.Categories, c => Assert.False(c.HasCount));
        Assert.True(Breakdown(report, ReportDimension.Attribute, Population.Panellists).Withheld);
        Assert.Equal(6, Cell(Breakdown(report, ReportDimension.StakeholderGroup, Population.Panellists), "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        Assert.Equal(3, Cell(Breakdown(full, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN").Count);
        Assert.Equal(0, full.SuppressionThreshold);
    }

    [Fact]
    public async Task A_restricted_report_cannot_be_subtracted_from_the_whole_meeting_to_reveal_a_small_group()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PanelsAsync(registry, "m", 1, Gender.Woman, Gender.Woman, Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man);
        // A second session, an open forum, with one woman and three men.
        var forum = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = "s2", Session = new Session { DisplayName = "s2", Kind = SessionKind.OpenForum } });
        var extra = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { new[] { Gender.Woman, Gender.Man, Gender.Man, Gender.Man }.Select((g, i) => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"x{i}", Gender = g } }) },
        });
        foreach (var person in extra.Stakeholders)
        {
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest { Parent = forum.Name, Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker } });
        }

        RecordKeys.SetAll(registry, 100);
        var whole = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        var workshops = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m", Kinds = { SessionKind.Workshop } });

        var wholeWomen = Cell(Breakdown(whole, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN");
        var workshopWomen = Cell(Breakdown(workshops, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN");
        // Five women, key sum 500 (cell key 244): +2.
        Assert.Equal(7, wholeWomen.Count);
        // 5 − 4 would reveal the one woman of the open forum: the workshop figure is withheld.
        Assert.True(workshopWomen.Suppressed);
    }

    [Fact]
    public async Task Comparing_meetings_gives_changes_of_published_values_but_never_next_to_a_hidden_count()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PanelAsync(registry, "y1", Gender.Woman, Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man);
        await PanelAsync(registry, "y2", Gender.Woman, Gender.Woman, Gender.Woman, Gender.Woman, Gender.Man, Gender.Man, Gender.Man);
        await PanelAsync(registry, "y3", Gender.Woman, Gender.Man, Gender.Man, Gender.Man, Gender.Man, Gender.Man);
        RecordKeys.SetAll(registry, 60);

        var response = await Client(registry).CompareMeetingsAsync(new CompareMeetingsRequest { Names = { "meetings/y1", "meetings/y2", "meetings/y3" } });

        var women = response.Reports.Select(r => Cell(Breakdown(r, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN")).ToList();
        // Three women (key sum 180: 0), four (240: +1), one (60: −1): 3, 5, hidden; the exact change would be 1.
        Assert.False(women[0].HasChange);
        Assert.Equal(3, women[0].Count);
        Assert.Equal(5, women[1].Count);
        Assert.Equal(2, women[1].Change);
        Assert.True(women[2].Suppressed);
        Assert.False(women[2].HasChange);
        var groups = response.Reports.Select(r => Cell(Breakdown(r, ReportDimension.StakeholderGroup, Population.Panellists), "STAKEHOLDER_GROUP_CIVIL_SOCIETY")).ToList();
        Assert.Equal(1, groups[1].Change);
        Assert.Equal(-1, groups[2].Change);
    }

    [Fact]
    public async Task The_baseline_says_how_unlikely_a_panel_without_women_is()
    {
        await using var registry = await TestRegistry.StartAsync();
        await PanelAsync(registry, "b", Gender.Man, Gender.Man, Gender.Man, Gender.Man, Gender.Man, Gender.Man);

        var options = new ReportOptions
        {
            ReferenceShares = { new ReferenceShare { Category = "GENDER_WOMAN", Share = 0.5 }, new ReferenceShare { Category = "GENDER_MAN", Share = 0.5 } },
        };
        var published = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/b", Options = options });
        options.IncludePersonalData = true;
        var report = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/b", Options = options });

        // Publicly, no woman is a hidden zero: her line shows only what follows from the reference and the panels' sizes.
        var hidden = Assert.Single(published.Baselines).Categories.Single(c => c.Category == "GENDER_WOMAN");
        Assert.True(hidden.Suppressed);
        Assert.False(hidden.HasObserved);
        Assert.False(hidden.HasPanelsWithout);
        Assert.Equal(2 * Math.Pow(0.5, 3), hidden.PanelsWithoutExpected, 12);
        var baseline = Assert.Single(report.Baselines);
        Assert.Equal("given", baseline.Reference);
        var women = baseline.Categories.Single(c => c.Category == "GENDER_WOMAN");
        Assert.Equal(0, women.Observed);
        Assert.Equal(3.0, women.Expected, 12);
        Assert.Equal(Math.Pow(0.5, 6), women.ProbabilityAtMost, 12);
        // Two panels of three men: each is without a woman with chance 1/8.
        Assert.Equal(2, women.PanelsWithout);
        Assert.Equal(2 * Math.Pow(0.5, 3), women.PanelsWithoutExpected, 12);
        Assert.Equal(Math.Pow(0.5, 6), women.ProbabilityPanelsWithoutAtLeast, 12);
    }

    [Fact]
    public async Task Bad_requests_name_the_field()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var client = Client(registry);

        await RpcAssert.InvalidFieldAsync("name", async () => await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "igf-2012" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", async () => await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/nope" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", async () => await client.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = "meetings/igf-2012/sessions/nope" }));
        await RpcAssert.InvalidFieldAsync("options.suppression_threshold", async () => await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/igf-2012", Options = new ReportOptions { SuppressionThreshold = -1 },
        }));
        await RpcAssert.InvalidFieldAsync("options.cross_tabs[0].columns", async () => await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/igf-2012", Options = new ReportOptions { CrossTabs = { new CrossTabRequest { Rows = ReportDimension.Gender, Columns = ReportDimension.Gender } } },
        }));
        await RpcAssert.InvalidFieldAsync("options.reference_shares[0].category", async () => await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/igf-2012", Options = new ReportOptions { ReferenceShares = { new ReferenceShare { Category = "WOMEN", Share = 0.5 } } },
        }));
        await RpcAssert.InvalidFieldAsync("names", async () => await client.CompareMeetingsAsync(new CompareMeetingsRequest { Names = { "meetings/igf-2012" } }));
    }

    [Fact]
    public async Task The_report_is_served_as_json_over_http_with_errors_that_keep_their_details()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        using var http = registry.HttpClientFor(TestRegistry.AdminSecret);

        var response = await http.GetAsync(new Uri("/v1/meetings/igf-2012:diversity", UriKind.Relative));
        var missing = await http.GetAsync(new Uri("/v1/meetings/nope:diversity", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("meetings/igf-2012", json.RootElement.GetProperty("name").GetString());
        Assert.Equal("8", json.RootElement.GetProperty("seats").ToString());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var error = await missing.Content.ReadAsStringAsync();
        Assert.Contains("MEETING_NOT_FOUND", error, StringComparison.Ordinal);
    }
}
