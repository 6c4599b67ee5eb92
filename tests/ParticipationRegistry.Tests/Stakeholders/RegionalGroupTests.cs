using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>
/// country_code is checked and upper-cased; regional_group is derived from it unless the caller
/// states one, what the caller states wins, and a country with no group is never given one.
/// </summary>
public sealed class RegionalGroupTests
{
    private static Task<Stakeholder> UpdateAsync(TestRegistry registry, Stakeholder stakeholder, params string[] paths) =>
        registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest { Stakeholder = stakeholder, UpdateMask = Mask(paths) }).ResponseAsync;

    [Theory]
    [InlineData("FI", RegionalGroup.WesternEuropeanOthers)]
    [InlineData("HU", RegionalGroup.EasternEuropean)]
    [InlineData("BR", RegionalGroup.LatinAmericanCaribbean)]
    [InlineData("KE", RegionalGroup.African)]
    [InlineData("IN", RegionalGroup.AsiaPacific)]
    public async Task Regional_group_is_derived_from_the_country(string country, RegionalGroup expected)
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync("Someone", country);

        Assert.Equal(expected, created.RegionalGroup);
        Assert.Equal(expected, (await registry.Stakeholders.GetFullAsync(created.Name)).RegionalGroup);
    }

    [Fact]
    public async Task Lower_case_country_code_is_accepted_and_stored_upper_case()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync("Someone", "fi");

        Assert.Equal("FI", created.CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, created.RegionalGroup);
        Assert.Equal("FI", (await registry.Stakeholders.GetFullAsync(created.Name)).CountryCode);
    }

    [Fact]
    public async Task Stated_regional_group_wins_over_the_country()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync(new Stakeholder
        {
            DisplayName = "Hungarian envoy",
            CountryCode = "HU",
            RegionalGroup = RegionalGroup.WesternEuropeanOthers,
        });

        Assert.Equal(RegionalGroup.WesternEuropeanOthers, created.RegionalGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, (await registry.Stakeholders.GetFullAsync(created.Name)).RegionalGroup);
    }

    [Fact]
    public async Task Regional_group_can_be_stated_without_a_country()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "Someone", RegionalGroup = RegionalGroup.African });

        Assert.Equal(RegionalGroup.African, created.RegionalGroup);
        Assert.Equal("", created.CountryCode);
    }

    [Theory]
    [InlineData("VA")]
    [InlineData("AX")]
    [InlineData("XK")]
    [InlineData("")]
    public async Task Country_in_no_group_leaves_the_regional_group_unspecified(string country)
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync("Someone", country);

        Assert.Equal(country, created.CountryCode);
        Assert.Equal(RegionalGroup.Unspecified, created.RegionalGroup);
    }

    [Fact]
    public async Task Updating_the_country_derives_the_regional_group_again_when_none_was_stated()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone", "FI");

        var updated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, CountryCode = "hu" }, "country_code");

        Assert.Equal("HU", updated.CountryCode);
        Assert.Equal(RegionalGroup.EasternEuropean, updated.RegionalGroup);
        Assert.Equal(RegionalGroup.EasternEuropean, (await registry.Stakeholders.GetFullAsync(created.Name)).RegionalGroup);
    }

    [Fact]
    public async Task Updating_the_country_to_one_in_no_group_clears_a_derived_regional_group()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone", "IT");

        var updated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, CountryCode = "VA" }, "country_code");

        Assert.Equal(RegionalGroup.Unspecified, updated.RegionalGroup);
    }

    [Fact]
    public async Task Updating_the_country_keeps_a_stated_regional_group()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(new Stakeholder
        {
            DisplayName = "Hungarian envoy",
            CountryCode = "HU",
            RegionalGroup = RegionalGroup.WesternEuropeanOthers,
        });

        var updated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, CountryCode = "JP" }, "country_code");

        Assert.Equal("JP", updated.CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, updated.RegionalGroup);
    }

    [Fact]
    public async Task Stating_a_regional_group_by_update_overrides_the_derived_one()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone", "HU");

        var stated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, RegionalGroup = RegionalGroup.WesternEuropeanOthers }, "regional_group");
        var moved = await UpdateAsync(registry, new Stakeholder { Name = created.Name, CountryCode = "BR" }, "country_code");

        Assert.Equal(RegionalGroup.WesternEuropeanOthers, stated.RegionalGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, moved.RegionalGroup);
    }

    [Fact]
    public async Task Updating_the_regional_group_to_unspecified_reverts_to_the_derived_one()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(new Stakeholder
        {
            DisplayName = "Hungarian envoy",
            CountryCode = "HU",
            RegionalGroup = RegionalGroup.WesternEuropeanOthers,
        });

        var reverted = await UpdateAsync(registry, new Stakeholder { Name = created.Name }, "regional_group");
        var moved = await UpdateAsync(registry, new Stakeholder { Name = created.Name, CountryCode = "BR" }, "country_code");

        Assert.Equal(RegionalGroup.EasternEuropean, reverted.RegionalGroup);
        Assert.Equal(RegionalGroup.LatinAmericanCaribbean, moved.RegionalGroup);
    }

    [Fact]
    public async Task Star_update_with_no_regional_group_derives_it_from_the_new_country()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(new Stakeholder
        {
            DisplayName = "Someone",
            CountryCode = "HU",
            RegionalGroup = RegionalGroup.WesternEuropeanOthers,
        });

        var updated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, DisplayName = "Someone", CountryCode = "KE" }, "*");

        Assert.Equal(RegionalGroup.African, updated.RegionalGroup);
    }

    [Fact]
    public async Task Updating_something_else_keeps_the_derived_regional_group()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone", "FI");

        var updated = await UpdateAsync(registry, new Stakeholder { Name = created.Name, Affiliation = "Elsewhere" }, "affiliation");

        Assert.Equal("FI", updated.CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, updated.RegionalGroup);
    }
}
