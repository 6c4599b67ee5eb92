using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ParticipationRegistry.Server.Demo;

/// <summary>Reads an IGF 2012 workshop report (the text of its web page) into a <see cref="SeedWorkshop"/>.</summary>
public static partial class SeedWorkshopParser
{
    private const string ResourceName = "igf-2012-workshop-85.txt";

    private const string ThemeHeading = "Workshop Theme:";
    private const string OrganizersHeading = "Organiser(s) Name:";
    private const string PanelistsHeading = "Submitted Workshop Panelists:";
    private const string RemoteModeratorsHeading = "Name of Remote Moderator(s):";
    private const string WomenParticipantsHeading =
        "Please estimate the overall number of women participants present at the session:";
    private const string GenderDiscussionHeading =
        "To what extent did the session discuss gender equality and/or women's empowerment?:";
    private const string ReportedByHeading = "Reported by:";
    private const string ModeratorPrefix = "Moderator:";

    // Every heading of the 2012 form, not only the ones read: a section ends at the next heading, so the
    // list must hold them all, and free text ("...as follows:") must never be mistaken for one.
    private static readonly HashSet<string> Headings = new(StringComparer.Ordinal)
    {
        ThemeHeading,
        "Theme Question:",
        "Concise Description of Workshop:",
        OrganizersHeading,
        PanelistsHeading,
        RemoteModeratorsHeading,
        "Gender Report Card",
        WomenParticipantsHeading,
        GenderDiscussionHeading,
        ReportedByHeading,
        "A brief substantive summary and the main issues that were raised:",
        "Conclusions and further comments:",
        "Additional documents:",
    };

    private static readonly Dictionary<string, SeedConfirmation> Marks = new(StringComparer.Ordinal)
    {
        ["Confirmed"] = SeedConfirmation.Confirmed,
        ["TBC"] = SeedConfirmation.Tentative,
    };

    // Group and region labels seen in this report are Government, Civil Society, Technical Community, WEOG and
    // Asia Pacific; the others are the form's remaining choices as best known. A wrong one can only fail to
    // match, which throws, so it can never misfile a person.
    private static readonly Dictionary<string, SeedGroup> Groups = new(StringComparer.Ordinal)
    {
        ["Government"] = SeedGroup.Government,
        ["Civil Society"] = SeedGroup.CivilSociety,
        ["Private Sector"] = SeedGroup.PrivateSector,
        ["Technical Community"] = SeedGroup.TechnicalCommunity,
        ["Intergovernmental Organization"] = SeedGroup.IntergovernmentalOrganization,
    };

    private static readonly Dictionary<string, SeedRegion> Regions = new(StringComparer.Ordinal)
    {
        ["African"] = SeedRegion.African,
        ["Asia Pacific"] = SeedRegion.AsiaPacific,
        ["Eastern European"] = SeedRegion.EasternEuropean,
        ["GRULAC"] = SeedRegion.LatinAmericanCaribbean,
        ["WEOG"] = SeedRegion.WesternEuropeanOthers,
    };

    // Only answers on record in a real report: the form's other wordings are not known exactly, so an
    // unseen answer throws until its exact wording is added here.
    private static readonly Dictionary<string, SeedWomenBand> WomenBands = new(StringComparer.Ordinal)
    {
        ["About half of the participants were women"] = SeedWomenBand.AboutHalf,
    };

    private static readonly Dictionary<string, SeedGenderDiscussion> GenderDiscussions = new(StringComparer.Ordinal)
    {
        ["It was not seen as related to the session theme and was not raised"] = SeedGenderDiscussion.NotRaised,
    };

    public static SeedWorkshop ParseEmbedded()
    {
        using var stream = typeof(SeedWorkshopParser).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource '{ResourceName}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader.ReadToEnd());
    }

    /// <summary>
    /// Parses a report by its section headings; names and organisations are never hard-coded. An unknown
    /// bracket token or report-card answer is a <see cref="FormatException"/> naming the line.
    /// </summary>
    public static SeedWorkshop Parse(string text)
    {
        // Trim also strips the page's non-breaking spaces (after headings, inside brackets) and any '\r'.
        var lines = text.Split('\n').Select(line => line.Trim()).ToList();
        var (number, title) = ParseTitle(lines.FirstOrDefault(line => line.Length > 0) ?? "");
        var sections = SplitSections(lines);

        var people = new List<SeedPerson>();
        foreach (var line in Section(sections, PanelistsHeading))
        {
            people.Add(line.StartsWith(ModeratorPrefix, StringComparison.Ordinal)
                ? ParsePerson(line[ModeratorPrefix.Length..].TrimStart(), SeedRole.Moderator, line)
                : ParsePerson(line, SeedRole.Speaker, line));
        }

        people.AddRange(Section(sections, RemoteModeratorsHeading)
            .Select(line => ParsePerson(line, SeedRole.RemoteModerator, line)));
        people.Add(ParseRapporteur(SingleLine(sections, ReportedByHeading), people));

        return new SeedWorkshop(
            number,
            title,
            SingleLine(sections, ThemeHeading),
            [.. Section(sections, OrganizersHeading).Select(ParseOrganizer)],
            people,
            new SeedReportCard(
                Lookup(WomenBands, SingleLine(sections, WomenParticipantsHeading)),
                Lookup(GenderDiscussions, SingleLine(sections, GenderDiscussionHeading))));
    }

