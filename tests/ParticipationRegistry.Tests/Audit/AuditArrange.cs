using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Audit;

/// <summary>Keys with their names, and the audit trail read as the admin, following page tokens.</summary>
internal static class AuditArrange
{
    public static async Task<(string Name, string Secret)> KeyAsync(this TestRegistry registry, Role role)
    {
        var created = await new KeyService.KeyServiceClient(registry.Channel).CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = role, DisplayName = $"audit test {role}" },
        });
        return (created.ApiKey.Name, created.Secret);
    }

    /// <summary>The name of the bootstrap admin key every test registry calls with.</summary>
    public static async Task<string> AdminKeyNameAsync(this TestRegistry registry) =>
        (await new KeyService.KeyServiceClient(registry.Channel).ListApiKeysAsync(new ListApiKeysRequest { Filter = "role = ROLE_ADMIN" }))
            .ApiKeys.Single().Name;

    public static async Task<List<AuditEvent>> AuditEventsAsync(this TestRegistry registry, string filter = "", int pageSize = 0)
    {
        var client = new AuditService.AuditServiceClient(registry.Channel);
        var events = new List<AuditEvent>();
        var token = "";
        do
        {
            var page = await client.ListAuditEventsAsync(new ListAuditEventsRequest { Filter = filter, PageSize = pageSize, PageToken = token });
            events.AddRange(page.AuditEvents);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return events;
    }

    public static string MethodOf(Google.Protobuf.Reflection.ServiceDescriptor service, string method) => $"/{service.FullName}/{method}";
}
