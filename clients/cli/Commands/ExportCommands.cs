using System.CommandLine;
using nietras.SeparatedValues;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Cli.Import;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry export programme MEETING --out FILE.csv</c>: the format <c>import programme</c> reads.</summary>
public static class ExportCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("export", "Exports data as CSV files that 'registry import' reads back.");
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var output = new Option<FileInfo>("--out") { Description = "The CSV file to write.", Required = true };
        var programme = new Command("programme",
            $"""
            Writes a meeting's programme, one row per seat, in the columns 'registry import programme' reads:
            {string.Join(",", ProgrammeImport.Fields)}.
            Sessions without seats have no row. Email and gender are written only when the key may read them.
            Importing the file into the same meeting adds nothing.

            Example:
              registry export programme igf-2012 --out igf-2012.csv
            """)
        {
            meeting, output,
        };
        factory.Action(programme, async run =>
        {
            var client = run.Client;
            var name = Names.Meeting(run.Value(meeting));
            var sessions = new Dictionary<string, Session>(StringComparer.Ordinal);
            var order = new List<string>();
            await foreach (var session in Pages.All(new ListSessionsRequest { Parent = name, PageSize = 1000 }, client.Meetings.ListSessionsAsync, r => r.Sessions, run.Cancellation))
            {
                sessions[session.Name] = session;
                order.Add(session.Name);
            }

            var seats = new Dictionary<string, List<Participant>>(StringComparer.Ordinal);
            await foreach (var seat in Pages.All(new ListParticipantsRequest { Parent = $"{name}/sessions/-", PageSize = 1000 }, client.Meetings.ListParticipantsAsync, r => r.Participants, run.Cancellation))
            {
                var parent = Names.Parent(seat.Name);
                (seats.TryGetValue(parent, out var list) ? list : seats[parent] = []).Add(seat);
            }

            var people = new Dictionary<string, Stakeholder>(StringComparer.Ordinal);
            foreach (var person in await PeopleIndex.ListAllAsync(client, run.Cancellation))
            {
                people[person.Name] = person;
            }

            var file = run.Value(output)!;
            var rows = 0;
            using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).ToFile(file.FullName))
            {
                foreach (var sessionName in order)
                {
                    var session = sessions[sessionName];
                    foreach (var seat in seats.GetValueOrDefault(sessionName) ?? [])
                    {
                        var snapshot = seat.Snapshot ?? new StakeholderSnapshot();
                        people.TryGetValue(seat.Stakeholder, out var person);
                        using var row = writer.NewRow();
                        row["session_id"].Set(Names.Id(sessionName));
                        row["title"].Set(SpreadsheetText.Protect(session.DisplayName));
                        row["kind"].Set(Enums.Text(session.Kind));
                        row["start_time"].Set(Output.Time(session.StartTime));
                        row["end_time"].Set(Output.Time(session.EndTime));
                        row["room"].Set(SpreadsheetText.Protect(session.Room));
                        row["person"].Set(SpreadsheetText.Protect(person?.DisplayName is { Length: > 0 } display ? display : snapshot.DisplayName));
                        row["affiliation"].Set(SpreadsheetText.Protect(snapshot.Affiliation));
                        row["group"].Set(Enums.Text(snapshot.StakeholderGroup));
                        row["country"].Set(snapshot.CountryCode);
                        row["region"].Set(Enums.Text(snapshot.RegionalGroup));
                        row["role"].Set(Enums.Text(seat.Role));
                        row["confirmation"].Set(Enums.Text(seat.Confirmation));
                        row["attendance"].Set(Enums.Text(seat.Attendance));
                        row["email"].Set(SpreadsheetText.Protect(person?.Email ?? ""));
                        row["gender"].Set(Enums.Text(person?.Gender ?? Gender.Unspecified));
                        rows++;
                    }
                }

                if (rows == 0)
                {
                    // A header alone, so the file still says what it is.
                    writer.Header.Add(ProgrammeImport.Fields);
                    writer.Header.Write();
                }
            }

            run.Out.WriteLine($"Wrote {rows} seat(s) of {sessions.Count} session(s) to {file.FullName}");
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(programme);
        return command;
    }
}