    private static (int Number, string Title) ParseTitle(string line)
    {
        var match = TitlePattern().Match(line);
        return match.Success
            ? (int.Parse(match.Groups["number"].Value, CultureInfo.InvariantCulture), match.Groups["title"].Value)
            : throw new FormatException($"Expected '(No.N) Title' as the first line: {line}");
    }

    /// <summary>Maps each heading to the non-empty lines under it, up to the next heading.</summary>
    private static Dictionary<string, List<string>> SplitSections(List<string> lines)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in lines)
        {
            if (Headings.Contains(line))
            {
                current = [];
                if (!sections.TryAdd(line, current))
                {
                    throw new FormatException($"Heading appears twice: {line}");
                }
            }
            else if (current is not null && line.Length > 0)
            {
                current.Add(line);
            }
        }

        return sections;
    }

    private static List<string> Section(Dictionary<string, List<string>> sections, string heading) =>
        sections.TryGetValue(heading, out var lines) ? lines : throw new FormatException($"Heading missing: {heading}");

    private static string SingleLine(Dictionary<string, List<string>> sections, string heading) =>
        Section(sections, heading) is [var line]
            ? line
            : throw new FormatException($"Expected one line under: {heading}");

    private static SeedOrganizer ParseOrganizer(string line)
    {
        var match = OrganizerPattern().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Expected 'Name [tag]' or 'Name': {line}");
        }

        var name = match.Groups["name"].Value;
        if (!match.Groups["tag"].Success)
        {
            // The form gives governments no tag; the name is the only evidence, and only this prefix is trusted.
            return name.StartsWith("Government of ", StringComparison.Ordinal)
                ? new SeedOrganizer(name, SeedGroup.Government, false)
                : new SeedOrganizer(name, null, false);
        }

        var tag = match.Groups["tag"].Value.Trim();
        return tag == "MSH" ? new SeedOrganizer(name, null, true)
            : Groups.TryGetValue(tag, out var taggedGroup) ? new SeedOrganizer(name, taggedGroup, false)
            : throw new FormatException($"Unknown organizer tag '{tag}' in line: {line}");
    }

    private static SeedPerson ParsePerson(string text, SeedRole role, string line)
    {
        var match = PersonPattern().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"Expected '[Mr.|Ms.] Name, affiliation [tokens]': {line}");
        }

        SeedConfirmation? mark = null;
        SeedGroup? group = null;
        SeedRegion? region = null;
        foreach (var token in match.Groups["tokens"].Value.Split(',', StringSplitOptions.TrimEntries))
        {
            if (Marks.TryGetValue(token, out var foundMark))
            {
                mark = Once(mark, foundMark, token, line);
            }
            else if (Groups.TryGetValue(token, out var foundGroup))
            {
                group = Once(group, foundGroup, token, line);
            }
            else if (Regions.TryGetValue(token, out var foundRegion))
            {
                region = Once(region, foundRegion, token, line);
            }
            else
            {
                throw new FormatException($"Unknown bracket token '{token}' in line: {line}");
            }
        }

        var confirmation = mark ?? (role == SeedRole.Speaker ? SeedConfirmation.Tentative : SeedConfirmation.Confirmed);
        return new SeedPerson(
            match.Groups["name"].Value,
            Honorific(match),
            match.Groups["affiliation"].Value,
            role,
            confirmation,
            group,
            region);
    }

    private static T Once<T>(T? current, T value, string token, string line) where T : struct =>
        current is null
            ? value
            : throw new FormatException($"Bracket repeats a kind of token at '{token}' in line: {line}");

    private static SeedPerson ParseRapporteur(string line, List<SeedPerson> listed)
    {
        var match = RapporteurPattern().Match(line);
        if (!match.Success)
        {
            throw new FormatException($"Expected '[Mr.|Ms.] Name' under {ReportedByHeading} {line}");
        }

        var name = match.Groups["name"].Value;
        var sameName = listed.Find(person => person.DisplayName == name);
        return sameName is not null
            ? sameName with { Role = SeedRole.Rapporteur, Confirmation = SeedConfirmation.Confirmed }
            : new SeedPerson(name, Honorific(match), "", SeedRole.Rapporteur, SeedConfirmation.Confirmed, null, null);
    }

    private static string? Honorific(Match match) =>
        match.Groups["honorific"].Success ? match.Groups["honorific"].Value : null;

    private static T Lookup<T>(Dictionary<string, T> answers, string line) =>
        answers.TryGetValue(line, out var value)
            ? value
            : throw new FormatException($"Unknown gender report card answer: {line}");

    [GeneratedRegex(@"^\(No\.(?<number>\d+)\)\s*(?<title>.+)$")]
    private static partial Regex TitlePattern();

    [GeneratedRegex(@"^(?<name>[^\[]+?)\s*(?:\[(?<tag>[^\[\]]*)\])?$")]
    private static partial Regex OrganizerPattern();

    // The name holds no comma; the affiliation may hold many (the last bracket closes the line).
    [GeneratedRegex(@"^(?:(?<honorific>Mr\.|Ms\.)\s+)?(?<name>[^,\[]+?)\s*(?:,\s*(?<affiliation>[^\[]*?))?\s*\[(?<tokens>[^\[\]]*)\]$")]
    private static partial Regex PersonPattern();

    [GeneratedRegex(@"^(?:(?<honorific>Mr\.|Ms\.)\s+)?(?<name>[^,\[\]]+)$")]
    private static partial Regex RapporteurPattern();
}
