using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>What CreateStakeholder refuses: every bad field is named by its dotted path, and nothing is written.</summary>
public sealed class StakeholderValidationTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    /// <summary>Refusals write nothing, so they share one registry and compare the list before and after.</summary>
    private async Task AssertRefusedAsync(string field, Stakeholder stakeholder)
    {
        var client = shared.Registry.Stakeholders;
        var before = await client.AllNamesAsync();

        await RpcAssert.InvalidFieldAsync(field,
            () => client.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = stakeholder }).ResponseAsync);

        Assert.Equal(before, await client.AllNamesAsync());
    }

    [Fact]
    public Task Missing_stakeholder_is_invalid() =>
        AssertRefusedAsync("stakeholder", null!);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public Task Missing_display_name_is_invalid(string displayName) =>
        AssertRefusedAsync("stakeholder.display_name", Person(displayName));

    [Fact]
    public Task Display_name_over_200_characters_is_invalid() =>
        AssertRefusedAsync("stakeholder.display_name", Person(new string('a', 201)));

    [Fact]
    public async Task Display_name_of_200_characters_is_accepted()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync(new string('a', 200));

        Assert.Equal(200, created.DisplayName.Length);
    }

    [Fact]
    public Task Affiliation_over_500_characters_is_invalid() =>
        AssertRefusedAsync("stakeholder.affiliation", new Stakeholder { DisplayName = "Someone", Affiliation = new string('x', 501) });

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("someone@")]
    [InlineData("@example.org")]
    [InlineData("someone@localhost")]
    [InlineData("Some One <someone@example.org>")]
    public Task Bad_email_is_invalid(string email) =>
        AssertRefusedAsync("stakeholder.email", new Stakeholder { DisplayName = "Someone", Email = email });

    [Fact]
    public Task Unknown_country_code_is_invalid() =>
        AssertRefusedAsync("stakeholder.country_code", Person("Someone", "ZZ"));

    [Theory]
    [InlineData("FIN")]
    [InlineData("F")]
    [InlineData("Finland")]
    public Task Country_code_that_is_not_alpha_2_is_invalid(string code) =>
        AssertRefusedAsync("stakeholder.country_code", Person("Someone", code));

    [Fact]
    public Task Duplicate_attribute_is_invalid() =>
        AssertRefusedAsync("stakeholder.attributes[2]", new Stakeholder
        {
            DisplayName = "Someone",
            Attributes = { StakeholderAttribute.Youth, StakeholderAttribute.Media, StakeholderAttribute.Youth },
        });

    [Fact]
    public Task Unspecified_attribute_is_invalid() =>
        AssertRefusedAsync("stakeholder.attributes[1]", new Stakeholder
        {
            DisplayName = "Someone",
            Attributes = { StakeholderAttribute.Youth, StakeholderAttribute.Unspecified },
        });

    [Fact]
    public Task Undefined_attribute_number_is_invalid() =>
        AssertRefusedAsync("stakeholder.attributes[0]", new Stakeholder
        {
            DisplayName = "Someone",
            Attributes = { (StakeholderAttribute)99 },
        });

    [Fact]
    public Task Undefined_stakeholder_group_number_is_invalid() =>
        AssertRefusedAsync("stakeholder.stakeholder_group", new Stakeholder { DisplayName = "Someone", StakeholderGroup = (StakeholderGroup)99 });

    [Fact]
    public Task Undefined_regional_group_number_is_invalid() =>
        AssertRefusedAsync("stakeholder.regional_group", new Stakeholder { DisplayName = "Someone", RegionalGroup = (RegionalGroup)6 });

    [Fact]
    public Task Undefined_gender_number_is_invalid() =>
        AssertRefusedAsync("stakeholder.gender", new Stakeholder { DisplayName = "Someone", Gender = (Gender)(-1) });

    [Theory]
    [InlineData("acme")]
    [InlineData("organizations/")]
    [InlineData("organizations/a/b")]
    [InlineData("stakeholders/0199a3c4-0000-7000-8000-000000000000")]
    public Task Organization_that_is_not_an_organization_name_is_invalid(string organization) =>
        AssertRefusedAsync("stakeholder.organization", new Stakeholder { DisplayName = "Someone", Organization = organization });

    [Fact]
    public async Task Organization_that_does_not_exist_is_not_found_and_nothing_is_created()
    {
        await using var registry = await TestRegistry.StartAsync();
        var missing = $"organizations/{Guid.NewGuid()}";

        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => registry.Stakeholders.CreateStakeholderAsync(
            new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Someone", Organization = missing } }).ResponseAsync);

        Assert.Equal(missing, status.GetDetail<ErrorInfo>().Metadata["resource"]);
        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Every_bad_field_is_reported_at_once()
    {
        await using var registry = await TestRegistry.StartAsync();

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => registry.Stakeholders.CreateStakeholderAsync(
            new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "", CountryCode = "ZZ", Email = "nope" } }).ResponseAsync);

        Assert.Equal(
            ["stakeholder.country_code", "stakeholder.display_name", "stakeholder.email"],
            status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Valid_optional_fields_are_accepted_and_stored_trimmed()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync(new Stakeholder
        {
            DisplayName = "  Nnenna Nwakanma ",
            Affiliation = " Web Foundation ",
            Email = "nnenna@example.org",
            Attributes = { StakeholderAttribute.Youth, StakeholderAttribute.Media },
        });

        Assert.Equal("Nnenna Nwakanma", created.DisplayName);
        Assert.Equal("Web Foundation", created.Affiliation);
        Assert.Equal("nnenna@example.org", created.Email);
        Assert.Equal([StakeholderAttribute.Youth, StakeholderAttribute.Media], created.Attributes);
    }

    [Fact]
    public async Task An_update_judges_the_fields_it_writes_and_only_those()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "Valeria Betancourt", Email = "valeria@example.org" });
        // A body carrying a bad email, a bad country and no display name, with only the affiliation masked.
        var body = new Stakeholder { Name = created.Name, Affiliation = "APC", Email = "not an email", CountryCode = "XX" };

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = body, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "affiliation" } },
        });
        await RpcAssert.InvalidFieldAsync("stakeholder.email", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = body, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "affiliation", "email" } },
        }).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("stakeholder.display_name", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = body, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } },
        }).ResponseAsync);

        Assert.Equal("APC", updated.Affiliation);
        Assert.Equal("Valeria Betancourt", updated.DisplayName);
        Assert.Equal("valeria@example.org", updated.Email);
        var stored = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name, View = StakeholderView.Full });
        Assert.Equal("valeria@example.org", stored.Email);
        Assert.Equal("APC", stored.Affiliation);
    }
}
