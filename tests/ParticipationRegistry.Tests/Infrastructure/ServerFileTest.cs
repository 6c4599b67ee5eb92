using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Tests.Infrastructure;

/// <summary>
/// A test that runs the server as a child process on a database file of its own: a temporary folder
/// (deleted afterwards), the file's path in it and the bootstrap admin key's secret.
/// </summary>
public abstract class ServerFileTest(string folderPrefix) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory(folderPrefix).FullName;

    protected string Secret { get; } = ApiKeySecrets.New();

    protected string DatabasePath => Path.Combine(folder, "registry.db");

    /// <summary>The <c>--database</c> for tests that run on either engine: the file, or the folder's PostgreSQL schema (REGISTRY_TEST_POSTGRES).</summary>
    protected string Database => ParticipationRegistry.TestSupport.TestDatabases.For(folder);

    /// <summary>A connection of the test's own to <see cref="Database"/>.</summary>
    protected System.Data.Common.DbConnection OpenDatabase() => ParticipationRegistry.TestSupport.TestDatabases.Open(folder);

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            ParticipationRegistry.TestSupport.TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }
}
