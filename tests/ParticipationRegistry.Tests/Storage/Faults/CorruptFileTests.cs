using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary>
/// The real server as a child process on a file that is not a database any more (garbage over the header)
/// or is cut short: it does not start, prints one line naming the file and SQLite's error, no stack trace,
/// and exits 3. A missing file at start is created, as always.
/// </summary>
// About the SQLite file itself (garbage over its header, cut short).
[Trait("Engine", "SqliteOnly")]
public sealed class CorruptFileTests() : ServerFileTest("registry-corrupt-")
{
    [Fact]
    public async Task Garbage_over_the_header_stops_the_start_with_sqlite_notadb_and_exit_code_3()
    {
        await CreateDatabaseAsync();
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.Write(Enumerable.Repeat((byte)0x5A, 100).ToArray());
        }

        var (exitCode, output) = await RunServerAsync();

        Assert.Equal(3, exitCode);
        Assert.Contains("SQLITE_NOTADB (26)", output, StringComparison.Ordinal);
        Assert.Contains(DatabasePath, output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_file_stops_the_start_with_sqlite_corrupt_and_exit_code_3()
    {
        await CreateDatabaseAsync();
        var length = new FileInfo(DatabasePath).Length;
        Assert.True(length > 8 * 4096, $"the database is too small to cut: {length} bytes");
        using (var file = new FileStream(DatabasePath, FileMode.Open, FileAccess.Write))
        {
            file.SetLength(length / 2);
        }

        var (exitCode, output) = await RunServerAsync();

        Assert.Equal(3, exitCode);
        Assert.Contains("SQLITE_CORRUPT (11)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    // A real database with data, stopped cleanly (its WAL checkpointed into the file and removed).
    private async Task CreateDatabaseAsync()
    {
        Assert.False(File.Exists(DatabasePath));
        using var server = await ServerProcess.StartAsync(DatabasePath, Secret);
        using (var channel = server.Channel(Secret))
        {
            var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
            await stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
            {
                Requests =
                {
                    Enumerable.Range(0, 300).Select(i => new CreateStakeholderRequest
                    {
                        Stakeholder = new Stakeholder { DisplayName = $"Person {i} " + new string('p', 150), Affiliation = new string('a', 150) },
                    }),
                },
            });
        }

        server.Terminate();
        Assert.True(server.Process.WaitForExit(TimeSpan.FromSeconds(60)));
        Assert.Equal(0, server.Process.ExitCode);
        Assert.True(File.Exists(DatabasePath));
    }

    private async Task<(int ExitCode, string Output)> RunServerAsync()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            typeof(RegistryApp).Assembly.Location, "--database", DatabasePath,
            "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0",
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REGISTRY_BOOTSTRAP_ADMIN_KEY"] = Secret;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill();
            throw new Xunit.Sdk.XunitException($"The server started on a damaged file: {await stdout}");
        }

        return (process.ExitCode, await stdout + "\n" + await stderr);
    }
}
