using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Access;

public sealed class ApiKeyRow : IPageable
{
    public string Id { get; set; } = "";
    public int Role { get; set; }
    public string DisplayName { get; set; } = "";
    public string? ExpireTime { get; set; }
    public string CreateTime { get; set; } = "";
    public string? LastUseTime { get; set; }
    public string? RevokeTime { get; set; }
    public string SortKey { get; set; } = "";
    public List<SessionName> Sessions { get; set; } = [];
    public List<MeetingName> Meetings { get; set; } = [];
    public List<ForumName> Forums { get; set; } = [];
}

/// <summary>The API keys: stored by the hash of their secret.</summary>
public interface IKeyStore
{
    /// <summary>Stores a new key under the hash of its secret; the sessions, meetings and forums it names must exist.</summary>
    Task<ApiKeyRow> CreateAsync(ApiKeyRow row, byte[] secretHash);

    /// <summary>Creates or replaces the key <paramref name="id"/> (bootstrap and demo keys) with this secret, as an admin key.</summary>
    Task EnsureAdminAsync(string id, string displayName, byte[] secretHash);

    ApiKeyRow Find(ApiKeyName name);

    Page<ApiKeyRow> List(ListQuery query);

    Task<ApiKeyRow> RevokeAsync(ApiKeyName name);

    /// <summary>The key whose secret has this hash, revoked and expired ones included; null when none.</summary>
    ApiKeyRow? FindBySecretHash(byte[] secretHash);

    /// <summary>Records a call made with the key.</summary>
    Task TouchLastUseAsync(string id, string time);

    /// <summary>Completes once every touch made so far is written (whether or not it succeeded): key reads show the uses before them.</summary>
    Task TouchesWrittenAsync();

    /// <summary>Of <paramref name="stakeholderIds"/>, those holding a seat in one of <paramref name="sessions"/>.</summary>
    IReadOnlySet<string> SeatedIn(IReadOnlyCollection<string> stakeholderIds, IReadOnlyCollection<SessionName> sessions);

    /// <summary>The forum of the meeting <paramref name="meeting"/>: empty when it has none, null when there is no such meeting.</summary>
    string? ForumOfMeeting(MeetingName meeting);

    /// <summary>Gives an organiser key the sessions it created (a batch's in one write).</summary>
    Task AddSessionsAsync(string keyId, IReadOnlyCollection<SessionName> sessions);
}
