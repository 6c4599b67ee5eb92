using System.CommandLine;
using System.Globalization;
using System.Net.Http.Headers;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary>
/// <c>registry report MEETING --format table|csv|json|md|html</c>: table and json from ReportService over
/// gRPC; csv, md and html are the server's own exports from its HTTP port (<c>/reports/meetings/{id}…</c>).
/// </summary>
public static class ReportCommand
{
    private static readonly string[] Formats = ["table", "csv", "json", "md", "html"];

    public static Command Build(CommandFactory factory)
    {
        var meeting = new Argument<string>("MEETING") { Description = "meetings/ID or ID (igf-2012)." };
        var format = new Option<string>("--format")
        {
            Description = "table (default; on the terminal), json (the DiversityReport message), csv, md or html (the server's exports, read from --http).",
            DefaultValueFactory = _ => "table",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<FileInfo?>("--out") { Description = "Write the report to this file instead of the terminal." };
        var policy = new Option<string?>("--policy") { Description = "The policy of the balance summary, policies/ID or ID; default the forum's." };
        var personal = new Option<bool>("--include-personal-data") { Description = "Exact figures without suppression (needs personal-data rights; otherwise PERMISSION_DENIED)." };
        var selfDeclared = new Option<bool>("--self-declared-only")
        {
            Description = "Count a person's gender and attributes only where the person declared them (provenance SELF_DECLARED); " +
                "everyone else's count as not recorded. Needs --include-personal-data; every format.",
        };
        var command = new Command("report",
            """
            A meeting's diversity report: seats, panellists and registrants by stakeholder group, region and gender,
            and the sessions' balance. Without --include-personal-data it is the public view (perturbed, small
            counts suppressed), the same for every caller.

            Examples:
              registry report igf-2012
              registry report igf-2012 --format html --out igf-2012.html
              registry report igf-2012 --format csv --out igf-2012.csv --http http://127.0.0.1:5081
              registry report igf-2012 --include-personal-data --self-declared-only
            """)
        {
            meeting, format, output, policy, personal, selfDeclared,
        };
        factory.Action(command, async run =>
        {
            var name = Names.Meeting(run.Value(meeting));
            var policyName = run.Value(policy) is { Length: > 0 } p ? (p.StartsWith("policies/", StringComparison.Ordinal) ? p : $"policies/{p}") : "";
            var chosen = run.Value(format) ?? "table";
            var options = new ReportOptions { Policy = policyName, IncludePersonalData = run.Value(personal), SelfDeclaredOnly = run.Value(selfDeclared) };
            var text = chosen switch
            {
                "table" or "json" => await FromGrpc(run, name, options, chosen == "json", run.Value(output) is not null),
                _ => await FromHttp(run, name, chosen, policyName, run.Value(personal), options.SelfDeclaredOnly),
            };
            if (text is null)
            {
                return ExitCodes.Ok;
            }

            if (run.Value(output) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, run.Cancellation);
                await run.Context.Error.WriteLineAsync($"Wrote {file.FullName}");
            }
            else
            {
                await run.Context.Output.WriteAsync(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>JSON text, or for a table: null when it was drawn on the console, the plain text when it goes to a file.</summary>
    private static async Task<string?> FromGrpc(Invocation run, string meeting, ReportOptions options, bool json, bool toFile)
    {
        var report = await run.Client.Reports.GetMeetingDiversityAsync(
            new GetMeetingDiversityRequest { Name = meeting, Options = options },
            cancellationToken: run.Cancellation);
        if (json)
        {
            return Output.ToJson(report) + Environment.NewLine;
        }

        if (!toFile)
        {
            Render(run.Out, report);
            return null;
        }

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = new CliContext(writer, TextWriter.Null, _ => null).Console;
        Render(console, report);
        return writer.ToString();
    }

    private static void Render(IAnsiConsole console, DiversityReport report)
    {
        console.WriteLine($"{report.DisplayName} ({report.Name}): {report.Sessions} session(s), {report.Seats} seat(s), {report.Panellists} panellist(s), {report.Registrants} registrant(s)");
        foreach (var breakdown in report.Breakdowns)
        {
            console.WriteLine();
            console.WriteLine($"{Enums.Text(breakdown.Population).ToLowerInvariant()} by {Enums.Text(breakdown.Dimension).ToLowerInvariant()} (total {breakdown.Total}" +
                (breakdown.HasSelfDeclared ? $", self-declared {breakdown.SelfDeclared})" : ")"));
            if (breakdown.Withheld)
            {
                console.WriteLine("  withheld (personal data)");
                continue;
            }

            var table = Output.Table("category", "count", "share");
            foreach (var category in breakdown.Categories)
            {
                table.Row(category.Label.Length > 0 ? category.Label : category.Category,
                    category.Suppressed ? "suppressed" : category.HasCount ? category.Count.ToString(CultureInfo.InvariantCulture) : "",
                    category.HasShare ? category.Share.ToString("P1", CultureInfo.InvariantCulture) : "");
            }

            console.Write(table);
        }

        if (report.Balance is { } balance)
        {
            console.WriteLine();
            // A forum's policies per session kind: the kinds judged by their own policy, after the one of the others.
            var policies = balance.Policy + string.Concat(balance.KindPolicies.Select(k => $"; {Enums.Text(k.Kind)}: {k.Policy}"));
            console.WriteLine(balance.VerdictsWithheld
                ? $"Balance ({policies}): verdicts withheld"
                : $"Balance ({policies}): {balance.Balanced} balanced, {balance.Unbalanced} unbalanced, {balance.Indeterminate} indeterminate of {balance.Sessions} session(s) ({balance.BalancedShare.ToString("P1", CultureInfo.InvariantCulture)} balanced)");
            foreach (var session in balance.NotBalanced)
            {
                console.WriteLine($"  {Enums.Text(session.Verdict)}: {session.DisplayName} ({session.Session})");
            }
        }
    }

    /// <summary>The server's csv, md or html export of the meeting, with the key (an anonymous call would get the public view too).</summary>
    private static async Task<string> FromHttp(Invocation run, string meeting, string format, string policy, bool personal, bool selfDeclaredOnly)
    {
        var path = $"{run.HttpBase}/reports/{meeting}{format switch { "csv" => ".csv", "md" => ".md", _ => "" }}";
        var query = new List<string>();
        if (policy.Length > 0)
        {
            query.Add($"policy={Uri.EscapeDataString(policy)}");
        }

        if (selfDeclaredOnly)
        {
            query.Add("self_declared_only=true");
        }

        if (personal)
        {
            query.Add("include_personal_data=true");
        }

        using var http = run.Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, query.Count > 0 ? $"{path}?{string.Join('&', query)}" : path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", run.Key);
        using var response = await http.SendAsync(request, run.Cancellation);
        var body = await response.Content.ReadAsStringAsync(run.Cancellation);
        return response.IsSuccessStatusCode
            ? body
            : throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase} from {request.RequestUri}: {body.Trim()}");
    }
}
