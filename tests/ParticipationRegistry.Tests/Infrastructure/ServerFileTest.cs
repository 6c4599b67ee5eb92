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
            Directory.Delete(folder, recursive: true);
        }
    }
}
