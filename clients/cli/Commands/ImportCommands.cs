using System.CommandLine;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Cli.Import;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry import stakeholders|programme|registrations FILE.csv</c>.</summary>
public static class ImportCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("import",
            """
            Imports a CSV file (UTF-8, a header line; comma separated, or semicolon or tab as the header shows).
            Every row is checked first; bad rows are reported with their line number and reason and skipped, the
            good ones imported (exit code 2 when any row was bad). Writes go in batches of at most 1000 that the server applies whole. What is already in
            the registry is matched, not added again: run the same file again after a failure or a fix and
            nothing is added twice. Columns are matched to fields by name (case, spaces and hyphens ignored), or
            with --map "Column"=field.
            """);
        command.Subcommands.Add(Make(factory, "stakeholders", StakeholderImport.Fields, needsMeeting: false, checksDuplicates: true,
            """
            Imports people, one per row. Fields: name (required), affiliation, group, country, region, gender, email.

            Examples:
              registry import stakeholders people.csv
              registry import stakeholders people.csv --map "Full name"=name --map Nationality=country --dry-run
              registry import stakeholders people.csv --on-duplicate skip
            """,
            StakeholderImport.RunAsync));
        command.Subcommands.Add(Make(factory, "programme", ProgrammeImport.Fields, needsMeeting: true, checksDuplicates: true,
            """
            Imports a meeting's programme, one row per seat: sessions, people and seats are created as needed.
            Fields: session_id, title, person, role (required); kind, start_time, end_time, room, affiliation,
            group, country, region, confirmation, attendance, email, gender. 'registry export programme' writes
            this format.

            Examples:
              registry import programme igf-2012-workshop-85.csv --meeting igf-2012
              registry import programme accepted.csv --meeting igf-2026 --match email --dry-run
              registry import programme accepted.csv --meeting igf-2026 --on-duplicate merge --dry-run
            """,
            ProgrammeImport.RunAsync));
        command.Subcommands.Add(Make(factory, "registrations", RegistrationImport.Fields, needsMeeting: true, checksDuplicates: false,
            """
            Registers people to attend a meeting, one per row; people are created as needed. Fields: name
            (required), affiliation, group, country, region, gender, email, attendance (onsite, remote).

            Example:
              registry import registrations registrants.csv --meeting igf-2012
            """,
            RegistrationImport.RunAsync));
        return command;
    }

    private static Command Make(CommandFactory factory, string name, string[] fields, bool needsMeeting, bool checksDuplicates, string description, Func<ImportRun, Task<int>> run)
    {
        var file = new Argument<string>("FILE") { Description = "The CSV file." };
        var meeting = new Option<string>("--meeting") { Description = "The meeting, meetings/ID or ID (igf-2012); it must exist.", Required = true };
        var map = new Option<string[]>("--map")
        {
            Description = $"column=field, repeatable: read field from the file's column (e.g. --map \"Full name\"={(fields.Contains("person") ? "person" : "name")}). Fields: {string.Join(", ", fields)}.",
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check every row and say what would be created; write nothing." };
        var match = new Option<string>("--match")
        {
            Description = "How a row's person is matched to someone already registered or earlier in the file: email-then-name (default: " +
                "by email, ignoring case, when the row has one, else by exact name and country), email (a row without email is a new person), " +
                "or name (exact name and country).",
            DefaultValueFactory = _ => "email-then-name",
        };
        match.AcceptOnlyFromAmong("email-then-name", "email", "name");
        var onDuplicate = new Option<string>("--on-duplicate")
        {
            Description = "What to do with a new person (not matched by --match) who is likely someone already registered, by the server's " +
                "duplicate rules: without this flag, warn on stderr and create them as new; skip (do not import their rows: exit 2, as for " +
                "bad rows); merge (their seat or registration goes to the existing person, no person is created); ask (choose on the " +
                "terminal: merge, create new or skip; refused when stdin is not a terminal). Two people already registered are never merged.",
        };
        onDuplicate.AcceptOnlyFromAmong("skip", "merge", "ask");
        var confidence = new Option<double>("--duplicate-confidence")
        {
            Description = $"The least confidence (0 to 1) of a likely duplicate (default {DuplicateCheck.LikelyConfidence.ToString(System.Globalization.CultureInfo.InvariantCulture)}: " +
                "the same name, or a name a letter or two off with the same organisation or country; not the same name with another " +
                "organisation or country).",
            DefaultValueFactory = _ => DuplicateCheck.LikelyConfidence,
        };
        confidence.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && (double.IsNaN(value) || value is < 0 or > 1))
            {
                result.AddError("--duplicate-confidence must be from 0 to 1.");
            }
        });
        var command = new Command(name, description) { file, map, dryRun, match };
        if (needsMeeting)
        {
            command.Options.Add(meeting);
        }

        if (checksDuplicates)
        {
            command.Options.Add(onDuplicate);
            command.Options.Add(confidence);
        }

        factory.Action(command, invocation =>
        {
            var mode = (checksDuplicates ? invocation.Value(onDuplicate) : null) switch
            {
                "skip" => OnDuplicate.Skip,
                "merge" => OnDuplicate.Merge,
                "ask" => OnDuplicate.Ask,
                _ => OnDuplicate.Warn,
            };
            if (mode == OnDuplicate.Ask && !invocation.Value(dryRun) && !DuplicateCheck.CanAsk(invocation))
            {
                throw new UsageException("--on-duplicate ask needs a terminal to ask on, and stdin is not one: choose skip or merge, or leave the flag out to be warned.");
            }

            return run(new ImportRun(invocation, new ImportSettings(
                invocation.Value(file),
                invocation.Value(map) ?? [],
                invocation.Value(dryRun),
                PeopleIndex.ParseMode(invocation.Value(match) ?? "email-then-name"),
                needsMeeting ? invocation.Value(meeting) ?? "" : "")
            {
                OnDuplicate = mode,
                DuplicateConfidence = checksDuplicates ? invocation.Value(confidence) : DuplicateCheck.LikelyConfidence,
            }));
        });
        return command;
    }
}
