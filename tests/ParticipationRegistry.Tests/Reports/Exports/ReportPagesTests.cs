using System.Net;
using System.Xml.Linq;
using Google.Protobuf;
using Microsoft.AspNetCore.TestHost;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.Exports.SvgBars;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>
/// Three meetings of one forum (and one of another) with panels of three kinds and registrations;
/// one panellist is non-binary, a count below the default k of 3.
/// </summary>
public sealed class ReportPagesRegistry : IAsyncLifetime
{
    public TestRegistry Registry { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Registry = await TestRegistry.StartAsync();
        Http = Registry.HttpClientFor(TestRegistry.AdminSecret);
        await Registry.MeetingAsync("igf-2018", "IGF 2018, Paris", "IGF", Arrange.Date(2018, 11, 12));
        await Registry.MeetingAsync("igf-2019", "IGF 2019, Berlin", "IGF", Arrange.Date(2019, 11, 25));
        await Registry.MeetingAsync("igf-2020", "IGF 2020, online", "IGF", Arrange.Date(2020, 11, 2));
        await Registry.MeetingAsync("eurodig-2019", "EuroDIG 2019, The Hague", "EuroDIG", Arrange.Date(2019, 6, 19));

        (string Name, StakeholderGroup Group, string Country, Gender Gender)[] people =
        [
            ("Ana", StakeholderGroup.Government, "DE", Gender.Woman),
            ("Bola", StakeholderGroup.CivilSociety, "NG", Gender.Woman),
            ("Carla", StakeholderGroup.PrivateSector, "BR", Gender.Woman),
            ("Devi", StakeholderGroup.TechnicalCommunity, "IN", Gender.Woman),
            ("Elif", StakeholderGroup.CivilSociety, "TR", Gender.Woman),
            ("Femi", StakeholderGroup.Government, "KE", Gender.Man),
            ("Goran", StakeholderGroup.TechnicalCommunity, "PL", Gender.Man),
            ("Hiro", StakeholderGroup.PrivateSector, "JP", Gender.Man),
            ("Ivan", StakeholderGroup.IntergovernmentalOrganization, "AR", Gender.Man),
            ("Jack", StakeholderGroup.CivilSociety, "US", Gender.Man),
            ("Kofi", StakeholderGroup.Unspecified, "GH", Gender.Unspecified),
            ("Lux", StakeholderGroup.TechnicalCommunity, "SE", Gender.NonBinary),
        ];
        var ids = new List<string>();
        foreach (var person in people)
        {
            var created = await Registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = person.Name, StakeholderGroup = person.Group, CountryCode = person.Country, Gender = person.Gender },
            });
            ids.Add(created.Name);
        }

        async Task Panel(string meeting, string session, SessionKind kind, params int[] seats)
        {
            await Registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = $"meetings/{meeting}",
                SessionId = session,
                Session = new Session { DisplayName = $"{meeting} {session}", Kind = kind },
            });
            foreach (var seat in seats)
            {
                await Registry.SeatAsync($"meetings/{meeting}/sessions/{session}", ids[seat]);
            }
        }

        await Panel("igf-2019", "ws-1", SessionKind.Workshop, 0, 1, 5, 6);
        await Panel("igf-2019", "ws-2", SessionKind.Workshop, 2, 7, 8, 11);
        await Panel("igf-2019", "ms-1", SessionKind.MainSession, 0, 3, 9, 10);
        await Panel("igf-2018", "ws-1", SessionKind.Workshop, 1, 5, 9);
        await Panel("igf-2020", "ws-1", SessionKind.Workshop, 2, 3, 6);
        await Panel("eurodig-2019", "plenary-1", SessionKind.MainSession, 4, 8);
        for (var i = 0; i < 10; i++)
        {
            await Registry.RegistrationAsync("meetings/igf-2019", ids[i], i % 3 == 0 ? Attendance.Remote : Attendance.Onsite);
        }

        for (var i = 0; i < 4; i++)
        {
            await Registry.RegistrationAsync("meetings/igf-2018", ids[i]);
        }

        // Fixed record keys, so every public figure is known in advance: a cell of n people shows
        // n + D(n, 100n mod 256).
        // Record key 91 is seat key 100 (CellKey.SeatKey).
        RecordKeys.SetAll(Registry, 91);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Registry.DisposeAsync();
    }
}

