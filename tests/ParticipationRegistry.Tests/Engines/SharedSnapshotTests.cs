using Dapper;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Engines;

/// <summary>
/// PostgreSQL's consistent reports (issue #17 item 2): while a report's snapshot is shared, every connection of its
/// flow — the parallel reads included — sees the state of the moment it began, whatever is committed meanwhile; the
/// pooled connections go back without a transaction left open. (SQLite's counterpart, the data_version watch, is
/// tested with the reports.)
/// </summary>
[Trait("Engine", "PostgresOnly")]
public sealed class SharedSnapshotTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-snapshot-").FullName;

    [Fact]
    public async Task Reads_of_one_flow_and_its_tasks_see_one_snapshot_and_later_reads_see_the_commit()
    {
        Assert.True(TestDatabases.OnPostgres, "Runs in the PostgreSQL pass (REGISTRY_TEST_POSTGRES).");
        using var database = new Database(TestDatabases.For(folder));
        Migrator.Migrate(database);
        using (var setup = database.Open())
        {
            setup.Execute("INSERT INTO registry_state (name, value) VALUES ('probe', 'before')");
        }

        string inFlow, inTask, outside;
        using (database.ShareSnapshot())
        {
            // Committed by another connection after the snapshot began.
            using (var other = TestDatabases.Open(folder))
            {
                other.Execute("UPDATE registry_state SET value = 'after' WHERE name = 'probe'");
            }

            using (var read = database.Open())
            {
                inFlow = read.QuerySingle<string>("SELECT value FROM registry_state WHERE name = 'probe'");
            }

            inTask = await Task.Run(() =>
            {
                using var read = database.Open();
                return read.QuerySingle<string>("SELECT value FROM registry_state WHERE name = 'probe'");
            });
        }

        using (var read = database.Open())
        {
            outside = read.QuerySingle<string>("SELECT value FROM registry_state WHERE name = 'probe'");
        }

        Assert.Equal("before", inFlow);
        Assert.Equal("before", inTask);
        Assert.Equal("after", outside);
    }

    [Fact]
    public async Task Reports_leave_no_connection_inside_a_transaction_and_see_each_write_once_it_is_answered()
    {
        Assert.True(TestDatabases.OnPostgres, "Runs in the PostgreSQL pass (REGISTRY_TEST_POSTGRES).");
        // Its own application_name: the other tests of the pass share the database, and one may hold a transaction on purpose.
        var application = $"snapshot-{Guid.NewGuid():N}";
        await using var registry = await TestRegistry.StartAsync(demo: true, database: uri => $"{uri}&application_name={application}");
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        var request = new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = new ReportOptions { IncludePersonalData = true } };
        var first = await reports.GetMeetingDiversityAsync(request);
        for (var i = 0; i < 5; i++)
        {
            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => reports.GetMeetingDiversityAsync(request).ResponseAsync));
        }

        var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Late Speaker", StakeholderGroup = StakeholderGroup.TechnicalCommunity },
        });
        await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = "meetings/igf-2012/sessions/ws-85",
            Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
        });
        var after = await reports.GetMeetingDiversityAsync(request);
        Assert.Equal(first.Seats + 1, after.Seats);

        using var connection = registry.OpenDatabase();
        // The check below sees this server's sessions (its pooled connections stay open), so it can fail.
        Assert.True(connection.QuerySingle<long>("SELECT count(*) FROM pg_stat_activity WHERE application_name = @application", new { application }) > 0);
        var stuck = connection.QuerySingle<long>(
            """
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = @application
              AND state LIKE 'idle in transaction%' AND xact_start < now() - interval '2 seconds'
            """,
            new { application });
        Assert.Equal(0, stuck);
    }

    public void Dispose()
    {
        TestDatabases.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }
}
