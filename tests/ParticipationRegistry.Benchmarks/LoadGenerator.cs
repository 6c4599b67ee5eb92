using System.Diagnostics;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>The generated clients over one channel, and the call options every call sends (the admin key).</summary>
public sealed class Clients(GrpcChannel channel, CallOptions options)
{
    public CallOptions Options { get; } = options;

    /// <summary>No key: for the public Health service, so its figure is the transport's alone.</summary>
    public CallOptions Anonymous { get; }
    public Health.HealthClient Health { get; } = new(channel);
    public StakeholderService.StakeholderServiceClient Stakeholders { get; } = new(channel);
    public MeetingService.MeetingServiceClient Meetings { get; } = new(channel);
    public BalanceService.BalanceServiceClient Balance { get; } = new(channel);
    public ReportService.ReportServiceClient Reports { get; } = new(channel);
}

/// <summary>What one measurement saw: completed calls in the window, their latencies, errors by status, both processes' CPU.</summary>
/// <param name="ServerRssMb">The server's resident memory at the end.</param>
public sealed record LoadResult(
    double Seconds, long Calls, double[] SortedMilliseconds, IReadOnlyDictionary<string, long> Errors, double ServerCpuSeconds, double ServerRssMb, double ClientCpuSeconds)
{
    public double Rate => Calls / Seconds;

    public long ErrorCount => Errors.Values.Sum();

    public double Percentile(double p) =>
        SortedMilliseconds.Length == 0 ? double.NaN : SortedMilliseconds[Math.Min(SortedMilliseconds.Length - 1, (int)(SortedMilliseconds.Length * p))];

    /// <summary>Slices of one measurement taken in turns with others, as one.</summary>
    public static LoadResult Merge(IReadOnlyList<LoadResult> slices)
    {
        var all = slices.SelectMany(s => s.SortedMilliseconds).ToArray();
        Array.Sort(all);
        var errors = slices.SelectMany(s => s.Errors).GroupBy(e => e.Key).ToDictionary(g => g.Key, g => g.Sum(e => e.Value));
        return new LoadResult(
            slices.Sum(s => s.Seconds), slices.Sum(s => s.Calls), all, errors,
            slices.Sum(s => s.ServerCpuSeconds), slices[^1].ServerRssMb, slices.Sum(s => s.ClientCpuSeconds));
    }
}

/// <summary>
/// Fixed-concurrency load over several HTTP/2 connections (one channel, one handler, one connection
/// each): every worker loops on its own call; after the warm-up, the calls that complete within the
/// measured window are counted and their latencies kept.
/// </summary>
public sealed class LoadGenerator : IDisposable
{
    private readonly List<GrpcChannel> channels = [];
    private readonly List<Clients> clients = [];
    private readonly ServerProcess server;

    public LoadGenerator(ServerProcess server, string adminKey, int connections)
    {
        this.server = server;
        var options = new CallOptions(new Metadata { { "authorization", $"Bearer {adminKey}" } });
        for (var i = 0; i < connections; i++)
        {
            var channel = GrpcChannel.ForAddress(server.GrpcUrl, new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler
                {
                    EnableMultipleHttp2Connections = false,
                    PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
                },
                MaxReceiveMessageSize = 256 * 1024 * 1024,
            });
            channels.Add(channel);
            clients.Add(new Clients(channel, options));
        }
    }

    /// <summary>Clients on the first connection, for set-up and one-at-a-time calls.</summary>
    public Clients First => clients[0];

    /// <summary>
    /// Prepares <paramref name="concurrency"/> workers spread over the connections: <paramref name="worker"/>
    /// sets up worker i (it may call the server) and returns the call that worker repeats.
    /// </summary>
    public async Task<Func<Task>[]> Prepare(int concurrency, Func<int, Clients, Task<Func<Task>>> worker)
    {
        var calls = new Func<Task>[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            calls[i] = await worker(i, clients[i % clients.Count]);
        }

        return calls;
    }

    /// <summary>Runs every prepared worker's call in a loop: <paramref name="warmup"/>, then <paramref name="duration"/> measured.</summary>
    public async Task<LoadResult> Run(Func<Task>[] calls, TimeSpan warmup, TimeSpan duration)
    {
        var concurrency = calls.Length;
        var latencies = new List<long>[concurrency];
        var errors = new Dictionary<string, long>();
        var begin = Stopwatch.GetTimestamp();
        var windowStart = begin + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var windowEnd = windowStart + (long)(duration.TotalSeconds * Stopwatch.Frequency);

        async Task Loop(int i)
        {
            var mine = latencies[i] = new List<long>(4096);
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                var started = Stopwatch.GetTimestamp();
                string? error = null;
                try
                {
                    await calls[i]();
                }
                catch (RpcException e)
                {
                    error = e.StatusCode.ToString();
                }
#pragma warning disable CA1031 // A failed call is counted, whatever failed.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    error = e.GetType().Name;
                }

                // Errors count in the warm-up too: any failed call fails the run.
                var ended = Stopwatch.GetTimestamp();
                if (error is not null)
                {
                    lock (errors)
                    {
                        errors[error] = errors.GetValueOrDefault(error) + 1;
                    }
                }
                else if (ended >= windowStart && ended <= windowEnd)
                {
                    mine.Add(ended - started);
                }
            }
        }

        var clientStart = TimeSpan.Zero;
        ProcessStats serverStart = default, serverEnd = default;
        var clientEnd = TimeSpan.Zero;
        async Task Sample()
        {
            await Task.Delay(warmup);
            serverStart = server.Stats();
            clientStart = Process.GetCurrentProcess().TotalProcessorTime;
            await Task.Delay(duration);
            serverEnd = server.Stats();
            clientEnd = Process.GetCurrentProcess().TotalProcessorTime;
        }

        var sampling = Sample();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(i => Task.Run(() => Loop(i))));
        await sampling;
        var all = latencies.SelectMany(l => l).Select(t => t * 1000.0 / Stopwatch.Frequency).ToArray();
        Array.Sort(all);
        return new LoadResult(
            duration.TotalSeconds, all.Length, all, errors, serverEnd.CpuSeconds - serverStart.CpuSeconds, serverEnd.RssMb, (clientEnd - clientStart).TotalSeconds);
    }

    public void Dispose()
    {
        foreach (var channel in channels)
        {
            channel.Dispose();
        }
    }
}
