namespace ParticipationRegistry.Cli.Cli;

/// <summary>Resource names as typed on a command line: full (<c>meetings/igf-2012</c>) or short (<c>igf-2012</c>).</summary>
public static class Names
{
    /// <summary><c>igf-2012</c> or <c>meetings/igf-2012</c> → <c>meetings/igf-2012</c>.</summary>
    public static string Meeting(string text) => text.StartsWith("meetings/", StringComparison.Ordinal) ? text : $"meetings/{text}";

    /// <summary><c>igf-2012/ws-85</c> or the full <c>meetings/igf-2012/sessions/ws-85</c>.</summary>
    public static string Session(string text)
    {
        if (text.StartsWith("meetings/", StringComparison.Ordinal))
        {
            return text;
        }

        var parts = text.Split('/');
        return parts.Length == 2
            ? $"meetings/{parts[0]}/sessions/{parts[1]}"
            : throw new UsageException($"A session is meetings/MEETING/sessions/SESSION or MEETING/SESSION, not '{text}'.");
    }

    /// <summary><c>abc</c> or <c>stakeholders/abc</c> → <c>stakeholders/abc</c>.</summary>
    public static string Stakeholder(string text) => text.StartsWith("stakeholders/", StringComparison.Ordinal) ? text : $"stakeholders/{text}";

    /// <summary>The last segment of a resource name: <c>meetings/m/sessions/ws-85</c> → <c>ws-85</c>.</summary>
    public static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];

    /// <summary>The session a seat sits in: <c>meetings/m/sessions/s/participants/p</c> → <c>meetings/m/sessions/s</c>.</summary>
    public static string Parent(string name)
    {
        var cut = name.LastIndexOf('/');
        cut = cut > 0 ? name.LastIndexOf('/', cut - 1) : -1;
        return cut > 0 ? name[..cut] : name;
    }
}
