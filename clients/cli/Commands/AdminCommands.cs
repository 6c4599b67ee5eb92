using System.CommandLine;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry admin backup [NAME]</c>: running the registry (AdminService, admin keys only).</summary>
public static class AdminCommands
{
    public static Command Build(CommandFactory factory)
    {
        var name = new Argument<string?>("NAME")
        {
            Description = "The backup's id, its file name without .db (lower case letters, digits and hyphens, e.g. nightly-2026-11-30); " +
                "never a path. Left out: registry-YYYYMMDD-HHMMSS (UTC).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var backup = new Command("backup",
            """
            Makes the server write an online copy of its database (AdminService.CreateBackup) into its backup folder
            (the server's --backup-dir, REGISTRY_BACKUP_DIR; default: a backups folder beside the database) while it
            keeps serving and writing. Prints the file on the server's machine, its size, schema version, the moment
            it holds (every write acknowledged before it is in it) and its SHA-256. An existing backup is never
            overwritten. Restore: stop the server, copy the file over the database (remove its -wal and -shm), start
            it. Needs an admin key.

            Examples:
              registry admin backup                      # backups/registry-20261130-170000
              registry admin backup nightly-2026-11-30
            """)
        {
            name,
        };
        factory.Action(backup, async run =>
        {
            var made = await run.Client.Admin.CreateBackupAsync(new CreateBackupRequest { BackupId = run.Value(name) ?? "" }, cancellationToken: run.Cancellation);
            var text = run.Context.Output;
            await text.WriteLineAsync($"Backup {made.Name} written on the server:");
            await text.WriteLineAsync($"  file:            {made.Path}");
            await text.WriteLineAsync($"  size:            {made.SizeBytes:N0} bytes");
            await text.WriteLineAsync($"  schema version:  {made.SchemaVersion}");
            await text.WriteLineAsync($"  snapshot time:   {Output.Time(made.SnapshotTime)}");
            await text.WriteLineAsync($"  sha256:          {made.Sha256}");
            return ExitCodes.Ok;
        });
        return new Command("admin", "Running the registry (admin keys only): backups.") { backup };
    }
}
