using System.CommandLine;
using nietras.SeparatedValues;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary>
/// <c>registry links TARGET [--out FILE.csv]</c>: declaration links (StakeholderService.CreateDeclarationLink,
/// CreateDeclarationLinks) through which people state their own gender, attributes, consent and email.
/// TARGET is a meeting (its registrants), a session (its panel) or one person.
/// </summary>
public static class LinkCommands
{
    /// <summary>The columns of the file, in order (a mailer's merge fields).</summary>
    public static readonly string[] Columns = ["stakeholder", "display_name", "email", "url", "expire_time"];

    private enum Kind
    {
        Meeting,
        Session,
        Person,
    }

    public static Command Build(CommandFactory factory)
    {
        var target = new Argument<string>("TARGET")
        {
            Description = "Whose links: a meeting (igf-2012 or meetings/igf-2012) for its registrants; a session (igf-2012/ws-85 or " +
                "meetings/igf-2012/sessions/ws-85) for its panel; one person (stakeholders/ID, always with the stakeholders/ prefix).",
        };
        var output = new Option<FileInfo?>("--out")
        {
            HelpName = "FILE.csv",
            Description = "The CSV file to write (stakeholder, display_name, email, url, expire_time), owner-only (0600) where the OS has " +
                "Unix file modes; an existing file is replaced. Required for a meeting or a session; for one person the link is printed without it.",
        };
        var command = new Command("links",
            """
            Makes declaration links: each lets one person state their own gender, attributes, publication consent and
            email on the registry's form (/declare/{token} on the HTTP port). The registry sends no email: give the
            file to the forum's own mailer. Each link works once, until its expire_time, and is a secret: whoever holds
            it can read and change that person's personal data. Making a new link for a person revokes their earlier
            ones, so running this again replaces the links of an earlier file. Needs an editor key, or an organiser
            key for the people on its own sessions' panels.

            Examples:
              registry links igf-2012 --out links.csv              # the meeting's registrants
              registry links igf-2012/ws-85 --out panel-links.csv  # the session's panel
              registry links stakeholders/3kq2v7                   # one person: prints the link
            """)
        {
            target, output,
        };
        factory.Action(command, async run =>
        {
            var (kind, name) = Parse(run.Value(target));
            var file = run.Value(output);
            if (kind != Kind.Person && file is null)
            {
                throw new UsageException($"--out FILE.csv is required for a {(kind == Kind.Meeting ? "meeting's registrants" : "session's panel")}: the links are secrets, better not printed on a terminal.");
            }

            // Making links revokes the people's earlier ones, so the file is opened first: a folder that
            // does not exist, or cannot be written, fails before anything changes on the server.
            async Task<List<DeclarationLink>> Create() => kind == Kind.Person
                ? [await run.Client.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = name }, cancellationToken: run.Cancellation)]
                : (await run.Client.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = name }, cancellationToken: run.Cancellation)).Links.ToList();
            if (file is null)
            {
                var link = (await Create())[0];
                await run.Context.Output.WriteLineAsync($"Declaration link for {link.DisplayName} ({link.Stakeholder}){Expiry(link, ", works once until ")}:");
                await run.Context.Output.WriteLineAsync(link.Url);
                await run.Context.Output.WriteLineAsync("Warning: this link is a live secret. Whoever opens it can read and change this person's gender,");
                await run.Context.Output.WriteLineAsync("attributes, consent and email, once. Send it only to the person. A new link for them revokes this one.");
                return ExitCodes.Ok;
            }

            List<DeclarationLink> links = [];
            await SecretFile.WriteAsync(file.FullName, async writer => await Write(writer, links = await Create()), run.Cancellation);
            var expiry = links.Select(l => l.ExpireTime).Where(t => t is not null).Select(Output.Time).Order(StringComparer.Ordinal).FirstOrDefault();
            await run.Context.Output.WriteLineAsync($"Wrote {links.Count} declaration link(s) for {Describe(kind, name)} to {file.FullName}");
            // Plain lines (not Spectre's, which wraps at the console's width), so that the warning reads the same everywhere.
            var text = run.Context.Output;
            await text.WriteLineAsync($"Warning: {file.Name} holds live single-use secrets{(expiry is null ? "" : $", valid until {expiry}")}.");
            await text.WriteLineAsync("Each link lets whoever holds it read and change that person's gender, attributes, consent and email.");
            await text.WriteLineAsync(SecretFile.HasUnixModes
                ? "The file is readable by you only (0600): keep it so, do not share or commit it, give it only to the mailer,"
                : "Restrict who can read the file: do not share or commit it, give it only to the mailer,");
            await text.WriteLineAsync("and delete it once the mail is sent. Making links again revokes these.");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task Write(TextWriter writer, List<DeclarationLink> links)
    {
        using (var csv = Sep.New(',').Writer(o => o with { Escape = true }).To(writer, leaveOpen: true))
        {
            foreach (var link in links)
            {
                using var row = csv.NewRow();
                row["stakeholder"].Set(link.Stakeholder);
                row["display_name"].Set(SpreadsheetText.Protect(link.DisplayName));
                row["email"].Set(SpreadsheetText.Protect(link.Email));
                row["url"].Set(link.Url);
                row["expire_time"].Set(Output.Time(link.ExpireTime));
            }

            if (links.Count == 0)
            {
                // A header alone, so the file still says what it is.
                csv.Header.Add(Columns);
                csv.Header.Write();
            }
        }

        await writer.FlushAsync();
    }

    private static string Expiry(DeclarationLink link, string prefix) =>
        link.ExpireTime is null ? "" : prefix + Output.Time(link.ExpireTime);

    private static string Describe(Kind kind, string name) => kind switch
    {
        Kind.Meeting => $"the registrants of {name}",
        Kind.Session => $"the panel of {name}",
        _ => name,
    };

    /// <summary>stakeholders/ID → a person; M/S or meetings/M/sessions/S → a session; M or meetings/M → a meeting.</summary>
    private static (Kind Kind, string Name) Parse(string text)
    {
        if (text.StartsWith("stakeholders/", StringComparison.Ordinal))
        {
            return (Kind.Person, text);
        }

        var parts = text.Split('/');
        return parts switch
        {
            ["meetings", _] or [_] when parts.All(p => p.Length > 0) => (Kind.Meeting, Names.Meeting(text)),
            ["meetings", _, "sessions", _] or [_, _] when parts.All(p => p.Length > 0) => (Kind.Session, Names.Session(text)),
            _ => throw new UsageException(
                $"TARGET is a meeting (igf-2012), a session (igf-2012/ws-85) or a person (stakeholders/ID), not '{text}'."),
        };
    }
}
