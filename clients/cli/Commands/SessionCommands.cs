using System.CommandLine;
using FieldMask = Google.Protobuf.WellKnownTypes.FieldMask;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry sessions list|get|add|update</c>.</summary>
public static class SessionCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("sessions", "A meeting's sessions (workshops, main sessions...): list, get, add and update them.");
        command.Subcommands.Add(List(factory));
        command.Subcommands.Add(Get(factory));
        command.Subcommands.Add(Add(factory));
        command.Subcommands.Add(Update(factory));
        return command;
    }

    private static Command List(CommandFactory factory)
    {
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var filter = new Option<string?>("--filter") { Description = "The server's filter on kind and state, e.g. 'kind = SESSION_KIND_WORKSHOP'." };
        var command = new Command("list", "Lists a meeting's sessions: name, title, kind, state, start, end, room.\n\nExample:\n  registry sessions list igf-2012") { meeting, filter };
        factory.Action(command, async run =>
        {
            var table = Output.Table("name", "title", "kind", "state", "start", "end", "room");
            var count = 0;
            await foreach (var session in Pages.All(
                new ListSessionsRequest { Parent = Names.Meeting(run.Value(meeting)), PageSize = 1000, Filter = run.Value(filter) ?? "" },
                run.Client.Meetings.ListSessionsAsync, r => r.Sessions, run.Cancellation))
            {
                table.Row(session.Name, session.DisplayName, Enums.Text(session.Kind), Enums.Text(session.State),
                    Output.Time(session.StartTime), Output.Time(session.EndTime), session.Room);
                count++;
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{count} session(s)");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Get(CommandFactory factory)
    {
        var session = new Argument<string>("SESSION") { Description = "meetings/M/sessions/S or M/S (igf-2012/ws-85)." };
        var command = new Command("get", "Prints one session as JSON.\n\nExample:\n  registry sessions get igf-2012/ws-85") { session };
        factory.Action(command, async run =>
        {
            Output.Print(run, await run.Client.Meetings.GetSessionAsync(new GetSessionRequest { Name = Names.Session(run.Value(session)) }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private sealed class Fields
    {
        public Option<string?> Title { get; } = new("--title") { Description = "The session's title." };
        public Option<string?> Kind { get; } = new("--kind") { Description = $"Session kind: {Enums.Allowed<SessionKind>()}." };
        public Option<string?> State { get; } = new("--state") { Description = $"Session state: {Enums.Allowed<SessionState>()}." };
        public Option<string?> Start { get; } = new("--start") { Description = "Start time, ISO 8601 with offset (2012-11-07T09:00:00+04:00)." };
        public Option<string?> End { get; } = new("--end") { Description = "End time, ISO 8601 with offset, after --start." };
        public Option<string?> Room { get; } = new("--room") { Description = "Room." };
        public Option<string?> Theme { get; } = new("--theme") { Description = "Theme, free text." };

        public IEnumerable<Option> All => [Title, Kind, State, Start, End, Room, Theme];

        public List<string> Apply(Invocation run, Session session)
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

            Set(Title, "display_name", v => session.DisplayName = v);
            Set(Kind, "kind", v => session.Kind = Enums.Parse<SessionKind>(v, "--kind"));
            Set(State, "state", v => session.State = Enums.Parse<SessionState>(v, "--state"));
            Set(Start, "start_time", v => session.StartTime = Output.ParseTime(v, "--start"));
            Set(End, "end_time", v => session.EndTime = Output.ParseTime(v, "--end"));
            Set(Room, "room", v => session.Room = v);
            Set(Theme, "theme", v => session.Theme = v);
            return paths;
        }
    }

    private static Command Add(CommandFactory factory)
    {
        var fields = new Fields();
        fields.Title.Required = true;
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var id = new Option<string?>("--id") { Description = "The session's id (ws-85): lower case, digits and hyphens; generated when left out." };
        var command = new Command("add", "Adds a session to a meeting and prints it as JSON.\n\nExample:\n  registry sessions add igf-2012 --id ws-85 --title 'Quo Vadis IGF' --kind workshop") { meeting, id };
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        factory.Action(command, async run =>
        {
            var session = new Session();
            fields.Apply(run, session);
            Output.Print(run, await run.Client.Meetings.CreateSessionAsync(
                new CreateSessionRequest { Parent = Names.Meeting(run.Value(meeting)), Session = session, SessionId = run.Value(id) ?? "", RequestId = Guid.NewGuid().ToString() },
                cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Update(CommandFactory factory)
    {
        var fields = new Fields();
        var session = new Argument<string>("SESSION") { Description = "meetings/M/sessions/S or M/S." };
        var etag = new Option<string?>("--etag") { Description = "Update only if the session is still at this etag; a stale one fails (ABORTED)." };
        var command = new Command("update", "Changes only the fields given and prints the session as JSON.\n\nExample:\n  registry sessions update igf-2012/ws-85 --state held --room 'Room 3'") { session, etag };
        foreach (var option in fields.All)
        {
            command.Options.Add(option);
        }

        factory.Action(command, async run =>
        {
            var changed = new Session { Name = Names.Session(run.Value(session)), Etag = run.Value(etag) ?? "" };
            var paths = fields.Apply(run, changed);
            if (paths.Count == 0)
            {
                throw new UsageException("Nothing to update: give at least one of --title, --kind, --state, --start, --end, --room, --theme.");
            }

            Output.Print(run, await run.Client.Meetings.UpdateSessionAsync(
                new UpdateSessionRequest { Session = changed, UpdateMask = new FieldMask { Paths = { paths } } }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        return command;
    }
}
