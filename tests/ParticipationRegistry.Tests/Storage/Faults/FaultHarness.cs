using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>A registry whose log lines are kept, with the helpers the fault tests share.</summary>
internal sealed class FaultHarness : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Starts a registry keeping its log lines; <paramref name="database"/> may change its --database value (as TestRegistry's).</summary>
    public static async Task<(TestRegistry Registry, FaultHarness Logs)> StartAsync(Func<string, string>? database = null)
    {
        var logs = new FaultHarness();
        var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(logs), database: database);
        return (registry, logs);
    }

    /// <summary>The storage-fault lines logged so far.</summary>
    public List<(LogLevel Level, string Message)> FaultLines() => Entries
        .Where(e => e.Category == typeof(StorageFaults).FullName)
        .Select(e => (e.Level, e.Message))
        .ToList();

    public static Database DatabaseOf(TestRegistry registry) => registry.App.Services.GetRequiredService<Database>();

    /// <summary>Runs <paramref name="sql"/> on the writer's own connection, between groups (fault injection).</summary>
    public static Task OnWriterAsync(TestRegistry registry, string sql) => DatabaseOf(registry).Writer.RunAloneAsync(connection =>
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    });

    public static Task<Stakeholder> CreateAsync(TestRegistry registry, string displayName) =>
        registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = displayName } }).ResponseAsync;

    /// <summary>Waits (at most 20 s) until grpc.health.v1 says <paramref name="expected"/> for the server and a service.</summary>
    public static async Task WaitForHealthAsync(TestRegistry registry, HealthCheckResponse.Types.ServingStatus expected)
    {
        var health = new Health.HealthClient(registry.Channel);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var whole = (await health.CheckAsync(new HealthCheckRequest { Service = "" })).Status;
            var service = (await health.CheckAsync(new HealthCheckRequest { Service = "participation.registry.v1.StakeholderService" })).Status;
            if (whole == expected && service == expected)
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"health stayed {whole}/{service}, expected {expected}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// After a fault is fixed: writes until one commits at least <see cref="StorageFaults.RecoveryQuiet"/> after the last
    /// failure and health says SERVING (at most 20 s); returns the stakeholders created.
    /// </summary>
    public static async Task<List<Stakeholder>> WriteUntilServingAsync(TestRegistry registry)
    {
        var health = new Health.HealthClient(registry.Channel);
        var created = new List<Stakeholder>();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await health.CheckAsync(new HealthCheckRequest { Service = "" })).Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            Assert.True(DateTime.UtcNow < deadline, "health did not recover after writes committed again");
            created.Add(await CreateAsync(registry, $"After recovery {created.Count}"));
            await Task.Delay(250);
        }

        await WaitForHealthAsync(registry, HealthCheckResponse.Types.ServingStatus.Serving);
        return created;
    }

    public static async Task<RpcException> RefusedAsync(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

    /// <summary>Asserts a storage refusal: its status, its ErrorInfo reason, and the engine's error under <paramref name="errorKey"/> (sqlite_error, postgres_error).</summary>
    public static void AssertRefusal(RpcException refused, StatusCode code, string reason, string errorKey, string error)
    {
        Assert.Equal(code, refused.StatusCode);
        var info = refused.GetRpcStatus()!.GetDetail<Google.Rpc.ErrorInfo>();
        Assert.Equal(reason, info.Reason);
        Assert.Equal(error, info.Metadata[errorKey]);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<(string, LogLevel, string, Exception?)> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue((category, logLevel, formatter(state, exception), exception));
    }
}
