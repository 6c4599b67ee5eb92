using System.CommandLine;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry registrations list|get|add|update</c>: who is registered to attend a meeting.</summary>
public static class RegistrationCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("registrations", "People registered to attend a meeting (the room, not the panel): list, get, add and update them.");
        command.Subcommands.Add(List(factory));
        command.Subcommands.Add(Get(factory));
        command.Subcommands.Add(Add(factory));
        command.Subcommands.Add(Update(factory));
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var filter = new Option<string?>("--filter") { Description = "The server's filter on attendance and stakeholder, e.g. 'attendance = ATTENDANCE_REMOTE'." };
        var command = new Command("list", "Lists a meeting's registrations: name, person, attendance, group, region, checked in.\n\nExample:\n  registry registrations list igf-2012") { meeting, filter };
        factory.Action(command, async run =>
        {
            var table = Output.Table("name", "person", "stakeholder", "attendance", "group", "region", "checked in");
            var count = 0;
            await foreach (var registration in Pages.All(
                new ListRegistrationsRequest { Parent = Names.Meeting(run.Value(meeting)), PageSize = 1000, Filter = run.Value(filter) ?? "" },
                run.Client.Meetings.ListRegistrationsAsync, r => r.Registrations, run.Cancellation))
            {
                table.Row(registration.Name, registration.Snapshot?.DisplayName, registration.Stakeholder, Enums.Text(registration.Attendance),
                    Enums.Text(registration.Snapshot?.StakeholderGroup ?? 0), Enums.Text(registration.Snapshot?.RegionalGroup ?? 0), Output.Time(registration.CheckInTime));
                count++;
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{count} registration(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CommandFactory factory)
    {
        var name = new Argument<string>("REGISTRATION") { Description = "meetings/M/registrations/R." };
        var command = new Command("get", "Prints one registration as JSON.\n\nExample:\n  registry registrations get meetings/igf-2012/registrations/5tq1") { name };
        factory.Action(command, async run =>
        {
            Output.Print(run, await run.Client.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = run.Value(name) }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Add(CommandFactory factory)
    {
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID." };
        var stakeholder = new Option<string>("--stakeholder") { Description = "The person, stakeholders/ID or ID.", Required = true };
        var attendance = new Option<string?>("--attendance") { Description = $"Attendance: {Enums.Allowed<Attendance>()}." };
        var command = new Command("add", "Registers a person to attend a meeting and prints the registration as JSON.\n\nExample:\n  registry registrations add igf-2012 --stakeholder stakeholders/3kq2v7 --attendance remote")
        {
            meeting, stakeholder, attendance,
        };
        factory.Action(command, async run =>
        {
            var registration = new Registration { Stakeholder = Names.Stakeholder(run.Value(stakeholder)!) };
            if (run.Value(attendance) is { } value)
            {
                registration.Attendance = Enums.Parse<Attendance>(value, "--attendance");
            }

            Output.Print(run, await run.Client.Meetings.CreateRegistrationAsync(
                new CreateRegistrationRequest { Parent = Names.Meeting(run.Value(meeting)), Registration = registration, RequestId = Guid.NewGuid().ToString() },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(CommandFactory factory)
    {
        var name = new Argument<string>("REGISTRATION") { Description = "meetings/M/registrations/R." };
        var attendance = new Option<string?>("--attendance") { Description = $"Attendance: {Enums.Allowed<Attendance>()}." };
        var checkIn = new Option<string?>("--check-in") { Description = "Check-in time, ISO 8601 ('now' for now; '' to clear it)." };
        var etag = new Option<string?>("--etag") { Description = "Update only if the registration is still at this etag; a stale one fails (ABORTED)." };
        var command = new Command("update", "Changes a registration's attendance or check-in time and prints it as JSON.\n\nExample:\n  registry registrations update meetings/igf-2012/registrations/5tq1 --check-in now")
        {
            name, attendance, checkIn, etag,
        };
        factory.Action(command, async run =>
        {
            var changed = new Registration { Name = run.Value(name), Etag = run.Value(etag) ?? "" };
            var paths = new List<string>();
            if (run.Value(attendance) is { } value)
            {
                changed.Attendance = Enums.Parse<Attendance>(value, "--attendance");
                paths.Add("attendance");
            }

            if (run.Value(checkIn) is { } time)
            {
                changed.CheckInTime = time.Length == 0 ? null
                    : time.Equals("now", StringComparison.OrdinalIgnoreCase) ? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow)
                    : Output.ParseTime(time, "--check-in");
                paths.Add("check_in_time");
            }

            if (paths.Count == 0)
            {
                throw new UsageException("Nothing to update: give --attendance or --check-in.");
            }

            Output.Print(run, await run.Client.Meetings.UpdateRegistrationAsync(
                new UpdateRegistrationRequest { Registration = changed, UpdateMask = new FieldMask { Paths = { paths } } }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }
}
