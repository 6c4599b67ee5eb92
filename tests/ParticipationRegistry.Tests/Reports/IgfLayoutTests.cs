using System.Net;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// The IGF statistics layout reproduces the published IGF 2022 breakdowns of participants by stakeholder group
/// and by region (https://intgovforum.org/en/content/igf-2022-participation-and-programme-statistics) from
/// registrations, a public report withholds the groups so laid out, and the default layout stays the registry's own.
/// </summary>
/// <remarks>
/// The page gives percentages of 5,120 participants, each rounded to a whole percent and adding up to 100 in
/// both breakdowns, so 100 registrants (a common factor of 51.2) reproduce them exactly. The two breakdowns
/// cannot come from one set of people under the layout's rule (IGOs are 11% of the groups but 8% of the
/// regions: the page's people chose group and region separately), so each has its own meeting.
/// </remarks>
public sealed class IgfLayoutTests
{
    private const string Groups = "meetings/igf-2022-groups";
    private const string Regions = "meetings/igf-2022-regions";

    // Civil society 32%, governments 29%, private sector 16%, technical community 11%, IGOs 11%, press 1%.
    private static readonly Dictionary<string, int> PublishedGroups = new()
    {
        ["STAKEHOLDER_GROUP_CIVIL_SOCIETY"] = 32,
        ["STAKEHOLDER_GROUP_GOVERNMENT"] = 29,
        ["STAKEHOLDER_GROUP_PRIVATE_SECTOR"] = 16,
        ["STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY"] = 11,
        ["STAKEHOLDER_GROUP_INTERGOVERNMENTAL_ORGANIZATION"] = 11,
        ["PRESS_AND_MEDIA"] = 1,
    };

    // Africa 44%, WEOG 21%, Asia-Pacific 15%, GRULAC 8%, Eastern Europe 4%, intergovernmental organizations 8%.
    private static readonly Dictionary<string, int> PublishedRegions = new()
    {
        ["REGIONAL_GROUP_AFRICAN"] = 44,
        ["REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS"] = 21,
        ["REGIONAL_GROUP_ASIA_PACIFIC"] = 15,
        ["REGIONAL_GROUP_LATIN_AMERICAN_CARIBBEAN"] = 8,
        ["REGIONAL_GROUP_EASTERN_EUROPEAN"] = 4,
        ["INTERGOVERNMENTAL_ORGANIZATIONS"] = 8,
    };

    private static async Task<TestRegistry> StartAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2022-groups", "IGF 2022 (groups)");
        await registry.MeetingAsync("igf-2022-regions", "IGF 2022 (regions)");

        // The press person is a civil-society registrant with the MEDIA attribute: 33 listed as civil society.
        var groups = new List<(StakeholderGroup, RegionalGroup, bool Media)> { (StakeholderGroup.CivilSociety, RegionalGroup.African, true) };
        groups.AddRange(Repeat(32, StakeholderGroup.CivilSociety, RegionalGroup.African));
        groups.AddRange(Repeat(29, StakeholderGroup.Government, RegionalGroup.African));
        groups.AddRange(Repeat(16, StakeholderGroup.PrivateSector, RegionalGroup.WesternEuropeanOthers));
        groups.AddRange(Repeat(11, StakeholderGroup.TechnicalCommunity, RegionalGroup.AsiaPacific));
        groups.AddRange(Repeat(11, StakeholderGroup.IntergovernmentalOrganization, RegionalGroup.WesternEuropeanOthers));
        await RegisterAsync(registry, Groups, groups);

