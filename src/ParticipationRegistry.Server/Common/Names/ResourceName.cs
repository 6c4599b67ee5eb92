using System.Diagnostics.CodeAnalysis;

namespace ParticipationRegistry.Server.Common;

/// <summary>Parses resource names of every type the same way, with the same errors.</summary>
public static class ResourceName
{
    private const int MaxIdLength = 100;

    /// <summary>The name in <paramref name="text"/>, or false when it does not have the type's shape.</summary>
    public static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? name)
        where T : class, IResourceName<T>
    {
        name = Ids(text, PatternOf<T>.Segments) is { } ids ? T.FromIds(ids) : null;
        return name is not null;
    }

    /// <summary>The name in <paramref name="text"/>; INVALID_ARGUMENT naming <paramref name="field"/> when it is not one.</summary>
    public static T Parse<T>(string? text, string field)
        where T : class, IResourceName<T> =>
        TryParse<T>(text, out var name) ? name : throw RegistryException.InvalidArgument(field, Problem<T>(text));

    /// <summary>The name in <paramref name="text"/>, or null after adding a violation of <paramref name="field"/>.</summary>
    public static T? Check<T>(string? text, Violations violations, string field)
        where T : class, IResourceName<T>
    {
        if (TryParse<T>(text, out var name))
        {
            return name;
        }

        violations.Add(field, Problem<T>(text));
        return null;
    }

    /// <summary>As <see cref="Check{T}"/>, where an empty value means "none" and is no violation.</summary>
    public static T? CheckOptional<T>(string? text, Violations violations, string field)
        where T : class, IResourceName<T> =>
        string.IsNullOrEmpty(text) ? null : Check<T>(text, violations, field);

    /// <summary>What is wrong with <paramref name="text"/> as a name of type <typeparamref name="T"/>.</summary>
    public static string Problem<T>(string? text)
        where T : class, IResourceName<T> =>
        string.IsNullOrEmpty(text) ? $"Required: {T.Pattern}." : $"'{SafeText.Quote(text)}' is not a resource name of the form {T.Pattern}.";

    private static string[]? Ids(string? text, string[] expected)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split('/');
        if (parts.Length != expected.Length)
        {
            return null;
        }

        var ids = new string[parts.Length / 2];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = parts[(2 * i) + 1];
            if (parts[2 * i] != expected[2 * i] || id.Length is 0 or > MaxIdLength || id.Any(char.IsWhiteSpace))
            {
                return null;
            }

            ids[i] = id;
        }

        return ids;
    }

    /// <summary>A name type's pattern split once, not on every name parsed.</summary>
    private static class PatternOf<T>
        where T : class, IResourceName<T>
    {
        public static readonly string[] Segments = T.Pattern.Split('/');
    }
}
