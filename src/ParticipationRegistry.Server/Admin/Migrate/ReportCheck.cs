using Dapper;
using Google.Protobuf;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Admin.Migrate;

/// <summary>
/// After a migration, every meeting's report built by the server's own <see cref="ReportBuilder"/> on each
/// database: the full view (exact figures, every name) and the public one (perturbed, small cells hidden),
/// compared byte for byte. Equal tables make equal reports only if both engines' queries agree; this checks it.
/// </summary>
public static class ReportCheck
{
    public static async Task<IReadOnlyList<(string Meeting, bool Same)>> CompareAsync(DatabaseLocation source, DatabaseLocation target, CancellationToken cancellation)
    {
        var before = await ReportsAsync(source, cancellation);
        var after = await ReportsAsync(target, cancellation);
        return before.Keys.Union(after.Keys, StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(meeting => (meeting, before.TryGetValue(meeting, out var a) && after.TryGetValue(meeting, out var b) && a.SequenceEqual(b)))
            .ToList();
    }

    private static async Task<Dictionary<string, byte[]>> ReportsAsync(DatabaseLocation location, CancellationToken cancellation)
    {
        // The server's own services over that database, not started: nothing listens, nothing is written.
        await using var app = RegistryApp.Build(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", location.Given, Demo: false, BootstrapAdminKey: "", RateLimit: 0));
        var database = app.Services.GetRequiredService<Database>();
        var builder = app.Services.GetRequiredService<ReportBuilder>();
        var policies = app.Services.GetRequiredService<PolicyResolver>();
        List<string> meetings;
        using (var connection = database.Open())
        {
            meetings = connection.Query<string>("SELECT id FROM meetings ORDER BY id").ToList();
        }

        var reports = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var meeting in meetings)
        {
            var judges = policies.ForMeeting("", meeting, "policy", requirePublished: false);
            var perKind = judges.PerKind ? judges : null;
            var (policyName, rules) = (judges.Default.Name, judges.Default.Rules);
            var full = await builder.MeetingAsync(SeatScope.Meeting(meeting), new ReportSettings(0, [], policyName, rules, Dimension.Gender, [], Judges: perKind), cancellation);
            var published = await builder.MeetingAsync(
                SeatScope.Meeting(meeting),
                new ReportSettings(ReportRequests.DefaultSuppressionThreshold, [], policyName, rules, Dimension.Gender, [], NamesEveryone: false, Judges: perKind),
                cancellation);
            reports[meeting] = [.. full.ToByteArray(), .. published.ToByteArray()];
        }

        return reports;
    }
}
