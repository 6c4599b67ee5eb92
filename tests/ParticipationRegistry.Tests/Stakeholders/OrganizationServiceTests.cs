using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>Organizations: Create, Get, List, Update and Delete through StakeholderService.</summary>
public sealed class OrganizationServiceTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    private static Organization Acme() => new()
    {
        DisplayName = "Association for Progressive Communications",
        StakeholderGroup = StakeholderGroup.CivilSociety,
        CountryCode = "ZA",
    };

    private static Task<Organization> CreateAsync(TestRegistry registry, Organization organization) =>
        registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest { Organization = organization }).ResponseAsync;

    private static Task<Organization> GetAsync(TestRegistry registry, string name) =>
        registry.Stakeholders.GetOrganizationAsync(new GetOrganizationRequest { Name = name }).ResponseAsync;

    private static Task<Organization> UpdateAsync(TestRegistry registry, Organization organization, params string[] paths) =>
        registry.Stakeholders.UpdateOrganizationAsync(new UpdateOrganizationRequest { Organization = organization, UpdateMask = Mask(paths) }).ResponseAsync;

    /// <summary>Refusals write nothing, so they share one registry and compare the list before and after.</summary>
    private async Task AssertCreateRefusedAsync(string field, Organization organization)
    {
        var before = await shared.Registry.Stakeholders.AllOrganizationNamesAsync();

        await RpcAssert.InvalidFieldAsync(field, () => CreateAsync(shared.Registry, organization));

        Assert.Equal(before, await shared.Registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Create_returns_the_organization_under_a_generated_uuid_with_times_and_etag()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await CreateAsync(registry, Acme());

        AssertGeneratedId(created.Name, "organizations", "Association for Progressive Communications");
        Assert.Equal("Association for Progressive Communications", created.DisplayName);
        Assert.Equal(StakeholderGroup.CivilSociety, created.StakeholderGroup);
        Assert.Equal("ZA", created.CountryCode);
        Assert.False(created.Multistakeholder);
        Assert.NotNull(created.CreateTime);
        Assert.Equal(created.CreateTime, created.UpdateTime);
        Assert.False(string.IsNullOrEmpty(created.Etag));
    }

    [Fact]
    public async Task Create_ignores_the_name_the_caller_sends()
    {
        await using var registry = await TestRegistry.StartAsync();
        var sent = Acme();
        sent.Name = "organizations/apc";

        var created = await CreateAsync(registry, sent);

        Assert.NotEqual("organizations/apc", created.Name);
        AssertGeneratedId(created.Name, "organizations", sent.DisplayName);
    }

    [Fact]
    public async Task Multistakeholder_organization_keeps_its_flag()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await CreateAsync(registry, new Organization { DisplayName = "Dynamic Coalition on Child Online Safety", Multistakeholder = true });

        Assert.True(created.Multistakeholder);
        Assert.Equal(StakeholderGroup.Unspecified, created.StakeholderGroup);
        Assert.True((await GetAsync(registry, created.Name)).Multistakeholder);
    }

    [Fact]
    public async Task Lower_case_country_code_is_stored_upper_case()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await CreateAsync(registry, new Organization { DisplayName = "Finnish org", CountryCode = "fi" });

        Assert.Equal("FI", created.CountryCode);
        Assert.Equal("FI", (await GetAsync(registry, created.Name)).CountryCode);
    }

    [Fact]
    public async Task Get_returns_what_create_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        Assert.Equal(created, await GetAsync(registry, created.Name));
    }

    [Fact]
    public async Task Organizations_survive_a_restart()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        await using var restarted = await registry.RestartAsync();

        Assert.Equal(created, await GetAsync(restarted, created.Name));
    }

    [Fact]
    public async Task Get_of_a_missing_organization_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => GetAsync(registry, $"organizations/{Guid.NewGuid()}"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("organizations/")]
    [InlineData("apc")]
    [InlineData("stakeholders/0199a3c4-0000-7000-8000-000000000000")]
    public async Task Get_with_a_malformed_name_is_invalid(string name)
    {
        await RpcAssert.InvalidFieldAsync("name", () => GetAsync(shared.Registry, name));
    }

    [Fact]
    public Task Missing_organization_is_invalid() => AssertCreateRefusedAsync("organization", null!);

    [Fact]
    public Task Missing_display_name_is_invalid() => AssertCreateRefusedAsync("organization.display_name", new Organization { CountryCode = "FI" });

    [Fact]
    public Task Display_name_over_200_characters_is_invalid() =>
        AssertCreateRefusedAsync("organization.display_name", new Organization { DisplayName = new string('o', 201) });

    [Fact]
    public Task Unknown_country_code_is_invalid() =>
        AssertCreateRefusedAsync("organization.country_code", new Organization { DisplayName = "Nowhere Inc", CountryCode = "ZZ" });

    [Fact]
    public Task Undefined_stakeholder_group_number_is_invalid() =>
        AssertCreateRefusedAsync("organization.stakeholder_group", new Organization { DisplayName = "Odd", StakeholderGroup = (StakeholderGroup)9 });

    [Fact]
    public async Task List_walks_every_organization_once_in_display_name_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = new List<Organization>();
        foreach (var name in new[] { "W3C", "ICANN", "ISOC", "Diplo", "APC", "ITU", "ICANN" })
        {
            created.Add(await CreateAsync(registry, new Organization { DisplayName = name }));
        }

        var listed = await registry.Stakeholders.ListAllAsync(new ListOrganizationsRequest { PageSize = 2 });

        Assert.Equal(
            created.OrderBy(o => o.DisplayName, StringComparer.Ordinal).ThenBy(o => o.Name, StringComparer.Ordinal).Select(o => o.Name),
            listed.Select(o => o.Name));
    }

    [Fact]
    public async Task List_by_create_time_desc_walks_every_organization_once_newest_first()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = new List<Organization>();
        foreach (var name in new[] { "Zulu", "Alpha", "Mike", "Bravo", "Alpha" })
        {
            created.Add(await CreateAsync(registry, new Organization { DisplayName = name }));
        }

        var listed = await registry.Stakeholders.ListAllAsync(new ListOrganizationsRequest { PageSize = 2, OrderBy = "create_time desc" });

        var expected = created
            .OrderByDescending(o => o.CreateTime.ToDateTimeOffset())
            .ThenByDescending(o => o.Name, StringComparer.Ordinal)
            .Select(o => o.Name);
        Assert.Equal(expected, listed.Select(o => o.Name));
    }

    [Fact]
    public async Task Negative_page_size_is_invalid()
    {
        await RpcAssert.InvalidFieldAsync("page_size",
            () => shared.Registry.Stakeholders.ListOrganizationsAsync(new ListOrganizationsRequest { PageSize = -5 }).ResponseAsync);
    }

    [Theory]
    [InlineData("multistakeholder = false", "")]
    [InlineData("", "")]
    [InlineData("multistakeholder = true", "display_name desc")]
    public async Task Page_token_reused_with_another_filter_or_order_is_invalid(string filter, string orderBy)
    {
        await using var registry = await TestRegistry.StartAsync();
        await CreateAsync(registry, new Organization { DisplayName = "A", Multistakeholder = true });
        await CreateAsync(registry, new Organization { DisplayName = "B", Multistakeholder = true });
        var token = (await registry.Stakeholders.ListOrganizationsAsync(
            new ListOrganizationsRequest { PageSize = 1, Filter = "multistakeholder = true" })).NextPageToken;

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Stakeholders.ListOrganizationsAsync(
            new ListOrganizationsRequest { PageSize = 1, PageToken = token, Filter = filter, OrderBy = orderBy }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Page_token_of_the_stakeholder_list_is_invalid_for_organizations()
    {
        await using var registry = await TestRegistry.StartAsync();
        await CreateAsync(registry, new Organization { DisplayName = "A" });
        await CreateAsync(registry, new Organization { DisplayName = "B" });
        await registry.Stakeholders.CreateManyAsync(3, i => Person($"Person {i}"));
        var token = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1 })).NextPageToken;

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Stakeholders.ListOrganizationsAsync(
            new ListOrganizationsRequest { PageSize = 1, PageToken = token }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Theory]
    [InlineData("multistakeholder = true", new[] { "Dynamic Coalition", "IGF Support Association" })]
    [InlineData("multistakeholder = false", new[] { "Ministry", "Web Foundation" })]
    [InlineData("stakeholder_group = STAKEHOLDER_GROUP_GOVERNMENT", new[] { "Ministry" })]
    [InlineData("country_code = \"CH\"", new[] { "IGF Support Association", "Web Foundation" })]
    [InlineData("country_code = \"ch\"", new[] { "IGF Support Association", "Web Foundation" })]
    [InlineData("multistakeholder = true AND country_code = \"CH\"", new[] { "IGF Support Association" })]
    public async Task Filter_returns_only_matching_organizations(string filter, string[] expected)
    {
        await using var registry = await TestRegistry.StartAsync();
        await CreateAsync(registry, new Organization { DisplayName = "Dynamic Coalition", Multistakeholder = true });
        await CreateAsync(registry, new Organization { DisplayName = "IGF Support Association", Multistakeholder = true, CountryCode = "CH" });
        await CreateAsync(registry, new Organization { DisplayName = "Ministry", StakeholderGroup = StakeholderGroup.Government, CountryCode = "FI" });
        await CreateAsync(registry, new Organization { DisplayName = "Web Foundation", StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "CH" });

        var listed = await registry.Stakeholders.ListAllAsync(new ListOrganizationsRequest { PageSize = 1, Filter = filter });

        Assert.Equal(expected, listed.Select(o => o.DisplayName));
    }

    [Theory]
    [InlineData("multistakeholder = yes")]
    [InlineData("multistakeholder = 1")]
    [InlineData("stakeholder_group = GOVERNMENT")]
    [InlineData("country_code = \"ZZ\"")]
    [InlineData("regional_group = REGIONAL_GROUP_AFRICAN")]
    [InlineData("display_name = \"APC\"")]
    [InlineData("multistakeholder =")]
    [InlineData("multistakeholder = true OR multistakeholder = false")]
    public async Task Bad_filter_is_invalid(string filter)
    {
        await RpcAssert.InvalidFieldAsync("filter", () => shared.Registry.Stakeholders.ListOrganizationsAsync(
            new ListOrganizationsRequest { Filter = filter }).ResponseAsync, "INVALID_FILTER");
    }

    [Theory]
    [InlineData("multistakeholder")]
    [InlineData("country_code")]
    [InlineData("display_name up")]
    public async Task Order_by_an_unsupported_field_is_invalid(string orderBy)
    {
        await RpcAssert.InvalidFieldAsync("order_by", () => shared.Registry.Stakeholders.ListOrganizationsAsync(
            new ListOrganizationsRequest { OrderBy = orderBy }).ResponseAsync);
    }

    [Fact]
    public async Task Update_with_a_one_path_mask_changes_only_that_field()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        var updated = await UpdateAsync(registry, new Organization { Name = created.Name, Multistakeholder = true, DisplayName = "Ignored" }, "multistakeholder");

        Assert.True(updated.Multistakeholder);
        Assert.Equal(created.DisplayName, updated.DisplayName);
        Assert.Equal(created.CountryCode, updated.CountryCode);
        Assert.Equal(created.StakeholderGroup, updated.StakeholderGroup);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.Equal(updated, await GetAsync(registry, created.Name));
    }

    [Fact]
    public async Task Update_with_star_mask_replaces_every_updatable_field()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        var updated = await UpdateAsync(registry, new Organization { Name = created.Name, DisplayName = "APC" }, "*");

        Assert.Equal("APC", updated.DisplayName);
        Assert.Equal(StakeholderGroup.Unspecified, updated.StakeholderGroup);
        Assert.Equal("", updated.CountryCode);
        Assert.False(updated.Multistakeholder);
    }

    [Fact]
    public async Task Update_with_an_empty_mask_updates_the_fields_that_are_set()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        var updated = await UpdateAsync(registry, new Organization { Name = created.Name, CountryCode = "gb" });

        Assert.Equal("GB", updated.CountryCode);
        Assert.Equal(created.DisplayName, updated.DisplayName);
        Assert.Equal(StakeholderGroup.CivilSociety, updated.StakeholderGroup);
    }

    [Fact]
    public async Task Update_with_a_path_that_is_not_updatable_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        await RpcAssert.InvalidFieldAsync("update_mask",
            () => UpdateAsync(registry, new Organization { Name = created.Name, DisplayName = "X" }, "display_name", "regional_group"));

        Assert.Equal(created, await GetAsync(registry, created.Name));
    }

    [Fact]
    public async Task Update_with_an_unknown_country_is_invalid_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        await RpcAssert.InvalidFieldAsync("organization.country_code",
            () => UpdateAsync(registry, new Organization { Name = created.Name, CountryCode = "ZZ" }, "country_code"));

        Assert.Equal(created, await GetAsync(registry, created.Name));
    }

    [Fact]
    public async Task Update_with_stale_etag_is_aborted_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());
        var current = await UpdateAsync(registry, new Organization { Name = created.Name, DisplayName = "Second", Etag = created.Etag }, "display_name");

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH",
            () => UpdateAsync(registry, new Organization { Name = created.Name, DisplayName = "Third", Etag = created.Etag }, "display_name"));

        Assert.Equal(current, await GetAsync(registry, created.Name));
        Assert.Equal("Second", current.DisplayName);
    }

    [Fact]
    public async Task Update_of_a_missing_organization_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            () => UpdateAsync(registry, new Organization { Name = $"organizations/{Guid.NewGuid()}", DisplayName = "Ghost" }, "display_name"));
    }

    [Fact]
    public async Task Update_with_a_malformed_name_is_invalid()
    {
        await RpcAssert.InvalidFieldAsync("organization.name",
            () => UpdateAsync(shared.Registry, new Organization { Name = "apc", DisplayName = "Ghost" }, "display_name"));
    }

    [Fact]
    public async Task Delete_removes_the_organization_so_get_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());

        await registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = created.Name, Etag = created.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => GetAsync(registry, created.Name));
        Assert.Empty(await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Delete_with_stale_etag_is_aborted_and_keeps_the_organization()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await CreateAsync(registry, Acme());
        var current = await UpdateAsync(registry, new Organization { Name = created.Name, Multistakeholder = true }, "multistakeholder");

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH",
            () => registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = created.Name, Etag = created.Etag }).ResponseAsync);

        Assert.Equal(current, await GetAsync(registry, created.Name));
    }

    [Fact]
    public async Task Delete_of_a_missing_organization_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            () => registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = $"organizations/{Guid.NewGuid()}" }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_with_a_malformed_name_is_invalid()
    {
        await RpcAssert.InvalidFieldAsync("name",
            () => shared.Registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = "organizations" }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_of_an_organization_people_belong_to_is_a_failed_precondition()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await CreateAsync(registry, Acme());
        var member = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "Member", Organization = organization.Name });

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "ORGANIZATION_IN_USE",
            () => registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = organization.Name }).ResponseAsync);

        Assert.Equal(organization, await GetAsync(registry, organization.Name));
        Assert.Equal(organization.Name, (await registry.Stakeholders.GetFullAsync(member.Name)).Organization);
    }

    [Fact]
    public async Task Organization_can_be_deleted_once_nobody_belongs_to_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await CreateAsync(registry, Acme());
        var member = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "Member", Organization = organization.Name });
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = member.Name },
            UpdateMask = Mask("organization"),
        });

        await registry.Stakeholders.DeleteOrganizationAsync(new DeleteOrganizationRequest { Name = organization.Name });

        Assert.Empty(await registry.Stakeholders.AllOrganizationNamesAsync());
    }

    [Fact]
    public async Task Stakeholder_refers_to_its_organization_by_name()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await CreateAsync(registry, Acme());

        var member = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "Member", Organization = organization.Name });

        Assert.Equal(organization.Name, member.Organization);
        Assert.Equal(organization.Name, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = member.Name })).Organization);
    }
}
