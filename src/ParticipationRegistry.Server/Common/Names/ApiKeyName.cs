namespace ParticipationRegistry.Server.Common;

/// <summary><c>apiKeys/{api_key}</c></summary>
public sealed record ApiKeyName(string ApiKeyId) : IResourceName<ApiKeyName>
{
    public static string Pattern => "apiKeys/{api_key}";

    public static ApiKeyName FromIds(IReadOnlyList<string> ids) => new(ids[0]);

    public override string ToString() => $"apiKeys/{ApiKeyId}";
}
