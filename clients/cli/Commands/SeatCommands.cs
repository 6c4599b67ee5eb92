using System.CommandLine;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry seats list|get|add|update</c>: the seats (participants) on sessions' panels.</summary>
public static class SeatCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("seats", "Seats on a session's panel (who sits there, in which role): list, get, add and update them.");
        command.Subcommands.Add(List(factory));
        command.Subcommands.Add(Get(factory));
        command.Subcommands.Add(Add(factory));
        command.Subcommands.Add(Update(factory));
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var session = new Argument<string>("SESSION") { Description = "M/S or meetings/M/sessions/S; M/- for every session of meeting M." };
        var filter = new Option<string?>("--filter") { Description = "The server's filter on role, confirmation, attendance, stakeholder, e.g. 'role = PARTICIPANT_ROLE_SPEAKER'." };
        var command = new Command("list", "Lists seats: name, person, role, confirmation, attendance, group, region.\n\nExample:\n  registry seats list igf-2012/ws-85") { session, filter };
        factory.Action(command, async run =>
        {
            var table = Output.Table("name", "person", "stakeholder", "role", "confirmation", "attendance", "group", "region");
            var count = 0;
            await foreach (var seat in Pages.All(
                new ListParticipantsRequest { Parent = Names.Session(run.Value(session)), PageSize = 1000, Filter = run.Value(filter) ?? "" },
                run.Client.Meetings.ListParticipantsAsync, r => r.Participants, run.Cancellation))
            {
                table.Row(seat.Name, seat.Snapshot?.DisplayName, seat.Stakeholder, Enums.Text(seat.Role), Enums.Text(seat.Confirmation),
                    Enums.Text(seat.Attendance), Enums.Text(seat.Snapshot?.StakeholderGroup ?? 0), Enums.Text(seat.Snapshot?.RegionalGroup ?? 0));
                count++;
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{count} seat(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CommandFactory factory)
    {
        var seat = new Argument<string>("SEAT") { Description = "meetings/M/sessions/S/participants/P." };
        var command = new Command("get", "Prints one seat as JSON.\n\nExample:\n  registry seats get meetings/igf-2012/sessions/ws-85/participants/8f3k2") { seat };
        factory.Action(command, async run =>
        {
            Output.Print(run, await run.Client.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = run.Value(seat) }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class Fields
    {
        public Option<string?> Role { get; } = new("--role") { Description = $"Role: {Enums.Allowed<ParticipantRole>()}." };
        public Option<string?> Confirmation { get; } = new("--confirmation") { Description = $"Confirmation: {Enums.Allowed<Confirmation>()} (tbc = tentative). Default invited." };
        public Option<string?> Attendance { get; } = new("--attendance") { Description = $"Attendance: {Enums.Allowed<Attendance>()}." };

        public IEnumerable<Option> All => [Role, Confirmation, Attendance];

        public List<string> Apply(Invocation run, Participant seat)
        {
            var paths = new List<string>();
            if (run.Value(Role) is { } role)
            {
                seat.Role = Enums.Parse<ParticipantRole>(role, "--role");
                paths.Add("role");
            }

            if (run.Value(Confirmation) is { } confirmation)
            {
                seat.Confirmation = Enums.Parse<Confirmation>(confirmation, "--confirmation");
                paths.Add("confirmation");
            }

            if (run.Value(Attendance) is { } attendance)
            {
                seat.Attendance = Enums.Parse<Attendance>(attendance, "--attendance");
                paths.Add("attendance");
            }

            return paths;
        }
    }

    private static Command Add(CommandFactory factory)
    {
        var fields = new Fields();
        fields.Role.Required = true;
        var session = new Argument<string>("SESSION") { Description = "M/S or meetings/M/sessions/S." };
        var stakeholder = new Option<string>("--stakeholder") { Description = "The person, stakeholders/ID or ID.", Required = true };
        var command = new Command("add", "Seats a person on a session's panel and prints the seat as JSON.\n\nExample:\n  registry seats add igf-2012/ws-85 --stakeholder stakeholders/3kq2v7 --role speaker --confirmation confirmed")
        {
            session, stakeholder,
        };
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        factory.Action(command, async run =>
        {
            var seat = new Participant { Stakeholder = Names.Stakeholder(run.Value(stakeholder)!) };
            fields.Apply(run, seat);
            Output.Print(run, await run.Client.Meetings.CreateParticipantAsync(
                new CreateParticipantRequest { Parent = Names.Session(run.Value(session)), Participant = seat, RequestId = Guid.NewGuid().ToString() },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(CommandFactory factory)
    {
        var fields = new Fields();
        var seat = new Argument<string>("SEAT") { Description = "meetings/M/sessions/S/participants/P." };
        var etag = new Option<string?>("--etag") { Description = "Update only if the seat is still at this etag; a stale one fails (ABORTED)." };
        var command = new Command("update", "Changes a seat's role, confirmation or attendance and prints it as JSON.\n\nExample:\n  registry seats update meetings/igf-2012/sessions/ws-85/participants/8f3k2 --confirmation confirmed")
        {
            seat, etag,
        };
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        factory.Action(command, async run =>
        {
            var changed = new Participant { Name = run.Value(seat), Etag = run.Value(etag) ?? "" };
            var paths = fields.Apply(run, changed);
            if (paths.Count == 0)
            {
                throw new UsageException("Nothing to update: give at least one of --role, --confirmation, --attendance.");
            }

            Output.Print(run, await run.Client.Meetings.UpdateParticipantAsync(
                new UpdateParticipantRequest { Participant = changed, UpdateMask = new FieldMask { Paths = { paths } } }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }
}