/// <summary>
/// The report pages through the in-process server: the HTML page, CSV and Markdown, each checked
/// against the same report fetched as JSON (gRPC JSON transcoding). These need the report
/// statistics (ReportMath, DisclosurePolicy); the 404 and 400 rules are checked before any is computed.
/// </summary>
public sealed class ReportPagesTests(ReportPagesRegistry fixture) : IClassFixture<ReportPagesRegistry>
{
    private static readonly JsonParser Json = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private HttpClient Http => fixture.Http;

    private async Task<DiversityReport> JsonReportAsync(string query = "") =>
        Json.Parse<DiversityReport>(await Http.GetStringAsync($"/v1/meetings/igf-2019:diversity{query}"));

    private async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
    {
        var response = await Http.GetAsync(path);
        return (response, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_page_is_HTML_whose_bars_match_the_JSON_report()
    {
        var (response, body) = await GetAsync("/reports/meetings/igf-2019");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var page = XDocument.Parse(body);
        var report = await JsonReportAsync();
        var bars = BreakdownBars(page).Where(b => Data(b, "kind") is null && Data(b, "meeting") is null).ToList();
        Assert.Equal(9, bars.Count);
        foreach (var bar in bars)
        {
            AssertMatches(bar, report.Breakdowns.Single(b => b.Population == PopulationOf(bar) && b.Dimension == DimensionOf(bar)));
        }

        Assert.Equal("IGF 2019, Berlin", page.Descendants(Xhtml + "h1").Single().Value);
    }

    [Fact]
    public async Task The_bars_per_session_kind_match_the_reports_restricted_to_that_kind()
    {
        var page = XDocument.Parse(await Http.GetStringAsync("/reports/meetings/igf-2019"));
        var bars = BreakdownBars(page).Where(b => Data(b, "kind") is not null).ToList();

        Assert.Equal(["SESSION_KIND_WORKSHOP", "SESSION_KIND_MAIN_SESSION"], bars.Select(b => Data(b, "kind")!).Distinct());
        foreach (var bar in bars)
        {
            var report = await JsonReportAsync($"?kinds={Data(bar, "kind")}");
            AssertMatches(bar, report.Breakdowns.Single(b => b.Population == PopulationOf(bar) && b.Dimension == DimensionOf(bar)));
        }
    }

    [Fact]
    public async Task The_trend_is_the_forums_meetings_up_to_this_one_oldest_first()
    {
        var page = XDocument.Parse(await Http.GetStringAsync("/reports/meetings/igf-2019"));
        var compared = Json.Parse<CompareMeetingsResponse>(await Http.GetStringAsync("/v1/meetings:compare?names=meetings/igf-2018&names=meetings/igf-2019"));

        var bars = BreakdownBars(page).Where(b => Data(b, "meeting") is not null).ToList();
        Assert.Equal(["meetings/igf-2018", "meetings/igf-2019"], bars.Select(b => Data(b, "meeting")!));
        foreach (var bar in bars)
        {
            var report = compared.Reports.Single(r => r.Name == Data(bar, "meeting"));
            AssertMatches(bar, report.Breakdowns.Single(b => b.Population == PopulationOf(bar) && b.Dimension == DimensionOf(bar)));
        }
    }

    [Fact]
    public async Task The_trend_can_be_chosen()
    {
        var page = XDocument.Parse(await Http.GetStringAsync("/reports/meetings/igf-2019?compare=meetings/igf-2020,meetings/eurodig-2019,meetings/igf-2018"));

        var meetings = BreakdownBars(page).Select(b => Data(b, "meeting")).OfType<string>().ToList();
        Assert.Equal(["meetings/igf-2020", "meetings/eurodig-2019", "meetings/igf-2018"], meetings);
    }

    [Fact]
    public async Task The_csv_parses_back_to_the_JSON_report()
    {
        var (response, body) = await GetAsync("/reports/meetings/igf-2019.csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var report = await JsonReportAsync();
        Assert.Equal(report.Breakdowns, CsvReading.ParseBreakdowns(body).Select(p => p.Breakdown));
    }

    [Fact]
    public async Task The_csv_balance_tables_parse_back_to_the_JSON_report()
    {
        var balance = await Http.GetStringAsync("/reports/meetings/igf-2019.csv?table=balance&policy=policies/panel-parity");
        var notBalanced = await Http.GetStringAsync("/reports/meetings/igf-2019.csv?table=not_balanced&policy=policies/panel-parity");

        var report = await JsonReportAsync("?options.policy=policies/panel-parity");
        var parsed = Assert.Single(CsvReading.ParseBalance(balance, notBalanced)).Balance;
        Assert.Equal(report.Balance, parsed);
        Assert.Equal("policies/panel-parity", parsed.Policy);
        Assert.Equal(3, parsed.Sessions);
    }

    [Fact]
    public async Task The_markdown_has_the_report_tables()
    {
        var (response, body) = await GetAsync("/reports/meetings/igf-2019.md");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal(MarkdownExport.Render(await JsonReportAsync()), body);
        Assert.StartsWith("# Diversity report: IGF 2019, Berlin\n", body, StringComparison.Ordinal);
        Assert.Contains("| Gender | Seats | Panellists | Registrants | Registrants onsite | Registrants remote |", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_public_cell_shows_the_same_perturbed_value_on_every_route_and_every_call()
    {
        // IGF 2019's women hold five seats (Ana two, the most anyone holds): seat key sum 500, cell key 244,
        // ⌊244 · 9 / 256⌋ − 4 = +4. Exactly: 5.
        const long published = 9;
        var grpc = new ReportService.ReportServiceClient(fixture.Registry.ChannelFor(null));
        var calls = new List<DiversityReport>();
        for (var i = 0; i < 2; i++)
        {
            calls.Add(await grpc.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2019" }));
            calls.Add(await JsonReportAsync());
        }

        var csv = await Http.GetStringAsync("/reports/meetings/igf-2019.csv");
        var markdown = await Http.GetStringAsync("/reports/meetings/igf-2019.md");
        var page = XDocument.Parse(await Http.GetStringAsync("/reports/meetings/igf-2019"));
        var exact = await JsonReportAsync("?options.includePersonalData=true");

        Assert.All(calls, report =>
        {
            Assert.True(report.Perturbed);
            Assert.Equal(published, ReportReading.Cell(ReportReading.Breakdown(report, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN").Count);
        });
        Assert.Equal(published, RecordKeys.PublishedSeats(5, 91, 12, mostSeats: 2));
        Assert.Equal(5, ReportReading.Cell(ReportReading.Breakdown(exact, ReportDimension.Gender, Population.Seats), "GENDER_WOMAN").Count);
        Assert.False(exact.Perturbed);
        var fromCsv = CsvReading.ParseBreakdowns(csv).Select(p => p.Breakdown).Single(b => b.Population == Population.Seats && b.Dimension == ReportDimension.Gender);
        Assert.Equal(published, ReportReading.Cell(fromCsv, "GENDER_WOMAN").Count);
        var csvLine = csv.Split("\r\n").Single(l => l.Contains("SEATS,", StringComparison.Ordinal) && l.Contains(",GENDER_WOMAN,Woman,true,9,", StringComparison.Ordinal));
        // The last column marks the figure as perturbed.
        Assert.EndsWith(",true", csvLine, StringComparison.Ordinal);
        var table = MarkdownExportTests.TableUnder(markdown, "## Gender");
        Assert.Equal("9 (100.0%)", table.Single(r => r[0] == "Woman")[table[0].IndexOf("Seats")]);
        Assert.Contains("Figures are protected", markdown, StringComparison.Ordinal);
        // The page draws people, not seats: its panellists' bar shows the same value as every other route.
        var bar = BreakdownBars(page).Single(b => Data(b, "kind") is null && Data(b, "meeting") is null && PopulationOf(b) == Population.Panellists && DimensionOf(b) == ReportDimension.Gender);
        var panellistWomen = calls.Select(r => ReportReading.Cell(ReportReading.Breakdown(r, ReportDimension.Gender, Population.Panellists), "GENDER_WOMAN").Count).Distinct().Single();
        Assert.Equal(panellistWomen.ToString(System.Globalization.CultureInfo.InvariantCulture), Data(bar.Elements(Svg + "rect").Single(r => Data(r, "category") == "GENDER_WOMAN"), "count"));
        Assert.Contains(page.Descendants(Xhtml + "p"), p => p.Value.StartsWith("Figures are protected", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Personal_data_is_suppressed_unless_asked_for()
    {
        static CategoryCount NonBinaryPanellists(string csv) =>
            CsvReading.ParseBreakdowns(csv).Select(p => p.Breakdown)
                .Single(b => b.Population == Population.Panellists && b.Dimension == ReportDimension.Gender)
                .Categories.Single(c => c.Category == "GENDER_NON_BINARY");

        var (suppressedResponse, suppressed) = await GetAsync("/reports/meetings/igf-2019.csv");
        var personal = await Http.GetStringAsync("/reports/meetings/igf-2019.csv?include_personal_data=true");

        Assert.True(NonBinaryPanellists(suppressed).Suppressed);
        Assert.False(NonBinaryPanellists(suppressed).HasCount);
        Assert.Null(suppressedResponse.Headers.CacheControl);
        Assert.Equal(1L, NonBinaryPanellists(personal).Count);
        var report = await JsonReportAsync("?options.includePersonalData=true");
        Assert.Equal(report.Breakdowns, CsvReading.ParseBreakdowns(personal).Select(p => p.Breakdown));
        var page = await Http.GetAsync("/reports/meetings/igf-2019?include_personal_data=true");
        Assert.True(page.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task The_suppression_threshold_reaches_the_report()
    {
        var csv = await Http.GetStringAsync("/reports/meetings/igf-2019.csv?suppression_threshold=5");

        var report = await JsonReportAsync("?options.suppressionThreshold=5");
        Assert.Equal(5, report.SuppressionThreshold);
        Assert.Equal(report.Breakdowns, CsvReading.ParseBreakdowns(csv).Select(p => p.Breakdown));
    }

    [Theory]
    [InlineData("/reports/meetings/igf-1999")]
    [InlineData("/reports/meetings/igf-1999.csv")]
    [InlineData("/reports/meetings/igf-1999.md")]
    [InlineData("/reports/meetings/igf-1999?compare=meetings/igf-2018,meetings/igf-2019")]
    public async Task An_unknown_meeting_is_404(string path)
    {
        var (response, body) = await GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("meetings/igf-1999", body, StringComparison.Ordinal);
        Assert.Equal(path.Contains(".csv", StringComparison.Ordinal) || path.Contains(".md", StringComparison.Ordinal) ? "text/plain" : "text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("?include_personal_data=yes", "include_personal_data")]
    [InlineData("?include_personal_data=true&include_personal_data=false", "include_personal_data")]
    [InlineData("?suppression_threshold=-1", "suppression_threshold")]
    [InlineData("?suppression_threshold=101", "suppression_threshold")]
    [InlineData("?suppression_threshold=three", "suppression_threshold")]
    [InlineData("?policy=multistakeholder-balance", "policy")]
    [InlineData("?policy=policies/no-such-policy", "policies/no-such-policy")]
    [InlineData("?compare=meetings/igf-2018", "compare")]
    [InlineData("?compare=meetings/igf-2018,igf-2019", "compare")]
    [InlineData("?compare=meetings/igf-2018,meetings/igf-2018", "compare")]
    [InlineData("?table=balance", "table")]
    [InlineData("?suppresion_threshold=5", "suppresion_threshold")]
    [InlineData(".csv?table=everything", "table")]
    [InlineData(".csv?compare=meetings/igf-2018,meetings/igf-2020", "compare")]
    [InlineData(".md?table=balance", "table")]
    public async Task A_bad_parameter_is_400(string query, string named)
    {
        var (response, body) = await GetAsync($"/reports/meetings/igf-2019{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_compared_meeting_that_does_not_exist_is_400()
    {
        var (response, body) = await GetAsync("/reports/meetings/igf-2019?compare=meetings/igf-2018,meetings/igf-1999");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("meetings/igf-1999", body, StringComparison.Ordinal);
    }
}
