using System.Net;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>The HTTP port reads the same header: bad keys are 401 on report pages and JSON routes; anonymous readers still get the public reports.</summary>
public sealed class HttpAccessTests
{
    private const string Page = "/reports/meetings/igf-2012";
    private const string Json = "/v1/meetings/igf-2012:diversity";

    [Fact]
    public async Task Anonymous_and_valid_keys_read_the_public_reports()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        foreach (var secret in new[] { null, viewer })
        {
            using var http = registry.HttpClientFor(secret);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(Page, UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(Json, UriKind.Relative))).StatusCode);
        }
    }

    [Fact]
    public async Task Unknown_revoked_and_malformed_keys_are_401_with_the_reason()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var revoked = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer } });
        await keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Name = revoked.ApiKey.Name });

        foreach (var (header, reason) in new[]
        {
            ("Bearer prk_unknown-unknown-unknown-unknown", "not known"),
            ($"Bearer {revoked.Secret}", "revoked"),
            ("Basic dXNlcjpwYXNz", "Bearer"),
        })
        {
            using var http = registry.HttpClientFor(null);
            http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

            var page = await http.GetAsync(new Uri(Page, UriKind.Relative));
            var json = await http.GetAsync(new Uri(Json, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
            Assert.Equal("Bearer", page.Headers.WwwAuthenticate.Single().Scheme);
            Assert.Contains(reason, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, json.StatusCode);
            Assert.Contains(reason, await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
