using Dapper;
using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.V1;
using Xunit.Abstractions;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>
/// Two servers (two in-process registries, each with its own writer, key cache and rate limits) on ONE
/// PostgreSQL schema, written through concurrently: an etag conflict across servers is ABORTED and no update
/// is lost; a request id replayed on the other server (also at the same moment) returns the first reply and
/// creates nothing; page tokens and API keys work on either server; a key revoked on one is refused by the
/// other within <see cref="KeyCache.Lifetime"/>; rate limits are per server.
/// </summary>
// Several servers share a database only on PostgreSQL (one SQLite file has one server); run-all.sh's SQLite pass filters Engine!=PostgresOnly.
[Trait("Engine", "PostgresOnly")]
public sealed class TwoServersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-two-").FullName;
    private TestRegistry a = null!;
    private TestRegistry b = null!;

    public async Task InitializeAsync()
    {
        // Started together: the migrator's advisory lock lets one migrate, the other finds the schema current.
        var started = await Task.WhenAll(TestRegistry.StartAsync(folder: folder), TestRegistry.StartAsync(folder: folder));
        (a, b) = (started[0], started[1]);
    }

    public async Task DisposeAsync()
    {
        await a.DisposeAsync();
        await b.DisposeAsync();
        TestDatabases.Drop(folder);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_stale_etag_sent_to_the_other_server_is_aborted()
    {
        var person = await a.Stakeholders.CreateAsync("Etag Person");
        var renamed = await b.Stakeholders.UpdateStakeholderAsync(Rename(person, "Renamed on B"));

        var stale = await Assert.ThrowsAsync<RpcException>(async () => await a.Stakeholders.UpdateStakeholderAsync(Rename(person, "Stale on A")));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal("Renamed on B", (await a.Stakeholders.GetFullAsync(person.Name)).DisplayName);
        Assert.NotEqual(person.Etag, renamed.Etag);
    }

    [Fact]
    public async Task Concurrent_read_modify_write_increments_through_both_servers_lose_no_update()
    {
        const int Tasks = 16;
        const int IncrementsEach = 8;
        var person = await a.Stakeholders.CreateAsync("Counter 0");
        var aborted = 0;
        var acknowledged = 0;
        await Task.WhenAll(Enumerable.Range(0, Tasks).Select(task => Task.Run(async () =>
        {
            var server = task % 2 == 0 ? a : b;
            for (var done = 0; done < IncrementsEach;)
            {
                var current = await server.Stakeholders.GetFullAsync(person.Name);
                var value = int.Parse(current.DisplayName["Counter ".Length..], System.Globalization.CultureInfo.InvariantCulture);
                try
                {
                    await server.Stakeholders.UpdateStakeholderAsync(Rename(current, $"Counter {value + 1}"));
                    done++;
                    Interlocked.Increment(ref acknowledged);
                }
                catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
                {
                    Interlocked.Increment(ref aborted);
                }
            }
        })));

        output.WriteLine($"{acknowledged} increments acknowledged, {aborted} aborted on a stale etag");
        Assert.Equal(Tasks * IncrementsEach, acknowledged);
        Assert.Equal($"Counter {acknowledged}", (await a.Stakeholders.GetFullAsync(person.Name)).DisplayName);
        Assert.Equal($"Counter {acknowledged}", (await b.Stakeholders.GetFullAsync(person.Name)).DisplayName);
    }

    [Fact]
    public async Task A_request_id_replayed_on_the_other_server_returns_the_first_reply_and_creates_nothing()
    {
        var request = new CreateStakeholderRequest { RequestId = Guid.NewGuid().ToString(), Stakeholder = Person("Replayed Across") };
        var first = await a.Stakeholders.CreateStakeholderAsync(request);
        var replayed = await b.Stakeholders.CreateStakeholderAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(1, CountNamed("Replayed Across"));
    }

    [Fact]
    public async Task A_request_id_sent_to_both_servers_at_the_same_moment_creates_once_and_both_get_the_same_reply()
    {
        for (var round = 0; round < 20; round++)
        {
            var name = $"Raced {round}";
            var request = new CreateStakeholderRequest { RequestId = Guid.NewGuid().ToString(), Stakeholder = Person(name) };
            using var go = new ManualResetEventSlim();
            var calls = new[] { a, b }.Select(server => Task.Run(async () =>
            {
                go.Wait();
                return await server.Stakeholders.CreateStakeholderAsync(request);
            })).ToList();
            go.Set();
            var replies = await Task.WhenAll(calls);

            Assert.Equal(replies[0], replies[1]);
            Assert.Equal(1, CountNamed(name));
        }
    }

    [Fact]
    public async Task A_page_token_from_one_server_is_honoured_by_the_other()
    {
        var created = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await a.Stakeholders.CreateAsync($"Paged {i}")).Name);
        }

        var seen = new List<string>();
        var request = new ListStakeholdersRequest { PageSize = 2 };
        for (var page = 0; ; page++)
        {
            var response = await (page % 2 == 0 ? a : b).Stakeholders.ListStakeholdersAsync(request);
            seen.AddRange(response.Stakeholders.Select(s => s.Name));
            if (response.NextPageToken.Length == 0)
            {
                break;
            }

            request.PageToken = response.NextPageToken;
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(created.Order(), seen.Where(created.Contains).Order());
    }

    [Fact]
    public async Task A_key_created_on_one_server_works_on_the_other_and_a_revocation_reaches_it_within_the_cache_lifetime()
    {
        var keys = new KeyService.KeyServiceClient(a.Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Editor, DisplayName = "shared key" } });
        var onB = new StakeholderService.StakeholderServiceClient(b.ChannelFor(created.Secret));
        await onB.ListStakeholdersAsync(new ListStakeholdersRequest());

        await keys.RevokeApiKeyAsync(new RevokeApiKeyRequest { Name = created.ApiKey.Name });
        var revoked = DateTime.UtcNow;
        var onA = new StakeholderService.StakeholderServiceClient(a.ChannelFor(created.Secret));
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(async () => await onA.ListStakeholdersAsync(new ListStakeholdersRequest()))).StatusCode);
        while (true)
        {
            try
            {
                await onB.ListStakeholdersAsync(new ListStakeholdersRequest());
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unauthenticated)
            {
                break;
            }

            Assert.True(DateTime.UtcNow - revoked < KeyCache.Lifetime + TimeSpan.FromSeconds(1), "Server B still accepts a key revoked on server A.");
            await Task.Delay(50);
        }

        output.WriteLine($"server B refused the key {(DateTime.UtcNow - revoked).TotalMilliseconds:F0} ms after server A revoked it");
    }

    private int CountNamed(string displayName)
    {
        using var connection = a.OpenDatabase();
        return connection.ExecuteScalar<int>("SELECT count(*) FROM stakeholders WHERE display_name = @displayName", new { displayName });
    }

    private static UpdateStakeholderRequest Rename(Stakeholder stakeholder, string displayName) => new()
    {
        Stakeholder = new Stakeholder { Name = stakeholder.Name, Etag = stakeholder.Etag, DisplayName = displayName },
        UpdateMask = Mask("display_name"),
    };
}
