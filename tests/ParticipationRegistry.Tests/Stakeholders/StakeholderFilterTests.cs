using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>
/// ListStakeholders filters: <c>field = value</c> terms joined by AND, anything else refused.
/// Every test reads one population, so they share a registry.
/// </summary>
public sealed class StakeholderFilterTests(StakeholderFilterTests.Population population) : IClassFixture<StakeholderFilterTests.Population>
{
    /// <summary>
    /// Eight people over two groups, two countries and two organisations; one states a regional
    /// group other than her country's.
    /// </summary>
    public sealed class Population : IAsyncLifetime
    {
        private readonly RegistryFixture _fixture = new();

        public TestRegistry Registry => _fixture.Registry;

        public Organization Organization { get; private set; } = new();

        public IReadOnlyList<Stakeholder> People { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await _fixture.InitializeAsync();
            var client = Registry.Stakeholders;
            Organization = await client.CreateOrganizationAsync("Internet Society");
            var other = await client.CreateOrganizationAsync("Diplo Foundation");
            People = await client.CreateManyAsync(8, i => new Stakeholder
            {
                DisplayName = $"Person {i}",
                StakeholderGroup = i % 2 == 0 ? StakeholderGroup.Government : StakeholderGroup.CivilSociety,
                CountryCode = i < 4 ? "FI" : "KE",
                RegionalGroup = i == 3 ? RegionalGroup.AsiaPacific : RegionalGroup.Unspecified,
                Organization = i % 4 == 1 ? Organization.Name : i % 4 == 2 ? other.Name : "",
            });
        }

        public Task DisposeAsync() => _fixture.DisposeAsync();
    }

    private TestRegistry Registry => population.Registry;

    private async Task<List<string>> NamesAsync(string filter) =>
        (await Registry.Stakeholders.ListAllAsync(new ListStakeholdersRequest { PageSize = 3, Filter = filter })).Select(s => s.Name).ToList();

    private List<string> Expected(Func<Stakeholder, bool> predicate) =>
        population.People.Where(predicate).OrderBy(s => s.DisplayName, StringComparer.Ordinal).Select(s => s.Name).ToList();

    [Fact]
    public async Task Filter_by_stakeholder_group_returns_only_that_group()
    {
        var names = await NamesAsync("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT");

        Assert.Equal(Expected(s => s.StakeholderGroup == StakeholderGroup.Government), names);
        Assert.Equal(4, names.Count);
    }

    [Fact]
    public async Task Filter_by_regional_group_returns_only_that_group()
    {
        var names = await NamesAsync("regional_group = REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS");

        Assert.Equal(Expected(s => s.RegionalGroup == RegionalGroup.WesternEuropeanOthers), names);
        Assert.Equal(3, names.Count);
    }

    [Theory]
    [InlineData("country_code = \"FI\"")]
    [InlineData("country_code = 'FI'")]
    [InlineData("country_code = \"fi\"")]
    [InlineData("country_code=\"FI\"")]
    public async Task Filter_by_country_code_returns_only_that_country(string filter)
    {
        var names = await NamesAsync(filter);

        Assert.Equal(Expected(s => s.CountryCode == "FI"), names);
        Assert.Equal(4, names.Count);
    }

    [Fact]
    public async Task Filter_by_organization_returns_only_its_members()
    {
        var names = await NamesAsync($"organization = \"{population.Organization.Name}\"");

        Assert.Equal(Expected(s => s.Organization == population.Organization.Name), names);
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public async Task Filter_terms_joined_by_and_must_all_hold()
    {
        var names = await NamesAsync(
            "stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY AND country_code = \"FI\" AND regional_group = REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS");

        var expected = Expected(s =>
            s.StakeholderGroup == StakeholderGroup.CivilSociety && s.CountryCode == "FI" && s.RegionalGroup == RegionalGroup.WesternEuropeanOthers);
        Assert.Equal(expected, names);
        Assert.Single(names);
    }

    [Fact]
    public async Task Filter_by_organization_and_country_combines()
    {
        var names = await NamesAsync($"organization = {population.Organization.Name} AND country_code = \"KE\"");

        Assert.Equal(Expected(s => s.Organization == population.Organization.Name && s.CountryCode == "KE"), names);
        Assert.Single(names);
    }

    [Fact]
    public async Task Filter_matching_nobody_returns_an_empty_list()
    {
        var page = await Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "country_code = \"JP\"" });

        Assert.Empty(page.Stakeholders);
        Assert.Equal("", page.NextPageToken);
    }

    [Theory]
    [InlineData("display_name = \"Person 1\"")]
    [InlineData("email = \"a@example.org\"")]
    [InlineData("name = \"stakeholders/x\"")]
    [InlineData("Stakeholder_Group = STAKEHOLDER_GROUP_GOVERNMENT")]
    [InlineData("stakeholder.stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT")]
    public async Task Filter_on_an_unknown_field_is_invalid(string filter)
    {
        await AssertInvalidFilterAsync(filter);
    }

    [Fact]
    public async Task The_unspecified_value_filters_for_not_recorded()
    {
        await using var registry = await TestRegistry.StartAsync();
        var unassigned = await registry.Stakeholders.CreateAsync("Holy See envoy", "VA");
        await registry.Stakeholders.CreateAsync("Finnish envoy", "FI");

        var names = await registry.Stakeholders.AllNamesAsync("regional_group = REGIONAL_GROUP_UNSPECIFIED");

        Assert.Equal([unassigned.Name], names);
    }

    [Theory]
    [InlineData("stakeholder_group = GOVERNMENT")]
    [InlineData("stakeholder_group = 1")]
    [InlineData("stakeholder_group = stakeholder_group_government")]
    [InlineData("regional_group = STAKEHOLDER_GROUP_GOVERNMENT")]
    [InlineData("regional_group = WEOG")]
    [InlineData("country_code = \"ZZ\"")]
    [InlineData("country_code = \"FIN\"")]
    [InlineData("country_code = \"FI' OR 1=1 --\"")]
    [InlineData("organization = \"Internet Society\"")]
    [InlineData("organization = \"stakeholders/abc\"")]
    public async Task Filter_with_a_bad_value_is_invalid(string filter)
    {
        await AssertInvalidFilterAsync(filter);
    }

    [Theory]
    [InlineData("stakeholder_group =")]
    [InlineData("x OR y")]
    [InlineData("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT OR stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY")]
    [InlineData("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT and country_code = \"FI\"")]
    [InlineData("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT AND")]
    [InlineData("AND")]
    [InlineData("stakeholder_group STAKEHOLDER_GROUP_GOVERNMENT")]
    [InlineData("stakeholder_group != STAKEHOLDER_GROUP_GOVERNMENT")]
    [InlineData("NOT stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT")]
    [InlineData("(stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT)")]
    [InlineData("country_code = \"FI")]
    [InlineData("country_code : \"FI\"")]
    public async Task Malformed_filter_is_invalid(string filter)
    {
        await AssertInvalidFilterAsync(filter);
    }

    private async Task AssertInvalidFilterAsync(string filter) =>
        await RpcAssert.InvalidFieldAsync("filter", () => Registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { Filter = filter }).ResponseAsync, "INVALID_FILTER");
}
