using System.CommandLine;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Admin.Migrate;

/// <summary>
/// <c>ParticipationRegistry.Server migrate --from sqlite:FILE --to postgres://…</c>: moves a registry into an empty
/// database of the other engine, then checks every table's row count and digest, and every meeting's report
/// (<see cref="ReportCheck"/>). Exit 0 when all agree, 1 when anything differs, 2 for a bad argument or a target
/// that is not empty, 3 when a database cannot be opened.
/// </summary>
public static class MigrateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var from = new Option<string>("--from")
        {
            Description = "The registry to copy: sqlite:FILE (or a path), or postgres://… . Stop its servers first (or run them --read-only): writes made during the copy are not copied.",
            Required = true,
        };
        var to = new Option<string>("--to")
        {
            Description = "An empty database to copy into: postgres://user:password@host:5432/registry (or sqlite:FILE, a new file).",
            Required = true,
        };
        var skipReports = new Option<bool>("--skip-report-check") { Description = "Compare tables only, not every meeting's report (faster for very large registries)." };
        var command = new Command("migrate", "Copy a registry into another database (SQLite → PostgreSQL, or back) and verify the copy.") { from, to, skipReports };
        command.SetAction(async (result, cancellation) =>
        {
            DatabaseLocation source, target;
            try
            {
                source = DatabaseLocation.Parse(result.GetValue(from)!);
                target = DatabaseLocation.Parse(result.GetValue(to)!);
            }
            catch (ArgumentException e)
            {
                await error.WriteLineAsync(e.Message.Replace("--database", "--from/--to", StringComparison.Ordinal));
                return 2;
            }

            return await RunAsync(source, target, !result.GetValue(skipReports), output, error, cancellation);
        });
        return command;
    }

    public static async Task<int> RunAsync(DatabaseLocation source, DatabaseLocation target, bool checkReports, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        await output.WriteLineAsync($"Migrating {source.Display} → {target.Display} (schema {Migrator.LatestVersion})");
        IReadOnlyList<TableResult> tables;
        try
        {
            tables = RegistryMigration.Copy(source, target, output);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or SchemaTooNewException)
        {
            await error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (Exception e) when (StorageFaults.Classify(e) is { } fault)
        {
            await error.WriteLineAsync($"A database cannot be used: {fault.Name}: {e.Message}");
            return 3;
        }

        await output.WriteLineAsync($"  {"table",-28} {"rows",10} {"source digest",-16} {"target digest",-16}");
        foreach (var table in tables)
        {
            await output.WriteLineAsync(
                $"  {table.Table,-28} {table.TargetRows,10:N0} {table.SourceDigest[..16]} {table.TargetDigest[..16]} {(table.Same ? "same" : $"DIFFERENT (source has {table.SourceRows:N0} rows)")}");
        }

        var tablesSame = tables.All(t => t.Same);
        var reportsSame = true;
        if (checkReports)
        {
            var reports = await ReportCheck.CompareAsync(source, target, cancellation);
            foreach (var (meeting, same) in reports)
            {
                await output.WriteLineAsync($"  report of {meeting}: {(same ? "identical" : "DIFFERENT")}");
            }

            reportsSame = reports.All(r => r.Same);
            await output.WriteLineAsync($"  {reports.Count} meeting report(s) compared");
        }

        await output.WriteLineAsync(tablesSame && reportsSame
            ? $"Done: {tables.Count} tables, {tables.Sum(t => t.TargetRows):N0} rows, every count and digest{(checkReports ? " and every meeting's report" : "")} the same."
            : "The copy differs from the source (above): do not switch servers to it.");
        return tablesSame && reportsSame ? 0 : 1;
    }
}

/// <summary>Adds a subcommand in the expression that builds the root command.</summary>
public static class CommandExtensions
{
    public static RootCommand WithSubcommand(this RootCommand root, Command subcommand)
    {
        ArgumentNullException.ThrowIfNull(root);
        root.Subcommands.Add(subcommand);
        return root;
    }
}
