using System.CommandLine;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry stakeholders list|get|add|update|unmerge</c>.</summary>
public static class StakeholderCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("stakeholders", "People: list, get, add and update them, undo a merge. 'registry import stakeholders' adds many from a CSV file.");
        command.Subcommands.Add(List(factory));
        command.Subcommands.Add(Get(factory));
        command.Subcommands.Add(Add(factory));
        command.Subcommands.Add(Update(factory));
        command.Subcommands.Add(Unmerge(factory));
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var filter = new Option<string?>("--filter") { Description = "The server's filter, e.g. 'country_code = \"FI\"' or 'stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT'." };
        var orderBy = new Option<string?>("--order-by") { Description = "display_name (default), create_time or update_time, optionally followed by ' desc'." };
        var full = new Option<bool>("--full") { Description = "The full view: also gender, where the gender came from (SELF_DECLARED, RECORDED_BY_STAFF, IMPORTED) and email (needs personal-data rights)." };
        var limit = new Option<int>("--limit") { Description = "Show at most this many (0, the default: all, page after page).", DefaultValueFactory = _ => 0 };
        var command = new Command("list", "Lists people as a table: name, display name, group, region, country, affiliation.\n\nExample:\n  registry stakeholders list --filter 'country_code = \"FI\"'")
        {
            filter, orderBy, full, limit,
        };
        factory.Action(command, async run =>
        {
            var request = new ListStakeholdersRequest
            {
                PageSize = 1000,
                Filter = run.Value(filter) ?? "",
                OrderBy = run.Value(orderBy) ?? "",
                View = run.Value(full) ? StakeholderView.Full : StakeholderView.Basic,
            };
            var table = Output.Table("name", "display name", "group", "region", "country", "affiliation", run.Value(full) ? "gender" : "", run.Value(full) ? "gender from" : "", run.Value(full) ? "email" : "");
            var count = 0;
            await foreach (var person in Pages.All(request, run.Client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders, run.Cancellation))
            {
                table.Row(person.Name, person.DisplayName, Enums.Text(person.StakeholderGroup), Enums.Text(person.RegionalGroup), person.CountryCode,
                    person.Affiliation, Enums.Text(person.Gender), run.Value(full) ? ProvenanceLines.Source(person.Provenance?.Gender, withTime: false) : "", person.Email);
                if (++count == run.Value(limit))
                {
                    break;
                }
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{count} stakeholder(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CommandFactory factory)
    {
        var name = new Argument<string>("STAKEHOLDER") { Description = "stakeholders/ID or ID." };
        var full = new Option<bool>("--full")
        {
            Description = "The full view: also gender, attributes, email and where each came from (provenance; needs personal-data rights).",
        };
        var command = new Command("get",
            """
            Prints one person as JSON. With --full, also the personal fields and their provenance: the JSON's
            "provenance", and on stderr one line per field saying where its value came from (SELF_DECLARED by the
            person, with the time; RECORDED_BY_STAFF; IMPORTED).

            Example:
              registry stakeholders get stakeholders/3kq2v7 --full
            """) { name, full };
        factory.Action(command, async run =>
        {
            var person = await run.Client.Stakeholders.GetStakeholderAsync(
                new GetStakeholderRequest { Name = Names.Stakeholder(run.Value(name)), View = run.Value(full) ? StakeholderView.Full : StakeholderView.Basic },
                cancellationToken: run.Cancellation);
            Output.Print(run, person);
            if (run.Value(full))
            {
                await ProvenanceLines.WriteAsync(run.Context.Error, person);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The fields add and update share, each an option.</summary>
    private sealed class Fields
    {
        public Option<string?> DisplayName { get; } = new("--name") { Description = "The person's name as a programme shows it." };
        public Option<string?> Affiliation { get; } = new("--affiliation") { Description = "Free-text affiliation and title." };
        public Option<string?> Group { get; } = new("--group") { Description = $"Stakeholder group: {Enums.Allowed<StakeholderGroup>()}." };
        public Option<string?> Country { get; } = new("--country") { Description = "ISO 3166-1 alpha-2 code (FI); the server derives the regional group from it." };
        public Option<string?> Region { get; } = new("--region") { Description = $"Regional group, when stated rather than derived: {Enums.Allowed<RegionalGroup>()} (also weog, grulac)." };
        public Option<string?> Gender { get; } = new("--gender") { Description = $"Only as the person states it: {Enums.Allowed<Gender>()}." };
        public Option<string?> Email { get; } = new("--email") { Description = "Contact address (personal data)." };

        public IEnumerable<Option> All => [DisplayName, Affiliation, Group, Country, Region, Gender, Email];

        /// <summary>Sets on <paramref name="person"/> what was given; returns the proto field paths set.</summary>
        public List<string> Apply(Invocation run, Stakeholder person)
        {
            var paths = new List<string>();
            void Set(Option<string?> option, string path, Action<string> apply)
            {
                if (run.Value(option) is { } value)
                {
                    apply(value);
                    paths.Add(path);
                }
            }

            Set(DisplayName, "display_name", v => person.DisplayName = v);
            Set(Affiliation, "affiliation", v => person.Affiliation = v);
            Set(Group, "stakeholder_group", v => person.StakeholderGroup = Enums.Parse<StakeholderGroup>(v, "--group"));
            Set(Country, "country_code", v => person.CountryCode = v.Trim().ToUpperInvariant());
            Set(Region, "regional_group", v => person.RegionalGroup = Enums.Parse<RegionalGroup>(v, "--region"));
            Set(Gender, "gender", v => person.Gender = Enums.Parse<Gender>(v, "--gender"));
            Set(Email, "email", v => person.Email = v);
            return paths;
        }
    }

    private static Command Add(CommandFactory factory)
    {
        var fields = new Fields();
        fields.DisplayName.Required = true;
        var requestId = new Option<string?>("--request-id") { Description = "A UUID making the call safe to retry: a second add with the same id creates nothing." };
        var command = new Command("add", "Adds one person and prints it as JSON.\n\nExample:\n  registry stakeholders add --name 'Mervi Kultamaa' --group government --country FI --gender woman");
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        command.Options.Add(requestId);
        factory.Action(command, async run =>
        {
            var person = new Stakeholder();
            fields.Apply(run, person);
            Output.Print(run, await run.Client.Stakeholders.CreateStakeholderAsync(
                new CreateStakeholderRequest { Stakeholder = person, RequestId = run.Value(requestId) ?? Guid.NewGuid().ToString() },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(CommandFactory factory)
    {
        var fields = new Fields();
        var name = new Argument<string>("STAKEHOLDER") { Description = "stakeholders/ID or ID." };
        var etag = new Option<string?>("--etag") { Description = "Update only if the person is still at this etag (from get); a stale one fails (ABORTED, ETAG_MISMATCH)." };
        var command = new Command("update", "Changes only the fields given and prints the person as JSON.\n\nExample:\n  registry stakeholders update stakeholders/3kq2v7 --affiliation 'Internet Society' --etag W/\"4\"")
        {
            name, etag,
        };
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        factory.Action(command, async run =>
        {
            var person = new Stakeholder { Name = Names.Stakeholder(run.Value(name)), Etag = run.Value(etag) ?? "" };
            var paths = fields.Apply(run, person);
            if (paths.Count == 0)
            {
                throw new UsageException("Nothing to update: give at least one of --name, --affiliation, --group, --country, --region, --gender, --email.");
            }

            Output.Print(run, await run.Client.Stakeholders.UpdateStakeholderAsync(
                new UpdateStakeholderRequest { Stakeholder = person, UpdateMask = new FieldMask { Paths = { paths } } },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Unmerge(CommandFactory factory)
    {
        var name = new Argument<string>("STAKEHOLDER") { Description = "The old name of a person merged into another: stakeholders/ID or ID." };
        var etag = new Option<string?>("--etag") { Description = "Undo only if the person it was merged into is still at this etag; a stale one fails (ABORTED, ETAG_MISMATCH)." };
        var command = new Command("unmerge",
            """
            Undoes a merge (editor): the person is again a person of their own, with the fields they had when merged, and
            gets back the seats and registrations the merge moved (those deleted since stay deleted). Prints the person as JSON.

            Example:
              registry stakeholders unmerge stakeholders/3kq2v7
            """) { name, etag };
        factory.Action(command, async run =>
        {
            Output.Print(run, await run.Client.Stakeholders.UnmergeStakeholderAsync(
                new UnmergeStakeholderRequest { Name = Names.Stakeholder(run.Value(name)), Etag = run.Value(etag) ?? "" },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }
}
