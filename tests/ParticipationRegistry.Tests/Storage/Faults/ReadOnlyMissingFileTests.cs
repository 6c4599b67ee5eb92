using System.Diagnostics;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Storage.Faults;

/// <summary><c>--read-only</c> on a SQLite file that is not there stops the start (exit 3), creating nothing.</summary>
// About a missing SQLite file; on PostgreSQL --read-only on an empty schema is refused by the schema check instead.
[Trait("Engine", "SqliteOnly")]
public sealed class ReadOnlyMissingFileTests() : ServerFileTest("registry-readonly-")
{
    [Fact]
    public async Task Read_only_on_a_missing_file_stops_the_start_with_exit_code_3()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { typeof(RegistryApp).Assembly.Location, "--database", DatabasePath, "--read-only", "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(3, process.ExitCode);
        Assert.Contains("SQLITE_CANTOPEN (14)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error + await output, StringComparison.Ordinal);
        Assert.False(File.Exists(DatabasePath));
    }
}
