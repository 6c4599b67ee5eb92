using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary><c>registry admin backup</c> against a live server: the file it names is a copy of the registry.</summary>
public sealed class AdminCommandTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    [Fact]
    public async Task Admin_backup_writes_a_named_copy_and_prints_its_file_and_digest()
    {
        using (var client = registry.Admin())
        {
            await client.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Izumi Aizu" } });
        }

        var result = await registry.RunAsync("admin", "backup", "cli-nightly");

        Assert.True(result.Exit == 0, result.ToString());
        var path = Path.Combine(registry.Folder, "backups", "cli-nightly.db");
        Assert.Contains("backups/cli-nightly", result.Output, StringComparison.Ordinal);
        Assert.Contains(path, result.Output, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path))), result.Output, StringComparison.Ordinal);
        using var copy = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        copy.Open();
        using var command = copy.CreateCommand();
        command.CommandText = "SELECT count(*) FROM stakeholders WHERE display_name = 'Izumi Aizu'";
        Assert.Equal(1L, (long)command.ExecuteScalar()!);
    }

    [Fact]
    public async Task Admin_backup_with_a_path_or_an_existing_name_is_exit_2_and_says_why()
    {
        var path = await registry.RunAsync("admin", "backup", "../escape");
        await registry.RunAsync("admin", "backup", "cli-once");
        var again = await registry.RunAsync("admin", "backup", "cli-once");

        Assert.True(path.Exit == 2, path.ToString());
        Assert.Contains("backup_id", path.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(registry.Folder, "escape.db")));
        Assert.True(again.Exit == 2, again.ToString());
        Assert.Contains("BACKUP_ALREADY_EXISTS", again.Error, StringComparison.Ordinal);
    }
}
