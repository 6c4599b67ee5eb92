namespace ParticipationRegistry.Server.Common;

/// <summary>Resource names (AIP-122): alternating collection ids and resource ids.</summary>
public static class ResourceNames
{
    /// <summary>
    /// The ids in <paramref name="name"/> if it has exactly the shape
    /// <c>{collections[0]}/{id}/{collections[1]}/{id}...</c>, else null.
    /// </summary>
    public static string[]? Match(string name, params string[] collections)
    {
        var parts = name.Split('/');
        if (parts.Length != collections.Length * 2)
        {
            return null;
        }

        var ids = new string[collections.Length];
        for (var i = 0; i < collections.Length; i++)
        {
            var id = parts[(2 * i) + 1];
            if (parts[2 * i] != collections[i] || id.Length == 0 || id.Length > 100 || id.Any(char.IsWhiteSpace))
            {
                return null;
            }

            ids[i] = id;
        }

        return ids;
    }

    public static string Pattern(params string[] collections) =>
        string.Join('/', collections.Select(c => $"{c}/{{{c.TrimEnd('s')}}}"));
}