        // The IGO staff are listed under WEOG: the layout counts them in their own region instead.
        var regions = new List<(StakeholderGroup, RegionalGroup, bool Media)>();
        regions.AddRange(Repeat(44, StakeholderGroup.CivilSociety, RegionalGroup.African));
        regions.AddRange(Repeat(21, StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers));
        regions.AddRange(Repeat(15, StakeholderGroup.PrivateSector, RegionalGroup.AsiaPacific));
        regions.AddRange(Repeat(8, StakeholderGroup.TechnicalCommunity, RegionalGroup.LatinAmericanCaribbean));
        regions.AddRange(Repeat(4, StakeholderGroup.CivilSociety, RegionalGroup.EasternEuropean));
        regions.AddRange(Repeat(8, StakeholderGroup.IntergovernmentalOrganization, RegionalGroup.WesternEuropeanOthers));
        await RegisterAsync(registry, Regions, regions);
        return registry;
    }

    private static IEnumerable<(StakeholderGroup, RegionalGroup, bool)> Repeat(int count, StakeholderGroup group, RegionalGroup region) =>
        Enumerable.Repeat((group, region, false), count);

    private static async Task RegisterAsync(TestRegistry registry, string meeting, List<(StakeholderGroup Group, RegionalGroup Region, bool Media)> people)
    {
        for (var i = 0; i < people.Count; i++)
        {
            var stakeholder = new Stakeholder { DisplayName = $"{meeting} registrant {i}", StakeholderGroup = people[i].Group, RegionalGroup = people[i].Region };
            if (people[i].Media)
            {
                stakeholder.Attributes.Add(StakeholderAttribute.Media);
            }

            var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = stakeholder });
            await registry.RegistrationAsync(meeting, person.Name);
        }
    }

    private static Task<DiversityReport> ReportAsync(ReportService.ReportServiceClient client, string meeting, ReportLayout layout) =>
        client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting, Options = new ReportOptions { Layout = layout } }).ResponseAsync;

    private static DimensionBreakdown Of(DiversityReport report, ReportDimension dimension, Population population = Population.Registrants) =>
        report.Breakdowns.Single(b => b.Dimension == dimension && b.Population == population);

    private static void AssertPublished(Dictionary<string, int> published, DimensionBreakdown breakdown)
    {
        Assert.Equal(100, breakdown.Total);
        var shown = breakdown.Categories.Where(c => c.Count > 0).ToDictionary(c => c.Category, c => (int)Math.Round(c.Share * 100, MidpointRounding.AwayFromZero));
        Assert.Equal(published.OrderBy(p => p.Key), shown.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task The_igf_layout_reproduces_the_published_igf_2022_shares_by_stakeholder_group_and_by_region()
    {
        await using var registry = await StartAsync();
        var admin = registry.Channel.CreateReportClient();

        var groups = await admin.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Groups,
            Options = new ReportOptions { Layout = ReportLayout.IgfStatistics, IncludePersonalData = true },
        });
        var regions = await ReportAsync(new ReportService.ReportServiceClient(registry.ChannelFor(null)), Regions, ReportLayout.IgfStatistics);

        AssertPublished(PublishedGroups, Of(groups, ReportDimension.StakeholderGroup));
        // Regions are the public programme's: exact for anyone, so the page's percentages come out as published.
        Assert.True(regions.Perturbed);
        AssertPublished(PublishedRegions, Of(regions, ReportDimension.RegionalGroup));
        var press = Of(groups, ReportDimension.StakeholderGroup).Categories.Single(c => c.Category == "PRESS_AND_MEDIA");
        Assert.Equal(("Press and media", true, 1L), (press.Label, press.Known, press.Count));
        var keys = Of(regions, ReportDimension.RegionalGroup).Categories.Select(c => c.Category).ToList();
        Assert.Equal("INTERGOVERNMENTAL_ORGANIZATIONS", keys[^2]);
        Assert.Equal("REGIONAL_GROUP_UNSPECIFIED", keys[^1]);
        // Only the two dimensions change, on every population: the attributes still count the press person as MEDIA.
        Assert.Equal(1, Of(groups, ReportDimension.Attribute).Categories.Single(c => c.Category == "STAKEHOLDER_ATTRIBUTE_MEDIA").Count);
        Assert.Equal(0, Of(groups, ReportDimension.StakeholderGroup, Population.Panellists).Total);
    }

    [Fact]
    public async Task A_public_report_withholds_the_igf_layout_groups_whose_press_category_is_an_attribute()
    {
        await using var registry = await StartAsync();
        var anonymous = new ReportService.ReportServiceClient(registry.ChannelFor(null));

        var report = await ReportAsync(anonymous, Groups, ReportLayout.IgfStatistics);
        var plain = await ReportAsync(anonymous, Groups, ReportLayout.Unspecified);

        // Exact, the press count would be the MEDIA attribute's count, and 32 civil society beside the default's 33 its group.
        var groups = Of(report, ReportDimension.StakeholderGroup);
        Assert.True(groups.Withheld);
        Assert.All(groups.Categories, c => Assert.False(c.HasCount));
        Assert.False(Of(plain, ReportDimension.StakeholderGroup).Withheld);
        Assert.False(Of(report, ReportDimension.RegionalGroup).Withheld);
    }

    [Fact]
    public async Task The_default_layout_is_unchanged_and_counts_the_press_and_igo_people_in_their_group_and_region()
    {
        await using var registry = await StartAsync();
        var client = registry.Channel.CreateReportClient();

        var groups = Of(await ReportAsync(client, Groups, ReportLayout.Unspecified), ReportDimension.StakeholderGroup);
        var regions = Of(await ReportAsync(client, Regions, ReportLayout.Unspecified), ReportDimension.RegionalGroup);

        Assert.DoesNotContain(groups.Categories, c => c.Category == "PRESS_AND_MEDIA");
        Assert.Equal(33, groups.Categories.Single(c => c.Category == "STAKEHOLDER_GROUP_CIVIL_SOCIETY").Count);
        Assert.All(groups.Categories, c => Assert.StartsWith("STAKEHOLDER_GROUP_", c.Category, StringComparison.Ordinal));
        Assert.DoesNotContain(regions.Categories, c => c.Category == "INTERGOVERNMENTAL_ORGANIZATIONS");
        Assert.Equal(29, regions.Categories.Single(c => c.Category == "REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS").Count);
        Assert.All(regions.Categories, c => Assert.StartsWith("REGIONAL_GROUP_", c.Category, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_pages_follow_layout_igf_statistics_and_refuse_an_unknown_layout()
    {
        await using var registry = await StartAsync();
        using var http = registry.HttpClientFor(null);

        using var admin = registry.HttpClientFor(TestRegistry.AdminSecret);
        var csv = await admin.GetStringAsync(new Uri($"/reports/{Groups}.csv?layout=igf_statistics&include_personal_data=true", UriKind.Relative));
        var markdown = await http.GetStringAsync(new Uri($"/reports/{Regions}.md?layout=igf_statistics", UriKind.Relative));
        var html = await http.GetStringAsync(new Uri($"/reports/{Regions}?layout=igf_statistics", UriKind.Relative));
        var plain = await admin.GetStringAsync(new Uri($"/reports/{Groups}.csv?include_personal_data=true", UriKind.Relative));
        var bad = await http.GetAsync(new Uri($"/reports/{Groups}.csv?layout=igf", UriKind.Relative));

        Assert.Contains("PRESS_AND_MEDIA", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("PRESS_AND_MEDIA", plain, StringComparison.Ordinal);
        Assert.Contains("Intergovernmental organizations", markdown, StringComparison.Ordinal);
        Assert.Contains("Intergovernmental organizations", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task An_unknown_layout_value_is_invalid_argument()
    {
        await using var registry = await StartAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => ReportAsync(registry.Channel.CreateReportClient(), Groups, (ReportLayout)9));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("options.layout", error.Message + error.Trailers.ToString(), StringComparison.Ordinal);
    }
}
