using Dapper;

namespace ParticipationRegistry.Server.Storage;

/// <summary>Small named facts the registry keeps about itself, such as when the demo data was loaded.</summary>
public sealed class RegistryState(Database database)
{
    public string? Get(string name)
    {
        using var connection = database.Open();
        return connection.QuerySingleOrDefault<string>("SELECT value FROM registry_state WHERE name = @name", new { name });
    }

    public Task SetAsync(string name, string value) =>
        database.WriteAsync((connection, transaction) => connection.Execute(
            "INSERT INTO registry_state (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value },
            transaction));
}
