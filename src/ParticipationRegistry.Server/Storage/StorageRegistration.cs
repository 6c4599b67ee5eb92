using Dapper;
using Grpc.HealthCheck;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Stakeholders;

namespace ParticipationRegistry.Server.Storage;

public static class StorageRegistration
{
    /// <summary>Registers the database (a SQLite file or PostgreSQL) and one store per capability behind its interface; opens nothing.</summary>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services, string database, Durability durability = Durability.Normal, bool readOnly = false) =>
        services.AddRegistryStorage(DatabaseLocation.Parse(database), durability, readOnly);

    /// <inheritdoc cref="AddRegistryStorage(IServiceCollection, string, Durability, bool)"/>
    public static IServiceCollection AddRegistryStorage(this IServiceCollection services, DatabaseLocation databasePath, Durability durability = Durability.Normal, bool readOnly = false)
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        // A factory, not an instance, so the container disposes it at shutdown: the writer commits what is
        // queued, then the pooled connections close.
        services.AddSingleton(sp =>
        {
            var database = new Database(databasePath, durability, readOnly);
            database.Faults.UseLogger(sp.GetRequiredService<ILoggerFactory>().CreateLogger<StorageFaults>());
            return database;
        });
        // The key is created by the migration, so it is read on first use, after MigrateRegistryStorage.
        services.AddSingleton(sp => new PageTokens(Migrator.ReadPageTokenKey(sp.GetRequiredService<Database>())));
        services.AddSingleton<Lists>();
        services.AddSingleton<RegistryState>();
        services.AddSingleton<SqliteStakeholderStore>();
        services.AddSingleton<IStakeholderStore>(sp => sp.GetRequiredService<SqliteStakeholderStore>());
        services.AddSingleton<IPersonalDataStore>(sp => sp.GetRequiredService<SqliteStakeholderStore>());
        services.AddSingleton<Stakeholders.Search.StakeholderSearch>();
        services.AddSingleton<Stakeholders.Duplicates.DuplicateFinder>();
        services.AddSingleton<IMeetingStore, SqliteMeetingStore>();
        services.AddSingleton<IBalanceStore, SqliteBalanceStore>();
        services.AddSingleton<IReportStore, SqliteReportStore>();
        services.AddSingleton<IReportPagesStore, SqliteReportPagesStore>();
        services.AddSingleton<HealthServiceImpl>();
        services.TryAddSingleton(AuditRetention.Default);
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<DatabaseMaintenance>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMaintenance>());
        return services;
    }

    /// <summary>Brings the database file to the current schema; <see cref="SchemaTooNewException"/> when it is newer.</summary>
    public static void MigrateRegistryStorage(this IServiceProvider services) =>
        Migrator.Migrate(services.GetRequiredService<Database>());
}
