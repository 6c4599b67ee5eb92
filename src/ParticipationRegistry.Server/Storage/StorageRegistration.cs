using Dapper;
using Grpc.HealthCheck;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Stakeholders;

namespace ParticipationRegistry.Server.Storage;

public static class StorageRegistration
{
    /// <summary>The SQLite file, migrated at start; one store per capability behind its interface.</summary>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services, string databasePath)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var database = new Database(databasePath);
        Migrator.Migrate(database);

        services.AddSingleton(database);
        services.AddSingleton(new PageTokens(ReadSecret(database, Migrator.PageTokenKeyName)));
        services.AddSingleton<Lists>();
        services.AddSingleton<RegistryState>();
        services.AddSingleton<IStakeholderStore, SqliteStakeholderStore>();
        services.AddSingleton<IMeetingStore, SqliteMeetingStore>();
        services.AddSingleton<IBalanceStore, SqliteBalanceStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IReportPagesStore, SqliteReportPagesStore>();
        services.AddSingleton<HealthServiceImpl>();
        services.AddSingleton<DatabaseMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMaintenance>());
        return services;
    }

    private static byte[] ReadSecret(Database database, string name)
    {
        using var connection = database.Open();
        return connection.QuerySingle<byte[]>("SELECT value FROM registry_secrets WHERE name = @name", new { name });
    }
}
