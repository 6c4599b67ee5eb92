using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>KeyService: API keys and their roles (admin only, as <see cref="AccessRules"/> says).</summary>
public sealed class KeyGrpcService(IKeyStore store, Lists lists, TimeProvider clock) : KeyService.KeyServiceBase
{
    private static readonly ListSpec KeyList = new(
        "apiKeys", [FilterField.Enum<Role>("role", "role")], new Dictionary<string, string> { ["create_time"] = "create_time" }, "create_time");

    public override async Task<CreateApiKeyResponse> CreateApiKey(CreateApiKeyRequest request, ServerCallContext context)
    {
        var row = ApiKeyRules.Validated(request.ApiKey, clock.GetUtcNow());
        var secret = ApiKeySecrets.New();
        var created = await store.CreateAsync(row, ApiKeySecrets.Hash(secret));
        return new CreateApiKeyResponse { ApiKey = ApiKeyRules.ToProto(created), Secret = secret };
    }

    // Last-use touches are written behind the calls that made them: a key read waits for them.
    public override async Task<ApiKey> GetApiKey(GetApiKeyRequest request, ServerCallContext context)
    {
        await store.TouchesWrittenAsync();
        return ApiKeyRules.ToProto(store.Find(ResourceName.Parse<ApiKeyName>(request.Name, "name")));
    }

    public override async Task<ListApiKeysResponse> ListApiKeys(ListApiKeysRequest request, ServerCallContext context)
    {
        await store.TouchesWrittenAsync();
        var keys = lists.Page(KeyList, "", (request.PageSize, request.PageToken, request.Filter, ""), store.List, ApiKeyRules.ToProto);
        return new ListApiKeysResponse { ApiKeys = { keys.Items }, NextPageToken = keys.NextPageToken };
    }

    public override async Task<ApiKey> RevokeApiKey(RevokeApiKeyRequest request, ServerCallContext context)
    {
        var revoked = await store.RevokeAsync(ResourceName.Parse<ApiKeyName>(request.Name, "name"));
        return ApiKeyRules.ToProto(revoked);
    }
}

/// <summary>What a valid key is, and key rows ⇄ protos.</summary>
public static class ApiKeyRules
{
    public static ApiKeyRow Validated(ApiKey? key, DateTimeOffset now)
    {
        var violations = new Violations();
        if (key is null)
        {
            violations.Add("api_key", "Required.");
            violations.ThrowIfAny();
        }

        var at = violations.At("api_key");
        if (key!.Role == Role.Unspecified || !Enum.IsDefined(key.Role))
        {
            at.Add("role", "Must be ROLE_ADMIN, ROLE_EDITOR, ROLE_ORGANIZER or ROLE_VIEWER.");
        }

        if (key.DisplayName.Length > 200)
        {
            at.Add("display_name", "At most 200 characters.");
        }

        if (key.ExpireTime is { } expire && expire.ToDateTimeOffset() <= now)
        {
            at.Add("expire_time", "Must be in the future (or unset: never expires).");
        }

        var organizer = key.Role == Role.Organizer;
        if (!organizer && (key.Sessions.Count > 0 || key.Meetings.Count > 0))
        {
            at.Add(key.Sessions.Count > 0 ? "sessions" : "meetings", "Only an ROLE_ORGANIZER key names sessions and meetings.");
        }

        var sessions = new List<SessionName>();
        for (var i = 0; i < key.Sessions.Count; i++)
        {
            if (ResourceName.Check<SessionName>(key.Sessions[i], at, $"sessions[{i}]") is { } session && !sessions.Contains(session))
            {
                sessions.Add(session);
            }
        }

        var meetings = new List<MeetingName>();
        for (var i = 0; i < key.Meetings.Count; i++)
        {
            if (ResourceName.Check<MeetingName>(key.Meetings[i], at, $"meetings[{i}]") is { } meeting && !meetings.Contains(meeting))
            {
                meetings.Add(meeting);
            }
        }

        var forums = new List<ForumName>();
        for (var i = 0; i < key.Forums.Count; i++)
        {
            if (ResourceName.Check<ForumName>(key.Forums[i], at, $"forums[{i}]") is { } forum && !forums.Contains(forum))
            {
                forums.Add(forum);
            }
        }

        violations.ThrowIfAny();
        return new ApiKeyRow
        {
            Id = Ids.New(),
            Role = (int)key.Role,
            DisplayName = key.DisplayName.Trim(),
            ExpireTime = key.ExpireTime is null ? null : Times.ToText(key.ExpireTime),
            Sessions = sessions,
            Meetings = meetings,
            Forums = forums,
        };
    }

    public static ApiKey ToProto(ApiKeyRow row)
    {
        var key = new ApiKey
        {
            Name = new ApiKeyName(row.Id).ToString(),
            Role = (Role)row.Role,
            DisplayName = row.DisplayName,
            CreateTime = Times.ToTimestampRequired(row.CreateTime),
            Sessions = { row.Sessions.Select(s => s.ToString()) },
            Meetings = { row.Meetings.Select(m => m.ToString()) },
            Forums = { row.Forums.Select(f => f.ToString()) },
        };
        if (row.ExpireTime is { } expire) key.ExpireTime = Times.ToTimestamp(expire);
        if (row.LastUseTime is { } used) key.LastUseTime = Times.ToTimestamp(used);
        if (row.RevokeTime is { } revoked) key.RevokeTime = Times.ToTimestamp(revoked);
        return key;
    }
}
