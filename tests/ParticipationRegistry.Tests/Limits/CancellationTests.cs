using System.Collections.Concurrent;
using Dapper;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, What to build 1: calls honour their deadline and cancellation, and work stops when the client
/// has gone. The read connections a call leases watch its cancellation: a running SQLite statement is
/// interrupted (SQLITE_INTERRUPT), a PostgreSQL one cancelled (57014), no later one starts. It is the
/// caller's doing: CANCELLED or DEADLINE_EXCEEDED, no storage fault, health untouched, nothing logged at error.
/// </summary>
public sealed class CancellationTests
{
    // Never ends by itself: only an interrupt (SQLite) or a cancel (PostgreSQL) stops it.
    private const string EndlessSqlite = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    private const string EndlessPostgres = "SELECT count(*) FROM pg_sleep(86400)";

    private static Database DatabaseOf(TestRegistry registry) => registry.App.Services.GetRequiredService<Database>();

    // Waits for the server's state, not for a time: the bound only keeps a broken server from hanging the suite.
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"Never happened: {what}");
            await Task.Delay(10);
        }
    }

    [Fact]
    public void An_interrupted_statement_is_a_cancellation_never_a_storage_fault()
    {
        var interrupted = new SqliteException("interrupted", CallCancellation.SqliteInterrupt);
        var cancelled = new PostgresException("canceling statement due to user request", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled);
        var faults = new StorageFaults();

        Assert.Null(StorageFaults.Classify(interrupted));
        Assert.Null(StorageFaults.Classify(cancelled));
        Assert.True(CallCancellation.IsCancellation(interrupted));
        Assert.True(CallCancellation.IsCancellation(cancelled));
        Assert.True(CallCancellation.IsCancellation(new OperationCanceledException()));
        Assert.False(CallCancellation.IsCancellation(new SqliteException("full", 13)));
        using var fired = new CancellationTokenSource();
        Assert.False(CallCancellation.Stopped(interrupted, fired.Token));
        fired.Cancel();
        Assert.True(CallCancellation.Stopped(interrupted, fired.Token));
        Assert.False(faults.Failed(interrupted));
        Assert.Null(faults.Current);
        Assert.Equal(0, faults.Hits);
    }

    [Fact]
    public async Task Cancelling_a_call_interrupts_the_statement_its_read_runs_and_the_connection_comes_back()
    {
        await using var registry = await TestRegistry.StartAsync();
        var database = DatabaseOf(registry);
        using var call = new CancellationTokenSource();
        var read = Task.Run(() =>
        {
            CallCancellation.Current = call.Token;
            return database.Read(c => c.ExecuteScalar<long>(database.IsPostgres ? EndlessPostgres : EndlessSqlite));
        });
        await WaitUntilAsync(() => database.CallReadsOpen == 1, "the read leased its connection");

        call.Cancel();
        var e = await Assert.ThrowsAnyAsync<Exception>(() => read.WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.True(CallCancellation.IsCancellation(e), e.ToString());
        Assert.Null(StorageFaults.Classify(e));
        Assert.Equal(1, database.ReadsInterrupted);
        Assert.Equal(0, database.CallReadsOpen);
        Assert.Null(database.Faults.Current);
        // The same pooled connection serves the next read as if nothing happened.
        Assert.Equal(1, database.Read(c => c.ExecuteScalar<long>("SELECT 1")));
    }

    [Fact]
    public async Task A_read_of_a_call_already_cancelled_never_starts()
    {
        await using var registry = await TestRegistry.StartAsync();
        var database = DatabaseOf(registry);
        using var call = new CancellationTokenSource();
        call.Cancel();

        var refused = await Task.Run(() =>
        {
            CallCancellation.Current = call.Token;
            return Record.Exception(() => database.Read(c => c.ExecuteScalar<long>("SELECT 1")));
        });

        Assert.IsAssignableFrom<OperationCanceledException>(refused);
        Assert.Equal(1, database.ReadsRefused);
        Assert.Equal(0, database.CallReadsOpen);
    }

    [Fact]
    public async Task A_report_whose_client_goes_stops_its_reads_and_the_server_stays_healthy()
    {
        var log = new ErrorCapture();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(log));
        await BigMeeting.SeedAsync(registry, sessions: 3_000);
        var database = DatabaseOf(registry);
        using var client = new CancellationTokenSource();
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        // The client leaves when the report leases its first read, and that read waits until the server has seen it go:
        // a report faster than any poll (or read whole before the cancel lands) can no longer end before its client left.
        var left = 0;
        var serverSawIt = false;
        database.CallReadLeased = call =>
        {
            if (Interlocked.Exchange(ref left, 1) == 0)
            {
                client.Cancel();
                serverSawIt = call.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
            }
        };

        var e = await Assert.ThrowsAsync<RpcException>(() =>
            reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/big" }, cancellationToken: client.Token).ResponseAsync);
        await WaitUntilAsync(() => database.CallReadsOpen == 0, "the report's reads ended");
        database.CallReadLeased = null;

        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
        Assert.True(serverSawIt, "The server never saw its client go.");
        // The read running when the client went is interrupted, or the report's next read or statement is refused.
        Assert.True(database.ReadsInterrupted + database.ReadsRefused > 0, "No read was interrupted or refused: the report ran on after its client left.");
        await AssertHealthyAsync(registry, log);
    }

    [Fact]
    public async Task A_report_past_its_deadline_is_stopped_and_answered_DEADLINE_EXCEEDED()
    {
        var log = new ErrorCapture();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(log));
        await BigMeeting.SeedAsync(registry, sessions: 6_000);
        var database = DatabaseOf(registry);
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        // The report's first read waits for the deadline to pass on the server: a machine fast enough to read the whole
        // report within 100 ms can no longer answer it before its deadline. The call's cancellation may fire first because
        // the client's own deadline (its clock started a transit earlier) aborted the request; a server whose client has gone
        // before its deadline rightly answers CANCELLED, so the read also waits until the server's deadline has passed. The
        // server set it on receipt (before this read) to at most the timeout from then: the timeout after this read began is past it.
        var timeout = TimeSpan.FromMilliseconds(100);
        var first = 0;
        database.CallReadLeased = call =>
        {
            if (Interlocked.Exchange(ref first, 1) == 0)
            {
                var serverDeadlinePassed = DateTime.UtcNow + timeout + TimeSpan.FromMilliseconds(20);
                call.WaitHandle.WaitOne(TimeSpan.FromMinutes(2));
                while (DateTime.UtcNow < serverDeadlinePassed)
                {
                    Thread.Sleep(5);
                }
            }
        };

        var e = await Assert.ThrowsAsync<RpcException>(async () => await reports.GetMeetingDiversityAsync(
            new GetMeetingDiversityRequest { Name = "meetings/big" }, deadline: DateTime.UtcNow + timeout));
        await WaitUntilAsync(() => database.CallReadsOpen == 0, "the report's reads ended");
        database.CallReadLeased = null;

        // grpc-dotnet answers DEADLINE_EXCEEDED and then resets the stream; TestServer may surface the reset first.
        Assert.True(e.StatusCode == StatusCode.DeadlineExceeded || e.Status.DebugException is Microsoft.AspNetCore.TestHost.HttpResetTestException, e.ToString());
        Assert.True(database.ReadsInterrupted + database.ReadsRefused > 0, "The report's reads neither were interrupted nor refused.");
        await WaitUntilAsync(() => log.Stopped > 0, "the server logged the stop");
        await AssertHealthyAsync(registry, log);
    }

    [Fact]
    public async Task A_batch_whose_client_goes_is_written_whole_or_not_at_all()
    {
        await using var registry = await TestRegistry.StartAsync();
        using var client = new CancellationTokenSource();
        var batch = new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 1_000).Select(i => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"Gone {i}" } }) },
        };

        var call = registry.Stakeholders.BatchCreateStakeholdersAsync(batch, cancellationToken: client.Token).ResponseAsync;
        client.Cancel();
        await Assert.ThrowsAnyAsync<Exception>(() => call);
        var database = DatabaseOf(registry);
        // Whatever the writer took is committed with its group: one more write behind it has committed it.
        await database.WriteAsync((connection, transaction) => { });

        using var connection = registry.OpenDatabase();
        var stored = connection.ExecuteScalar<long>("SELECT count(*) FROM stakeholders WHERE display_name LIKE 'Gone %'");
        Assert.True(stored is 0 or 1_000, $"{stored} of the batch's 1000 people were stored.");
    }

    private static async Task AssertHealthyAsync(TestRegistry registry, ErrorCapture log)
    {
        var database = DatabaseOf(registry);
        var health = new Health.HealthClient(registry.Channel);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await health.CheckAsync(new HealthCheckRequest())).Status);
        Assert.Equal("Big", (await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/big" })).DisplayName);
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "After" } });
        Assert.Null(database.Faults.Current);
        Assert.Equal(0, database.Faults.Hits);
        Assert.Empty(log.Errors);
    }

    /// <summary>Every line logged at error or above, and how many calls the server logged as stopped.</summary>
    private sealed class ErrorCapture : ILoggerProvider
    {
        private int stopped;

        public ConcurrentQueue<string> Errors { get; } = new();

        public int Stopped => Volatile.Read(ref stopped);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(ErrorCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var message = formatter(state, exception);
                if (logLevel >= LogLevel.Error)
                {
                    capture.Errors.Enqueue($"{category}: {message} {exception}");
                }

                if (message.StartsWith("Stopped ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref capture.stopped);
                }
            }
        }
    }
}

