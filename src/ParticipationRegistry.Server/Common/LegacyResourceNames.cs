namespace ParticipationRegistry.Server.Common;

/// <summary>TEMPORARY during the code-health refactor: replaced by the typed names in ResourceNames.cs; deleted once nothing calls it.</summary>
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

}
