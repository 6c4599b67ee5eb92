using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>
/// request_id on CreateStakeholder, CreateOrganization and BatchCreateStakeholders: a replay
/// returns the first result and creates nothing, also after a restart; the same id for another
/// request is refused; an id must be a UUID.
/// </summary>
public sealed class RequestIdTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    private static CreateStakeholderRequest CreatePerson(string requestId, string displayName = "Retried Person") =>
        new() { Stakeholder = FullPerson(displayName), RequestId = requestId };

    private static CreateOrganizationRequest CreateOrganization(string requestId, string displayName = "Retried Org") =>
        new() { Organization = new Organization { DisplayName = displayName, CountryCode = "CH" }, RequestId = requestId };

    private static BatchCreateStakeholdersRequest CreateBatch(string requestId, string prefix = "Batch")
    {
        var batch = Batch(Enumerable.Range(0, 3).Select(i => Person($"{prefix} {i}", "FI")));
        batch.RequestId = requestId;
        return batch;
    }

    [Fact]
    public async Task Replayed_create_stakeholder_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        var replay = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        Assert.Equal(first, replay);
        Assert.Equal([first.Name], await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Replayed_create_stakeholder_after_a_restart_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        await using var restarted = await registry.RestartAsync();
        var replay = await restarted.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        Assert.Equal(first, replay);
        Assert.Equal([first.Name], await restarted.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Concurrent_creates_with_one_request_id_create_one_stakeholder()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId)).ResponseAsync));

        var name = Assert.Single(results.Select(s => s.Name).Distinct());
        Assert.Equal([name], await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Request_id_is_compared_as_a_uuid_regardless_of_case()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        var replay = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId.ToUpperInvariant()));

        Assert.Equal(first.Name, replay.Name);
        Assert.Single(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Request_id_is_compared_as_a_uuid_whatever_its_spelling()
    {
        await using var registry = await TestRegistry.StartAsync();
        var uuid = Guid.NewGuid();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(uuid.ToString("D")));

        var braces = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(uuid.ToString("B")));
        var bare = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(uuid.ToString("N")));

        Assert.Equal(first.Name, braces.Name);
        Assert.Equal(first.Name, bare.Name);
        Assert.Single(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task A_replay_after_the_personal_data_was_erased_does_not_bring_it_back()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));
        Assert.NotEqual(Gender.Unspecified, first.Gender);
        Assert.NotEmpty(first.Email);
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = first.Name },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "gender", "email", "attributes" } },
        });

        var replay = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        Assert.Equal(first.Name, replay.Name);
        Assert.Equal(Gender.Unspecified, replay.Gender);
        Assert.Empty(replay.Email);
        Assert.Empty(replay.Attributes);

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = first.Name });
        var afterDelete = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));
        Assert.Equal(first.Name, afterDelete.Name);
        Assert.Equal(Gender.Unspecified, afterDelete.Gender);
        Assert.Empty(afterDelete.Email);
    }

    [Fact]
    public async Task Creates_with_different_request_ids_create_two_stakeholders()
    {
        await using var registry = await TestRegistry.StartAsync();

        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(Guid.NewGuid().ToString()));
        var second = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(Guid.NewGuid().ToString()));

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(2, (await registry.Stakeholders.AllNamesAsync()).Count);
    }

    [Fact]
    public async Task Request_id_reused_for_a_different_stakeholder_is_refused_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId, "Someone Else")).ResponseAsync, "REQUEST_ID_REUSED");

        Assert.Equal([first.Name], await registry.Stakeholders.AllNamesAsync());
    }

    [Theory]
    [InlineData("1")]
    [InlineData("retry-1")]
    [InlineData("0199a3c4-0000-7000-8000-00000000000")]
    [InlineData("0199a3c4-0000-7000-8000-00000000000g")]
    public async Task Request_id_that_is_not_a_uuid_is_invalid_and_creates_nothing(string requestId)
    {
        var client = shared.Registry.Stakeholders;
        var before = await client.AllNamesAsync();

        await RpcAssert.InvalidFieldAsync("request_id",
            () => client.CreateStakeholderAsync(CreatePerson(requestId)).ResponseAsync);

        Assert.Equal(before, await client.AllNamesAsync());
    }

    [Fact]
    public async Task Failed_create_does_not_use_up_its_request_id()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var organization = $"organizations/{Guid.NewGuid()}";
        var request = new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Member", Organization = organization }, RequestId = requestId };
        await RpcAssert.FailsAsync(Grpc.Core.StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            () => registry.Stakeholders.CreateStakeholderAsync(request).ResponseAsync);

        var retry = await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        Assert.Equal([retry.Name], await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Request_id_used_by_another_method_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        await registry.Stakeholders.CreateStakeholderAsync(CreatePerson(requestId));

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId)).ResponseAsync, "REQUEST_ID_REUSED");

        Assert.Empty(await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Replayed_create_organization_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId));

        var replay = await registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId));

        Assert.Equal(first, replay);
        Assert.Equal([first.Name], await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Replayed_create_organization_after_a_restart_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId));

        await using var restarted = await registry.RestartAsync();
        var replay = await restarted.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId));

        Assert.Equal(first, replay);
        Assert.Equal([first.Name], await restarted.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Request_id_reused_for_a_different_organization_is_refused_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId));

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.CreateOrganizationAsync(CreateOrganization(requestId, "Other Org")).ResponseAsync, "REQUEST_ID_REUSED");

        Assert.Equal([first.Name], await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Organization_request_id_that_is_not_a_uuid_is_invalid_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.CreateOrganizationAsync(CreateOrganization("not-a-uuid")).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Replayed_batch_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId));

        var replay = await registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId));

        Assert.Equal(first, replay);
        Assert.Equal(3, (await registry.Stakeholders.AllNamesAsync()).Count);
    }

    [Fact]
    public async Task Replayed_batch_after_a_restart_returns_the_first_result_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var first = await registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId));

        await using var restarted = await registry.RestartAsync();
        var replay = await restarted.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId));

        Assert.Equal(first, replay);
        Assert.Equal(
            first.Stakeholders.Select(s => s.Name).Order(StringComparer.Ordinal),
            (await restarted.Stakeholders.AllNamesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Request_id_reused_for_a_different_batch_is_refused_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        await registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId));

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch(requestId, "Other")).ResponseAsync, "REQUEST_ID_REUSED");

        Assert.Equal(3, (await registry.Stakeholders.AllNamesAsync()).Count);
    }

    [Fact]
    public async Task Batch_request_id_that_is_not_a_uuid_is_invalid_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("request_id",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(CreateBatch("batch-1")).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }
}
