using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>
/// Gender, email and attributes are personal data: reads return them only in
/// STAKEHOLDER_VIEW_FULL, writes answer with the full resource, and clearing them erases them.
/// </summary>
public sealed class PersonalDataTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    private static void AssertNoPersonalData(Stakeholder stakeholder)
    {
        Assert.Equal(Gender.Unspecified, stakeholder.Gender);
        Assert.Equal("", stakeholder.Email);
        Assert.Empty(stakeholder.Attributes);
    }

    private static void AssertPersonalData(Stakeholder stakeholder)
    {
        Assert.Equal(Gender.Woman, stakeholder.Gender);
        Assert.Equal("anriette@example.org", stakeholder.Email);
        Assert.Equal([StakeholderAttribute.Academia, StakeholderAttribute.PersonWithDisability], stakeholder.Attributes);
    }

    [Fact]
    public async Task Create_answers_with_the_personal_data()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        AssertPersonalData(created);
    }

    [Theory]
    [InlineData(StakeholderView.Unspecified)]
    [InlineData(StakeholderView.Basic)]
    public async Task Get_in_the_default_or_basic_view_omits_personal_data(StakeholderView view)
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var fetched = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name, View = view });

        AssertNoPersonalData(fetched);
        Assert.Equal(created.DisplayName, fetched.DisplayName);
        Assert.Equal(created.Affiliation, fetched.Affiliation);
        Assert.Equal(created.Etag, fetched.Etag);
    }

    [Fact]
    public async Task Get_in_the_full_view_returns_personal_data()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var fetched = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name, View = StakeholderView.Full });

        AssertPersonalData(fetched);
    }

    [Theory]
    [InlineData(StakeholderView.Unspecified)]
    [InlineData(StakeholderView.Basic)]
    public async Task List_in_the_default_or_basic_view_omits_personal_data(StakeholderView view)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateAsync(FullPerson());

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = view });

        var listed = Assert.Single(page.Stakeholders);
        AssertNoPersonalData(listed);
        Assert.Equal("Anriette Esterhuysen", listed.DisplayName);
    }

    [Fact]
    public async Task List_in_the_full_view_returns_personal_data()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateAsync(FullPerson());

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full });

        AssertPersonalData(Assert.Single(page.Stakeholders));
    }

    [Fact]
    public async Task List_with_an_undefined_view_is_invalid()
    {
        await RpcAssert.InvalidFieldAsync("view",
            () => shared.Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = (StakeholderView)3 }).ResponseAsync);
    }

    [Fact]
    public async Task Update_answers_with_the_personal_data()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Affiliation = "Board member" },
            UpdateMask = Mask("affiliation"),
        });

        AssertPersonalData(updated);
    }

    [Theory]
    [InlineData(StakeholderView.Unspecified)]
    [InlineData(StakeholderView.Basic)]
    public async Task Filtering_by_gender_without_the_full_view_is_an_invalid_filter(StakeholderView view)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Stakeholders.CreateAsync(FullPerson());

        await RpcAssert.InvalidFieldAsync("filter", () => registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { Filter = "gender = GENDER_WOMAN", View = view }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task Filtering_by_gender_in_the_full_view_returns_only_that_gender()
    {
        await using var registry = await TestRegistry.StartAsync();
        var woman = await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "A", Gender = Gender.Woman });
        await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "B", Gender = Gender.Man });
        await registry.Stakeholders.CreateAsync(new Stakeholder { DisplayName = "C" });

        var page = await registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { Filter = "gender = GENDER_WOMAN", View = StakeholderView.Full });

        Assert.Equal([woman.Name], page.Stakeholders.Select(s => s.Name));
    }

    [Fact]
    public async Task Filtering_by_an_unknown_gender_is_an_invalid_filter()
    {
        await RpcAssert.InvalidFieldAsync("filter", () => shared.Registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { Filter = "gender = FEMALE", View = StakeholderView.Full }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task Clearing_gender_email_and_attributes_erases_them()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name },
            UpdateMask = Mask("gender", "email", "attributes"),
        });

        AssertNoPersonalData(updated);
        AssertNoPersonalData(await registry.Stakeholders.GetFullAsync(created.Name));
        Assert.Equal(created.DisplayName, updated.DisplayName);
        Assert.Empty((await registry.Stakeholders.ListStakeholdersAsync(
            new ListStakeholdersRequest { Filter = "gender = GENDER_WOMAN", View = StakeholderView.Full })).Stakeholders);
    }

    [Fact]
    public async Task Personal_data_can_be_changed_field_by_field()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Gender = Gender.Declined, Attributes = { StakeholderAttribute.Youth } },
            UpdateMask = Mask("gender", "attributes"),
        });

        Assert.Equal(Gender.Declined, updated.Gender);
        Assert.Equal([StakeholderAttribute.Youth], updated.Attributes);
        Assert.Equal("anriette@example.org", updated.Email);
    }
}
