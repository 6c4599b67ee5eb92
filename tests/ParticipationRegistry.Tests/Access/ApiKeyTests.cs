using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>KeyService: secrets shown once and stored as hashes, paging and filters, revocation and expiry at once, bad input.</summary>
public sealed class ApiKeyTests
{
    [Fact]
    public async Task The_secret_is_returned_once_and_stored_only_as_a_hash()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);

        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer, DisplayName = "Press office" } });

        Assert.StartsWith("prk_", created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= 4 + 22, "at least 128 bits");
        var got = await keys.GetApiKeyAsync(new GetApiKeyRequest { Name = created.ApiKey.Name });
        var listed = await keys.ListApiKeysAsync(new ListApiKeysRequest());
        Assert.DoesNotContain(created.Secret, got.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, listed.ToString(), StringComparison.Ordinal);
        Assert.Equal(created.ApiKey, got);

        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(registry.Folder, "registry.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(created.Secret)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(TestRegistry.AdminSecret)));
        }

        await using var connection = registry.OpenDatabase();
        if (ParticipationRegistry.TestSupport.TestDatabases.OnPostgres)
        {
            // The PostgreSQL counterpart of reading the files: no row of any table holds either secret.
            await AssertNoRowHoldsAsync(connection, created.Secret);
            await AssertNoRowHoldsAsync(connection, TestRegistry.AdminSecret);
        }

        using var command = connection.CreateCommand();
        command.CommandText = "SELECT secret_hash FROM api_keys WHERE display_name = 'Press office'";
        var stored = (byte[])(await command.ExecuteScalarAsync())!;
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret)), stored);
    }

    [Fact]
    public async Task ListApiKeys_pages_and_filters_by_role()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        for (var i = 0; i < 3; i++)
        {
            await registry.CreateKeyAsync(Role.Viewer);
            await registry.CreateKeyAsync(Role.Editor);
        }

        var names = new List<string>();
        var token = "";
        do
        {
            var page = await keys.ListApiKeysAsync(new ListApiKeysRequest { PageSize = 2, PageToken = token });
            Assert.True(page.ApiKeys.Count <= 2);
            names.AddRange(page.ApiKeys.Select(k => k.Name));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        Assert.Equal(7, names.Distinct().Count()); // six and the bootstrap admin
        Assert.Equal(7, names.Count);

        var editors = await keys.ListApiKeysAsync(new ListApiKeysRequest { Filter = "role = ROLE_EDITOR" });
        Assert.Equal(3, editors.ApiKeys.Count);
        Assert.All(editors.ApiKeys, k => Assert.Equal(Role.Editor, k.Role));
        await RpcAssert.InvalidFieldAsync("filter", async () => await keys.ListApiKeysAsync(new ListApiKeysRequest { Filter = "secret = x" }), "INVALID_FILTER");
    }

    [Fact]
    public async Task A_revoked_key_is_refused_on_its_next_call()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Editor } });
        var meetings = new MeetingService.MeetingServiceClient(registry.ChannelFor(created.Secret));
        await meetings.ListMeetingsAsync(new ListMeetingsRequest());

        var revoked = await keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Name = created.ApiKey.Name });

        Assert.NotNull(revoked.RevokeTime);
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () => await meetings.ListMeetingsAsync(new ListMeetingsRequest()));
        Assert.Contains("revoked", status.Message, StringComparison.Ordinal);
        Assert.Equal(revoked.RevokeTime, (await keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Name = created.ApiKey.Name })).RevokeTime);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "API_KEY_NOT_FOUND", async () => await keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Name = "apiKeys/nobody" }));
    }

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Viewer, ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(1)) },
        });
        var meetings = new MeetingService.MeetingServiceClient(registry.ChannelFor(created.Secret));
        await meetings.ListMeetingsAsync(new ListMeetingsRequest());

        await using (var connection = registry.OpenDatabase())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE api_keys SET expire_time = '2020-01-01T00:00:00Z' WHERE display_name = ''";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        // A change made outside the server (here: by hand; in production: another server) is seen once
        // the key's cached copy is older than KeyCache.Lifetime.
        await Task.Delay(KeyCache.Lifetime + TimeSpan.FromMilliseconds(200));
        var status = await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED", async () => await meetings.ListMeetingsAsync(new ListMeetingsRequest()));
        Assert.Contains("expired", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_use_time_is_set_once_the_key_is_used()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer } });
        Assert.Null(created.ApiKey.LastUseTime);

        await new MeetingService.MeetingServiceClient(registry.ChannelFor(created.Secret)).ListMeetingsAsync(new ListMeetingsRequest());

        var used = await keys.GetApiKeyAsync(new GetApiKeyRequest { Name = created.ApiKey.Name });
        Assert.NotNull(used.LastUseTime);
        Assert.True(used.LastUseTime >= created.ApiKey.CreateTime);
    }

    [Fact]
    public async Task Bad_keys_are_refused_with_the_field_named()
    {
        await using var registry = await TestRegistry.StartAsync();
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var meeting = await registry.MeetingAsync("igf-2012");

        await RpcAssert.InvalidFieldAsync("api_key.role", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey() }));
        await RpcAssert.InvalidFieldAsync("api_key", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest()));
        await RpcAssert.InvalidFieldAsync("api_key.sessions", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Viewer, Sessions = { $"{meeting.Name}/sessions/ws-85" } },
        }));
        await RpcAssert.InvalidFieldAsync("api_key.expire_time", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Viewer, ExpireTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1)) },
        }));
        await RpcAssert.InvalidFieldAsync("api_key.sessions[0]", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Organizer, Sessions = { "not a session" } },
        }));
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", async () => await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Organizer, Sessions = { $"{meeting.Name}/sessions/ws-85" } },
        }));
        Assert.Contains(Arrange.ViolationFields(unknown), f => f == "api_key.sessions[0]");
        await RpcAssert.InvalidFieldAsync("name", async () => await keys.GetApiKeyAsync(new GetApiKeyRequest { Name = "keys/x" }));

        Assert.Single((await keys.ListApiKeysAsync(new ListApiKeysRequest())).ApiKeys);
    }

    private static async Task AssertNoRowHoldsAsync(System.Data.Common.DbConnection connection, string secret)
    {
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'";
            await using var rows = await list.ExecuteReaderAsync();
            while (await rows.ReadAsync())
            {
                tables.Add(rows.GetString(0));
            }
        }

        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT count(*) FROM \"{table}\" t WHERE strpos(CAST(t AS TEXT), @secret) > 0";
            var parameter = count.CreateParameter();
            parameter.ParameterName = "secret";
            parameter.Value = secret;
            count.Parameters.Add(parameter);
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        }
    }
}
