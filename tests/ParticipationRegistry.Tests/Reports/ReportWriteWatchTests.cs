using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Reports.ReportReading;
using static ParticipationRegistry.Tests.Reports.ReportVariantsTests;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// A report read while the registry is written, on SQLite: its reads are separate transactions, so
/// PRAGMA data_version tells when a write came between them and the report is built again.
/// </summary>
// About SQLite's data_version watch; on PostgreSQL a report reads one shared snapshot (ReportSnapshotTests).
[Trait("Engine", "SqliteOnly")]
public sealed class ReportWriteWatchTests
{
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
        var store = new ReportSnapshotTests.WritesOnce(services.GetRequiredService<IReportStore>(), () =>
            registry.Meetings.CreateSession(new CreateSessionRequest { Parent = "meetings/m", SessionId = "late", Session = new Session { DisplayName = "late" } }));
        var builder = new ReportBuilder(store, services.GetRequiredService<ParticipationRegistry.Server.Balance.IBalanceStore>());
        var (policy, rules) = services.GetRequiredService<ParticipationRegistry.Server.Balance.PolicyResolver>().Resolve("", "policy");

        var report = await builder.MeetingAsync(SeatScope.Meeting("m"), new ReportSettings(3, [], policy, rules, Dimension.Gender, []));

        // The first reading saw a session created midway; the second saw the meeting as it then stood.
        Assert.Equal(2, store.SeatCubes);
        Assert.Equal(3, report.Sessions);
        Assert.Equal(3, report.Balance.Sessions);
    }
}

/// <summary>
/// A report read while the registry is written describes one committed state on either engine; on
/// PostgreSQL every read joins one exported snapshot, so the write never reaches it and it is built once.
/// </summary>
public sealed class ReportSnapshotTests
{
    [Fact]
    public async Task A_report_read_while_the_registry_was_written_describes_one_state()
    {
        await using var registry = await TestRegistry.StartAsync();
        await MeetingAsync(registry, "m", [Genders(3, 3)]);
        var services = registry.App.Services;
        var store = new WritesOnce(services.GetRequiredService<IReportStore>(), () =>
            registry.Meetings.CreateSession(new CreateSessionRequest { Parent = "meetings/m", SessionId = "late", Session = new Session { DisplayName = "late" } }));
        var builder = new ReportBuilder(store, services.GetRequiredService<ParticipationRegistry.Server.Balance.IBalanceStore>());
        var (policy, rules) = services.GetRequiredService<ParticipationRegistry.Server.Balance.PolicyResolver>().Resolve("", "policy");

        var report = await builder.MeetingAsync(SeatScope.Meeting("m"), new ReportSettings(3, [], policy, rules, Dimension.Gender, []));

        // Either engine: the sessions counted and the sessions judged come from the same state.
        Assert.Equal(report.Sessions, report.Balance.Sessions);
        if (TestDatabases.OnPostgres)
        {
            // The snapshot was taken before the write: read once, without the late session.
            Assert.Equal(1, store.SeatCubes);
            Assert.Equal(2, report.Sessions);
            using var watch = store.WatchWrites();
            Assert.False(watch.WrittenSince);
        }

        // The late session is in the next report.
        var next = await Client(registry).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/m" });
        Assert.Equal(3, next.Sessions);
    }

    /// <summary>The real store, which writes to the registry once, in the middle of the first report's reading.</summary>
    internal sealed class WritesOnce(IReportStore inner, Action write) : IReportStore
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

        public IReadOnlyList<CubeRow> PanellistCubeByKind(string meetingId) => inner.PanellistCubeByKind(meetingId);

        public PanellistFigures Panellists(SeatScope scope, int top) => inner.Panellists(scope, top);

        public IReadOnlyDictionary<int, int> PanelsByKind(string meetingId) => inner.PanelsByKind(meetingId);

        public IReadOnlyDictionary<int, int> MostSeatsByKind(string meetingId) => inner.MostSeatsByKind(meetingId);

        public IReadOnlyList<CubeRow> RegistrantCube(string meetingId) => inner.RegistrantCube(meetingId);

        public ReportCardTotals ReportCards(SeatScope scope) => inner.ReportCards(scope);

        public IReadOnlyList<PanelSize> PanelSizes(SeatScope scope, Dimension dimension, IReadOnlyList<int> categoryValues) =>
            inner.PanelSizes(scope, dimension, categoryValues);
    }
}