/// <summary>
/// A meeting (<c>meetings/big</c>) of many sessions of the same 50 people: one session made through the API, copied
/// by SQL (the same statements on SQLite and PostgreSQL) so that a report over it reads for a while.
/// </summary>
internal static class BigMeeting
{
    public static async Task SeedAsync(TestRegistry registry, int sessions)
    {
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "big", Meeting = new Meeting { DisplayName = "Big" } });
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Enumerable.Range(0, 50).Select(i => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = $"P{i}", Gender = (Gender)(1 + (i % 3)), StakeholderGroup = (StakeholderGroup)(1 + (i % 5)), CountryCode = i % 2 == 0 ? "FJ" : "DE" },
                }),
            },
        })).Stakeholders;
        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = "meetings/big", SessionId = "s0", Session = new Session { DisplayName = "s0", Kind = SessionKind.Workshop },
        });
        await registry.Meetings.BatchCreateParticipantsAsync(new BatchCreateParticipantsRequest
        {
            Parent = session.Name,
            Requests = { people.Select(p => new CreateParticipantRequest { Participant = new Participant { Stakeholder = p.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed } }) },
        });

        using var connection = registry.OpenDatabase();
        using var transaction = connection.BeginTransaction();
        connection.Execute(
            $"""
            WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < {sessions - 1})
            INSERT INTO sessions (meeting_id, id, display_name, kind, state, start_time, end_time, create_time, update_time)
            SELECT s.meeting_id, 's' || n.x, 's' || n.x, s.kind, s.state, s.start_time, s.end_time, s.create_time, s.update_time
            FROM sessions s CROSS JOIN n WHERE s.meeting_id = 'big' AND s.id = 's0'
            """,
            transaction: transaction);
        connection.Execute(
            """
            INSERT INTO participants (meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance,
                snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id,
                create_time, update_time, person_gender, person_attributes, person_key)
            SELECT p.meeting_id, s.id, p.id || '-' || s.id, p.stakeholder_id, p.role, p.confirmation, p.attendance,
                p.snap_display_name, p.snap_stakeholder_group, p.snap_regional_group, p.snap_country_code, p.snap_affiliation, p.snap_organization_id,
                p.create_time, p.update_time, p.person_gender, p.person_attributes, p.person_key
            FROM participants p JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id <> 's0'
            WHERE p.meeting_id = 'big' AND p.session_id = 's0'
            """,
            transaction: transaction);
        transaction.Commit();
    }
}
