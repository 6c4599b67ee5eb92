using System.Diagnostics.CodeAnalysis;

namespace ParticipationRegistry.Server.Common;

/// <summary>A resource name type (AIP-122): its pattern, and how it is made from the ids the pattern holds.</summary>
public interface IResourceName<TSelf>
    where TSelf : IResourceName<TSelf>
{
    /// <summary>The name's shape, collection ids and placeholders alternating: <c>meetings/{meeting}/sessions/{session}</c>.</summary>
    static abstract string Pattern { get; }

    static abstract TSelf FromIds(IReadOnlyList<string> ids);
}

/// <summary>Parses resource names of every type the same way, with the same errors.</summary>
public static class ResourceName
{
    private const int MaxIdLength = 100;

    /// <summary>The name in <paramref name="text"/>, or false when it does not have the type's shape.</summary>
    public static bool TryParse<T>(string? text, [NotNullWhen(true)] out T? name)
        where T : class, IResourceName<T>
    {
        name = Ids(text, T.Pattern) is { } ids ? T.FromIds(ids) : null;
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
        string.IsNullOrEmpty(text) ? $"Required: {T.Pattern}." : $"'{text}' is not a resource name of the form {T.Pattern}.";

    private static string[]? Ids(string? text, string pattern)
    {
        if (text is null)
        {
            return null;
        }

        var expected = pattern.Split('/');
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
}

/// <summary><c>stakeholders/{stakeholder}</c></summary>
public sealed record StakeholderName(string StakeholderId) : IResourceName<StakeholderName>
{
    public static string Pattern => "stakeholders/{stakeholder}";

    public static StakeholderName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"stakeholders/{StakeholderId}";
}

/// <summary><c>organizations/{organization}</c></summary>
public sealed record OrganizationName(string OrganizationId) : IResourceName<OrganizationName>
{
    public static string Pattern => "organizations/{organization}";

    public static OrganizationName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"organizations/{OrganizationId}";
}

/// <summary><c>policies/{policy}</c></summary>
public sealed record PolicyName(string PolicyId) : IResourceName<PolicyName>
{
    public static string Pattern => "policies/{policy}";

    public static PolicyName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"policies/{PolicyId}";
}

/// <summary><c>meetings/{meeting}</c></summary>
public sealed record MeetingName(string MeetingId) : IResourceName<MeetingName>
{
    public static string Pattern => "meetings/{meeting}";

    public static MeetingName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"meetings/{MeetingId}";
}

/// <summary><c>meetings/{meeting}/sessions/{session}</c>; session <c>-</c> stands for every session of a list's parent.</summary>
public sealed record SessionName(string MeetingId, string SessionId) : IResourceName<SessionName>
{
    public const string Wildcard = "-";

    public static string Pattern => "meetings/{meeting}/sessions/{session}";

    public MeetingName Meeting => new(MeetingId);

    public bool IsWildcard => SessionId == Wildcard;

    public static SessionName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1]);

    public override string ToString() => $"meetings/{MeetingId}/sessions/{SessionId}";
}

/// <summary><c>meetings/{meeting}/sessions/{session}/participants/{participant}</c>: a seat on a panel.</summary>
public sealed record ParticipantName(string MeetingId, string SessionId, string ParticipantId) : IResourceName<ParticipantName>
{
    public static string Pattern => "meetings/{meeting}/sessions/{session}/participants/{participant}";

    public SessionName Session => new(MeetingId, SessionId);

    public static ParticipantName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1], ids[2]);

    public override string ToString() => $"meetings/{MeetingId}/sessions/{SessionId}/participants/{ParticipantId}";
}

/// <summary><c>meetings/{meeting}/registrations/{registration}</c>: a person registered to attend.</summary>
public sealed record RegistrationName(string MeetingId, string RegistrationId) : IResourceName<RegistrationName>
{
    public static string Pattern => "meetings/{meeting}/registrations/{registration}";

    public MeetingName Meeting => new(MeetingId);

    public static RegistrationName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1]);

    public override string ToString() => $"meetings/{MeetingId}/registrations/{RegistrationId}";
}
