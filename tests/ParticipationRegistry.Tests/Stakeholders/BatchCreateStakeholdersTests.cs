using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>BatchCreateStakeholders: 1 to 1000 items, all or none, answered in request order.</summary>
public sealed class BatchCreateStakeholdersTests
{
    private static IEnumerable<Stakeholder> People(int count) =>
        Enumerable.Range(0, count).Select(i => Person($"Batch Person {i:D4}", "FI"));

    [Fact]
    public async Task Batch_creates_every_item_and_answers_in_request_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        string[] names = ["Zoe", "Adam", "Mia", "Bob", "Adam"];

        var response = await registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(names.Select(n => Person(n))));

        Assert.Equal(names, response.Stakeholders.Select(s => s.DisplayName));
        Assert.Equal(5, response.Stakeholders.Select(s => s.Name).Distinct().Count());
        Assert.All(response.Stakeholders, s => AssertGeneratedId(s.Name, "stakeholders", s.DisplayName));
        Assert.Equal(
            response.Stakeholders.Select(s => s.Name).Order(StringComparer.Ordinal),
            (await registry.Stakeholders.AllNamesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Batch_items_get_the_same_treatment_as_single_creates()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync("ICANN");
        var full = FullPerson();
        full.Organization = organization.Name;

        var response = await registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(
        [
            Person("Lower Case", "fi"),
            new Stakeholder { DisplayName = "Stated", CountryCode = "HU", RegionalGroup = RegionalGroup.WesternEuropeanOthers },
            full,
        ]));

        Assert.Equal("FI", response.Stakeholders[0].CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, response.Stakeholders[0].RegionalGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, response.Stakeholders[1].RegionalGroup);
        Assert.Equal(organization.Name, response.Stakeholders[2].Organization);
        Assert.Equal("anriette@example.org", response.Stakeholders[2].Email);
        Assert.Equal(Gender.Woman, response.Stakeholders[2].Gender);
        Assert.All(response.Stakeholders, s => Assert.False(string.IsNullOrEmpty(s.Etag)));
        Assert.Equal(response.Stakeholders[2], await registry.Stakeholders.GetFullAsync(response.Stakeholders[2].Name));
    }

    [Fact]
    public async Task Batch_with_one_bad_item_names_its_field_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var items = People(20).ToList();
        items[17].CountryCode = "ZZ";

        await RpcAssert.InvalidFieldAsync("requests[17].stakeholder.country_code",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(items)).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_reports_every_bad_item()
    {
        await using var registry = await TestRegistry.StartAsync();
        var items = People(20).ToList();
        items[2].DisplayName = "";
        items[17].CountryCode = "ZZ";
        items[19].Attributes.Add(StakeholderAttribute.Unspecified);

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(items)).ResponseAsync);

        Assert.Equal(
            ["requests[17].stakeholder.country_code", "requests[19].stakeholder.attributes[0]", "requests[2].stakeholder.display_name"],
            status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_item_pointing_at_a_missing_organization_is_not_found_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var items = People(5).ToList();
        items[3].Organization = $"organizations/{Guid.NewGuid()}";

        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(items)).ResponseAsync);

        Assert.Equal("requests[3].stakeholder.organization", Assert.Single(status.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_item_without_a_stakeholder_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = Batch(People(3));
        request.Requests[1].Stakeholder = null;

        await RpcAssert.InvalidFieldAsync("requests[1].stakeholder",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(request).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_item_with_its_own_request_id_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = Batch(People(3));
        request.Requests[2].RequestId = Guid.NewGuid().ToString();

        await RpcAssert.InvalidFieldAsync("requests[2].request_id",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(request).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_of_more_than_one_thousand_is_invalid_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("requests",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(People(MaxBatch + 1))).ResponseAsync);

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Batch_of_exactly_one_thousand_is_accepted()
    {
        await using var registry = await TestRegistry.StartAsync();

        var response = await registry.Stakeholders.BatchCreateStakeholdersAsync(Batch(People(MaxBatch)));

        Assert.Equal(MaxBatch, response.Stakeholders.Count);
        Assert.Equal(MaxBatch, (await registry.Stakeholders.AllNamesAsync()).Count);
    }

    [Fact]
    public async Task Empty_batch_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("requests",
            () => registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest()).ResponseAsync);
    }
}
