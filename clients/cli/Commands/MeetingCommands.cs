using System.CommandLine;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry meetings list|get|add</c>: enough to make the meeting a programme is imported into.</summary>
public static class MeetingCommands
{
    public static Command Build(CommandFactory factory)
    {
        var command = new Command("meetings", "Meetings (IGF 2012, Baku): list, get and add them. A programme or registrations are imported into an existing meeting.");
        var list = new Command("list", "Lists meetings: name, display name, forum, dates, country.\n\nExample:\n  registry meetings list");
        factory.Action(list, async run =>
        {
            var table = Output.Table("name", "display name", "forum", "start", "end", "country");
            var count = 0;
            await foreach (var meeting in Pages.All(new ListMeetingsRequest { PageSize = 1000 }, run.Client.Meetings.ListMeetingsAsync, r => r.Meetings, run.Cancellation))
            {
                table.Row(meeting.Name, meeting.DisplayName, meeting.Forum, Date(meeting.StartDate), Date(meeting.EndDate), meeting.CountryCode);
                count++;
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{count} meeting(s)");
            return ExitCodes.Ok;
        });
        var name = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var get = new Command("get", "Prints one meeting as JSON.\n\nExample:\n  registry meetings get igf-2012") { name };
        factory.Action(get, async run =>
        {
            Output.Print(run, await run.Client.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Names.Meeting(run.Value(name)) }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        var id = new Option<string?>("--id") { Description = "The meeting's id (igf-2012): lower case, digits and hyphens; generated when left out." };
        var title = new Option<string>("--title") { Description = "The meeting's display name.", Required = true };
        var forum = new Option<string?>("--forum") { Description = "The forum, forums/ID (it must exist), or a short name such as IGF (forums/igf, created on first use)." };
        var start = new Option<string?>("--start") { Description = "First day, YYYY-MM-DD." };
        var end = new Option<string?>("--end") { Description = "Last day, YYYY-MM-DD." };
        var country = new Option<string?>("--country") { Description = "Host country, ISO 3166-1 alpha-2." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone (Asia/Baku); default the forum's." };
        var add = new Command("add", "Adds a meeting and prints it as JSON.\n\nExample:\n  registry meetings add --id igf-2012 --title 'IGF 2012, Baku' --forum IGF --start 2012-11-06 --end 2012-11-09 --country AZ")
        {
            id, title, forum, start, end, country, timeZone,
        };
        factory.Action(add, async run =>
        {
            var meeting = new Meeting
            {
                DisplayName = run.Value(title)!,
                Forum = run.Value(forum) ?? "",
                CountryCode = (run.Value(country) ?? "").ToUpperInvariant(),
                TimeZone = run.Value(timeZone) ?? "",
                StartDate = ParseDate(run.Value(start), "--start"),
                EndDate = ParseDate(run.Value(end), "--end"),
            };
            Output.Print(run, await run.Client.Meetings.CreateMeetingAsync(
                new CreateMeetingRequest { Meeting = meeting, MeetingId = run.Value(id) ?? "", RequestId = Guid.NewGuid().ToString() }, cancellationToken: run.Cancellation));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(list);
        command.Subcommands.Add(get);
        command.Subcommands.Add(add);
        return command;
    }

    private static string Date(Google.Type.Date? date) => date is null ? "" : $"{date.Year:D4}-{date.Month:D2}-{date.Day:D2}";

    private static Google.Type.Date? ParseDate(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
            ? new Google.Type.Date { Year = day.Year, Month = day.Month, Day = day.Day }
            : throw new UsageException($"{what}: '{text}' is not a date such as 2012-11-06.");
    }
}
