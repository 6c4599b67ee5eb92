using System.Net;
using System.Text.Json;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, What to build 1: each list at its maximum (README, "Limits") is served, one item more is refused
/// (RequestLimitTests); a filter of one term too many is INVALID_FILTER naming <c>filter</c>; and an unknown
/// query parameter is answered alike by <c>/reports/…</c> and the JSON port.
/// </summary>
public sealed class LimitsAtMaximumTests
{
    [Fact]
    public async Task Report_lists_at_their_maximum_are_served()
    {
        await using var registry = await TestRegistry.StartAsync();
        for (var i = 0; i < 20; i++)
        {
            await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = $"m{i}", Meeting = new Meeting { DisplayName = $"M{i}" } });
        }

        var reports = new ReportService.ReportServiceClient(registry.Channel);
        var dimensions = Enum.GetValues<ReportDimension>().Where(d => d != ReportDimension.Unspecified).ToList();
        var crossTabs = dimensions.SelectMany(r => dimensions.Where(c => c != r).Select(c => new CrossTabRequest { Rows = r, Columns = c, Population = Population.Seats })).Take(20).ToList();
        Assert.Equal(20, crossTabs.Count);

        var report = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m0",
            Themes = { Enumerable.Range(0, 100).Select(i => $"theme {i}") },
            Options = new ReportOptions { CrossTabs = { crossTabs } },
        });
        var compared = await reports.CompareMeetingsAsync(new CompareMeetingsRequest { Names = { Enumerable.Range(0, 20).Select(i => $"meetings/m{i}") } });

        Assert.Equal("meetings/m0", report.Name);
        Assert.Equal(20, compared.Reports.Count);
    }

    [Fact]
    public async Task A_proposed_panel_at_its_maximum_is_checked()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest { Organization = new Organization { DisplayName = "Org" } });
        var panel = new ProposedPanel
        {
            Panelists = { Enumerable.Range(0, 100).Select(i => new ProposedPanelist { Prospective = new ProspectivePanelist { DisplayName = $"P{i}" } }) },
            Organizers = { Enumerable.Repeat(organization.Name, 100) },
        };

        var check = await new BalanceService.BalanceServiceClient(registry.Channel).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = panel });

        Assert.NotEqual(Verdict.Unspecified, check.Verdict);
    }

    [Fact]
    public async Task A_batch_of_1000_items_is_written_whole()
    {
        await using var registry = await TestRegistry.StartAsync();
        var batch = new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 1_000).Select(i => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"Person {i}" } }) },
        };

        var created = await registry.Stakeholders.BatchCreateStakeholdersAsync(batch);

        Assert.Equal(1_000, created.Stakeholders.Count);
    }

    [Fact]
    public async Task A_filter_of_21_short_terms_is_INVALID_FILTER_naming_filter()
    {
        await using var registry = await TestRegistry.StartAsync();
        var filter = string.Join(" AND ", Enumerable.Repeat("gender = x", 21));

        await RpcAssert.InvalidFieldAsync("filter", async () => await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = filter }), "INVALID_FILTER");
    }

    [Fact]
    public async Task An_unknown_query_parameter_is_answered_alike_by_the_report_pages_and_the_json_port()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        using var http = registry.HttpClientFor(TestRegistry.AdminSecret);

        var page = await http.GetAsync(new Uri("/reports/meetings/m.md?bogus=1", UriKind.Relative));
        var json = await http.GetAsync(new Uri("/v1/meetings/m:diversity?bogus=1", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        Assert.StartsWith("bogus: ", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var status = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        var badRequest = status.RootElement.GetProperty("details").EnumerateArray().Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest");
        Assert.Equal("bogus", Assert.Single(badRequest.GetProperty("fieldViolations").EnumerateArray()).GetProperty("field").GetString());
    }
}
