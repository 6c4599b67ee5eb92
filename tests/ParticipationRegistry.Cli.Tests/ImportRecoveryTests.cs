using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Cli.Import;
using ParticipationRegistry.Client;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// An import that stops part-way and is run again, a reply lost and the batch sent again, and a batch resent with
/// the id the import derived for it: each time every person, session and seat is there exactly once.
/// </summary>
internal static class Seed
{
    public static readonly string Csv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    /// <summary>The seed workshop's one session, seven people and eight seats.</summary>
    public static readonly (int Sessions, int Seats, int People) Counts = (1, 8, 7);
}

/// <summary>A clock that stands still until told to move: the rate limiter's buckets refill only then.</summary>
public sealed class ManualClock : TimeProvider
{
    private long _ticks = TimeSpan.TicksPerDay;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}

/// <summary>
/// The registry with its real rate limiter at 5.5 calls a second (a burst of 11) on a clock that stands still: a key
/// has 11 calls, then each call is refused (RESOURCE_EXHAUSTED, retry after 1 s) until the test moves the clock.
/// </summary>
public sealed class RateLimitedRegistry : LiveRegistry
{
    public ManualClock Clock { get; } = new();

    /// <summary>Refills every key's bucket.</summary>
    public void Refill() => Clock.Advance(TimeSpan.FromMinutes(1));

    protected override void ConfigureServer(IServiceCollection services) => services.AddSingleton(new RateLimits(5.5, Clock));
}

public sealed class InterruptedImportTests(RateLimitedRegistry registry) : IClassFixture<RateLimitedRegistry>
{
    [Fact]
    public async Task An_import_stopped_by_the_rate_limit_after_the_sessions_is_completed_by_a_rerun_and_nothing_is_added_twice()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012");
        registry.Refill();

        // The key's 11 calls: the dry run's 5 reads (meeting, sessions, seats, people, likely duplicates), then the
        // import's same 5 reads and its sessions batch. The people batch is refused, retried 4 times, and the import stops.
        var dry = await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting, "--dry-run");
        var first = await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting);

        Assert.True(dry.Exit == 0, dry.ToString());
        Assert.Contains("Would create 1 session(s), 7 person(s) and 8 seat(s)", dry.Output, StringComparison.Ordinal);
        Assert.True(first.Exit == 2, first.ToString());
        Assert.Contains("error: ResourceExhausted (RATE_LIMITED)", first.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Created", first.Output, StringComparison.Ordinal);
        registry.Refill();
        Assert.Equal((1, 0, 0), await registry.CountAsync(meeting));
        registry.Refill();

        var again = await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting);

        Assert.True(again.Exit == 0, again.ToString());
        Assert.Contains("Created 0 session(s), 7 person(s) and 8 seat(s); 1 session(s), 0 person row(s) and 0 seat(s) were already there.", again.Output, StringComparison.Ordinal);
        registry.Refill();
        Assert.Equal(Seed.Counts, await registry.CountAsync(meeting));
        registry.Refill();

        var third = await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting);

        Assert.True(third.Exit == 0, third.ToString());
        Assert.Contains("Created 0 session(s), 0 person(s) and 0 seat(s)", third.Output, StringComparison.Ordinal);
        registry.Refill();
        Assert.Equal(Seed.Counts, await registry.CountAsync(meeting));
    }
}

/// <summary>Which batch methods have lost their first reply.</summary>
public sealed class LostReplies
{
    private readonly HashSet<string> _lost = [];

    public IReadOnlyCollection<string> Methods
    {
        get
        {
            lock (_lost)
            {
                return [.. _lost];
            }
        }
    }

    public bool LoseFirst(string method)
    {
        lock (_lost)
        {
            return _lost.Add(method);
        }
    }
}

/// <summary>
/// Innermost on the server: the first call of each batch method is applied and written, then its reply is lost on
/// the way back (UNAVAILABLE), as when the connection drops after the server committed.
/// </summary>
public sealed class LoseFirstBatchReply(LostReplies lost) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var response = await continuation(request, context);
        if (context.Method.Contains("/BatchCreate", StringComparison.Ordinal) && lost.LoseFirst(context.Method))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "The connection dropped before the reply was sent (test)."));
        }

        return response;
    }
}

public sealed class LostReplyRegistry : LiveRegistry
{
    public LostReplies Lost { get; } = new();

    protected override void ConfigureServer(IServiceCollection services)
    {
        services.AddSingleton(Lost);
        services.AddSingleton<LoseFirstBatchReply>();
        services.Configure<GrpcServiceOptions>(grpc => grpc.Interceptors.Add<LoseFirstBatchReply>());
    }
}

public sealed class LostReplyImportTests(LostReplyRegistry registry) : IClassFixture<LostReplyRegistry>
{
    [Fact]
    public async Task A_batch_whose_reply_was_lost_is_sent_again_with_the_same_id_and_applied_once()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012");

        var import = await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting);

        Assert.True(import.Exit == 0, import.ToString());
        Assert.Equal(
            ["/participation.registry.v1.MeetingService/BatchCreateParticipants", "/participation.registry.v1.MeetingService/BatchCreateSessions", "/participation.registry.v1.StakeholderService/BatchCreateStakeholders"],
            registry.Lost.Methods.Order(StringComparer.Ordinal));
        Assert.Contains("Created 1 session(s), 7 person(s) and 8 seat(s)", import.Output, StringComparison.Ordinal);
        Assert.Equal(Seed.Counts, await registry.CountAsync(meeting));
    }
}

/// <summary>A batch sent again as the import sent it (the same items, the id derived from file and rows) is answered as a replay.</summary>
public sealed class DerivedIdReplayTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task The_sessions_batch_resent_with_its_derived_id_is_a_replay_and_adds_nothing()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012");
        Assert.Equal(0, (await registry.RunAsync("import", "programme", Seed.Csv, "--meeting", meeting)).Exit);
        // The seed's session as its first row (line 2) gives it.
        var item = new CreateSessionRequest
        {
            Parent = meeting,
            SessionId = "ws-85",
            Session = new Session { DisplayName = "Quo Vadis IGF – or Evolution of IGF", Kind = SessionKind.Workshop },
        };
        BatchCreateSessionsRequest Batch(string file) => new()
        {
            Parent = meeting,
            Requests = { item },
            RequestId = Batches.RequestId("sessions", file, [(2, item)]),
        };
        using var client = registry.Admin();

        var replayed = await client.Meetings.BatchCreateSessionsAsync(Batch(Seed.Csv));

        Assert.Equal($"{meeting}/sessions/ws-85", Assert.Single(replayed.Sessions).Name);
        Assert.Equal(Seed.Counts, await registry.CountAsync(meeting));

        // The same session from another file is another batch: it is applied, and the session is there already.
        var other = await Assert.ThrowsAsync<RegistryCallException>(() => client.Meetings.BatchCreateSessionsAsync(Batch("other.csv")).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, other.StatusCode);
        Assert.Equal(Seed.Counts, await registry.CountAsync(meeting));
    }
}
