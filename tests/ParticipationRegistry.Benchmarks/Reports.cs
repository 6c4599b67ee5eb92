using System.Diagnostics;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// (g): GetMeetingDiversity of each meeting of the generated forum, one call at a time, against the
/// issue's targets for the smallest (100,000 seats) and the largest (1,000,000); then CompareMeetings
/// over all of them, against the sum of the single reports.
/// </summary>
public sealed class Reports(BenchOptions options, ResultTable table)
{
    private static readonly TimeSpan SmallTarget = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan LargeTarget = TimeSpan.FromSeconds(1.5);

    public async Task Run(Clients clients, ServerProcess server)
    {
        var seats = options.Sizes.ReportSeats;
        bool Selected(string name) => seats.Count > 0 && name.Contains(options.Only, StringComparison.OrdinalIgnoreCase);
        double? sum = 0;
        foreach (var count in seats)
        {
            var name = $"(g) GetMeetingDiversity, {count:N0} seats";
            if (!Selected(name))
            {
                sum = null;
                continue;
            }

            var target = count == seats.Min() ? SmallTarget : count == seats.Max() ? LargeTarget : (TimeSpan?)null;
            var request = new GetMeetingDiversityRequest { Name = $"meetings/{Generator.ReportMeeting(count)}" };
            var row = await Time(name, options.Sizes.ReportCalls, server, target,
                () => clients.Reports.GetMeetingDiversityAsync(request, clients.Options).ResponseAsync);
            sum += row.P50;
            table.Add(row);
        }

        var compareName = $"(g) CompareMeetings, {seats.Count} meetings, {seats.Sum():N0} seats";
        if (Selected(compareName))
        {
            var compare = new CompareMeetingsRequest { Names = { seats.Select(s => $"meetings/{Generator.ReportMeeting(s)}") } };
            var compared = await Time(compareName, options.Sizes.ReportCalls, server, null,
                () => clients.Reports.CompareMeetingsAsync(compare, clients.Options).ResponseAsync);
            table.Add(sum is { } total
                ? compared with { Ceiling = $"sum of the single reports {ResultTable.F(total, "N0")} ms", Ratio = compared.P50 / total }
                : compared);
        }
    }

    internal static async Task<Row> Time(string name, int calls, ServerProcess server, TimeSpan? target, Func<Task> call)
    {
        Console.WriteLine($"{name}: 1 warm-up call, then {calls} one at a time");
        var errors = new Dictionary<string, long>();
        async Task<double?> Once()
        {
            var watch = Stopwatch.StartNew();
            try
            {
                await call();
                return watch.Elapsed.TotalMilliseconds;
            }
            catch (Grpc.Core.RpcException e)
            {
                errors[e.StatusCode.ToString()] = errors.GetValueOrDefault(e.StatusCode.ToString()) + 1;
                return null;
            }
        }

        await Once();
        var before = server.Stats();
        var times = new List<double>();
        for (var i = 0; i < calls; i++)
        {
            if (await Once() is { } ms)
            {
                times.Add(ms);
            }
        }

        var after = server.Stats();
        times.Sort();
        var p50 = times.Count == 0 ? double.NaN : times[times.Count / 2];
        var p99 = times.Count == 0 ? double.NaN : times[^1];
        Console.WriteLine($"  p50 {ResultTable.F(p50, "N0")} ms, server RSS {ResultTable.F(after.RssMb, "F0")} MB");
        return new Row(
            name, $"{ResultTable.F(p50, "N0")} ms", p50, p99,
            target is { } t ? $"target {ResultTable.F(t.TotalMilliseconds, "N0")} ms" : "—",
            target is { } r ? p50 / r.TotalMilliseconds : null,
            target is null ? "—" : "≤ 1",
            errors.Values.Sum(), ResultTable.ErrorText(errors), after.CpuSeconds - before.CpuSeconds, null, after.RssMb);
    }
}
