using System.Diagnostics;
using System.Globalization;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// <c>--latency</c>: one call at a time against the server on the large registry, each a few times
/// after a warm-up; prints p50, p95 and max per call.
/// </summary>
public sealed class LatencyMode(BenchOptions options)
{
    public async Task Run(string largeFile)
    {
        using var server = await Servers.Start(options, largeFile);
        using var load = new LoadGenerator(server.Process, options.AdminKey, connections: 1);
        var c = load.First;
        string Session(int i) => $"meetings/{Generator.PanelMeeting}/sessions/s{i % Generator.PanelSessions:D3}";

        await Measure("GetStakeholder", 300, async i =>
            await c.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = $"stakeholders/{Generator.PersonId(i * 7919 % options.Sizes.People)}" }, c.Options));
        await Measure("GetSession", 300, async i =>
            await c.Meetings.GetSessionAsync(new GetSessionRequest { Name = Session(i) }, c.Options));
        await Measure("CheckPanelBalance, stored 6-person panel, multistakeholder-balance", 300, async i =>
            await c.Balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session(i) }, c.Options));
        await Measure("CheckPanelBalance, stored panel, igf-2017-diversity (caps, first-timers)", 300, async i =>
            await c.Balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session(i), Policy = "policies/igf-2017-diversity" }, c.Options));
        await Measure("SuggestPanelists, page of 10, multistakeholder-balance", 60, async i =>
            await c.Balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session(i), PageSize = 10 }, c.Options));
        await Measure("SuggestPanelists, second page (page_token)", 30, async i =>
        {
            var first = await c.Balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session(i), PageSize = 10 }, c.Options);
            if (first.NextPageToken.Length > 0)
            {
                await c.Balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = Session(i), PageSize = 10, PageToken = first.NextPageToken }, c.Options);
            }
        });
        await Measure($"ListSessionBalances, all {Generator.PanelSessions} sessions of a meeting", 10, async _ =>
            await c.Balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = $"meetings/{Generator.PanelMeeting}", PageSize = 1000 }, c.Options));

        foreach (var seats in options.Sizes.ReportSeats)
        {
            var meeting = $"meetings/{Generator.ReportMeeting(seats)}";
            await Measure($"GetMeetingDiversity, {seats:N0} seats, group x gender cross-tab", 5, async _ =>
                await c.Reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
                {
                    Name = meeting,
                    Options = new ReportOptions { CrossTabs = { new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender } } },
                }, c.Options));
        }

        if (options.Sizes.ReportSeats.Count > 0)
        {
            var largest = options.Sizes.ReportSeats.Max();
            var meeting = $"meetings/{Generator.ReportMeeting(largest)}";
            await Measure($"GetMeetingDiversity, {largest:N0} seats, restricted to workshops", 5, async _ =>
                await c.Reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting, Kinds = { SessionKind.Workshop } }, c.Options));
            await Measure($"GetMeetingDiversity, {largest:N0} seats, igf-2017-diversity (reads people's other seats)", 5, async _ =>
                await c.Reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting, Options = new ReportOptions { Policy = "policies/igf-2017-diversity" } }, c.Options));
            using var http = new HttpClient { BaseAddress = new Uri(server.Process.HttpUrl), Timeout = TimeSpan.FromMinutes(5) };
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.AdminKey);
            await Measure($"HTML report of {largest:N0} seats", 3, async _ =>
                (await http.GetAsync(new Uri($"/reports/{meeting}", UriKind.Relative))).EnsureSuccessStatusCode());
        }

        var token = "";
        await Measure("ListStakeholders, 100 consecutive pages of 100 (keyset)", 100, async _ =>
        {
            var page = await c.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100, PageToken = token }, c.Options);
            token = page.NextPageToken;
        });
        await Measure("ListStakeholders, filter regional_group AND stakeholder_group, page of 50", 100, async _ =>
            await c.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest
            {
                Filter = "regional_group = REGIONAL_GROUP_AFRICAN AND stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY",
            }, c.Options));
        Console.WriteLine($"server peak RSS (VmHWM): {server.Process.Stats().PeakRssMb:F0} MB");
    }

    private async Task Measure(string name, int runs, Func<int, Task> call)
    {
        if (!name.Contains(options.Only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        // Warm up past the JIT's first tier: the server is long-running.
        for (var i = 0; i < 3; i++)
        {
            await call(i);
        }

        var times = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await call(i);
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: {runs} calls, p50 {times[runs / 2]:F2} ms, p95 {times[(int)(runs * 0.95)]:F2} ms, max {times[^1]:F2} ms"));
    }
}
