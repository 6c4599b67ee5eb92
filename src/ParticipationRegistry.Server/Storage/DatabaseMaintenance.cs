using Dapper;
using Grpc.Health.V1;
using Grpc.HealthCheck;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Storage;

/// <summary>
/// Probes the database on a timer and publishes the result to grpc.health.v1.Health, so a health
/// call never costs a query; also purges expired request ids and audit events past their retention.
/// </summary>
public sealed class DatabaseMaintenance(
    Database database, HealthServiceImpl health, TimeProvider clock, AuditRetention auditRetention, ILogger<DatabaseMaintenance> logger)
    : BackgroundService
{
    public static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan PurgeInterval = TimeSpan.FromHours(1);

    /// <summary>The services reported; "" is the server as a whole.</summary>
    public static readonly IReadOnlyList<string> ServiceNames =
    [
        "",
        "participation.registry.v1.StakeholderService",
        "participation.registry.v1.MeetingService",
        "participation.registry.v1.BalanceService",
        "participation.registry.v1.ReportService",
    ];

    private long _probes;

    public long ProbeCount => Interlocked.Read(ref _probes);

    /// <summary>Runs one probe now; called at start-up so health is known before the first call.</summary>
    public void Probe()
    {
        Interlocked.Increment(ref _probes);
        HealthCheckResponse.Types.ServingStatus status;
        try
        {
            using var connection = database.Open();
            connection.ExecuteScalar<long>("SELECT count(*) FROM registry_secrets");
            // Unusable: writes fail with a storage fault (until one commits), or the file is gone from under the server.
            status = database.Faults.Current is null && (database.IsPostgres || File.Exists(database.Path))
                ? HealthCheckResponse.Types.ServingStatus.Serving
                : HealthCheckResponse.Types.ServingStatus.NotServing;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or IOException or InvalidOperationException)
        {
            Log.ProbeFailed(logger, e);
            status = HealthCheckResponse.Types.ServingStatus.NotServing;
        }

        foreach (var service in ServiceNames)
        {
            health.SetStatus(service, status);
        }
    }

    /// <summary>Removes expired request ids and audit events past their retention; runs every hour.</summary>
    public async Task PurgeAsync()
    {
        var now = clock.GetUtcNow();
        int purged, expired;
        try
        {
            (purged, expired) = await database.WriteAsync((connection, transaction) =>
                (RequestLedger.Purge(connection, transaction, now), AuditTrail.Purge(connection, transaction, now - auditRetention.Period)));
        }
        catch (Exception e) when (StorageFaults.Classify(e) is not null)
        {
            // Logged by StorageFaults and shown by health; the purge runs again in an hour.
            return;
        }

        if (purged > 0)
        {
            Log.RequestIdsPurged(logger, purged);
        }

        if (expired > 0)
        {
            AuditLog.EventsPurged(logger, expired);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Health follows a storage fault and its end at once, not at the next tick (off the writer's thread).
        database.Faults.Changed += () => ThreadPool.UnsafeQueueUserWorkItem(_ => Probe(), null);
        var lastPurge = DateTimeOffset.MinValue;
        using var timer = new PeriodicTimer(ProbeInterval, clock);
        do
        {
            Probe();
            if (clock.GetUtcNow() - lastPurge >= PurgeInterval)
            {
                lastPurge = clock.GetUtcNow();
                await PurgeAsync();
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
