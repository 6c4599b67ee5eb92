using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.StakeholderData;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>Create, Get, List, Update and Delete of stakeholders, through the gRPC pipeline.</summary>
public sealed class StakeholderServiceTests(RegistryFixture shared) : IClassFixture<RegistryFixture>
{
    [Fact]
    public async Task Create_returns_the_stakeholder_under_a_generated_uuid_with_times_and_etag()
    {
        await using var registry = await TestRegistry.StartAsync();
        var sent = FullPerson("Parminder Jeet Singh");

        var created = await registry.Stakeholders.CreateAsync(sent);

        AssertGeneratedId(created.Name, "stakeholders", "Parminder Jeet Singh");
        Assert.Equal("Parminder Jeet Singh", created.DisplayName);
        Assert.Equal(sent.Affiliation, created.Affiliation);
        Assert.Equal(StakeholderGroup.CivilSociety, created.StakeholderGroup);
        Assert.Equal("ZA", created.CountryCode);
        Assert.NotNull(created.CreateTime);
        Assert.Equal(created.CreateTime, created.UpdateTime);
        Assert.False(string.IsNullOrEmpty(created.Etag));
    }

    [Fact]
    public async Task Create_ignores_the_name_times_and_etag_the_caller_sends()
    {
        await using var registry = await TestRegistry.StartAsync();
        var sent = Person("Chosen Name");
        sent.Name = "stakeholders/chosen-name";
        sent.CreateTime = Timestamp.FromDateTimeOffset(new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero));
        sent.UpdateTime = sent.CreateTime;
        sent.Etag = "\"42\"";

        var created = await registry.Stakeholders.CreateAsync(sent);

        Assert.NotEqual("stakeholders/chosen-name", created.Name);
        AssertGeneratedId(created.Name, "stakeholders", "Chosen Name");
        Assert.True(created.CreateTime.ToDateTimeOffset().Year > 2001);
        Assert.NotEqual("\"42\"", created.Etag);
    }

    [Fact]
    public async Task Create_with_an_unknown_country_is_invalid_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("stakeholder.country_code",
            () => registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = Person("Someone", "ZZ") }).ResponseAsync);

        Assert.Empty((await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
    }

    [Fact]
    public async Task Two_people_with_the_same_name_get_different_ids()
    {
        await using var registry = await TestRegistry.StartAsync();

        var first = await registry.Stakeholders.CreateAsync("Maria Garcia");
        var second = await registry.Stakeholders.CreateAsync("Maria Garcia");

        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(2, (await registry.Stakeholders.AllNamesAsync()).Count);
    }

    [Fact]
    public async Task Get_returns_what_create_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson());

        var fetched = await registry.Stakeholders.GetFullAsync(created.Name);

        Assert.Equal(created, fetched);
    }

    [Fact]
    public async Task List_returns_the_created_stakeholders_in_display_name_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        var zed = await registry.Stakeholders.CreateAsync("Zed");
        var amy = await registry.Stakeholders.CreateAsync("Amy");

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());

        Assert.Equal([amy.Name, zed.Name], page.Stakeholders.Select(s => s.Name));
        Assert.Equal("", page.NextPageToken);
    }

    [Fact]
    public async Task Get_of_a_missing_stakeholder_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var name = $"stakeholders/{Guid.NewGuid()}";

        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND",
            () => registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name }).ResponseAsync);

        Assert.Equal(name, status.GetDetail<ErrorInfo>().Metadata["resource"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stakeholders/")]
    [InlineData("people/0199a3c4-0000-7000-8000-000000000000")]
    [InlineData("stakeholders/a/b")]
    [InlineData("organizations/0199a3c4-0000-7000-8000-000000000000")]
    public async Task Get_with_a_malformed_name_is_invalid(string name)
    {
        await RpcAssert.InvalidFieldAsync("name",
            () => shared.Registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name }).ResponseAsync);
    }

    [Fact]
    public async Task Get_with_an_undefined_view_is_invalid()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone");

        await RpcAssert.InvalidFieldAsync("view",
            () => registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name, View = (StakeholderView)7 }).ResponseAsync);
    }

    [Fact]
    public async Task Update_changes_the_etag_and_update_time_but_not_the_create_time()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Before");

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "After" },
            UpdateMask = Mask("display_name"),
        });

        Assert.Equal(created.Name, updated.Name);
        Assert.Equal("After", updated.DisplayName);
        Assert.NotEqual(created.Etag, updated.Etag);
        Assert.Equal(created.CreateTime, updated.CreateTime);
        Assert.True(updated.UpdateTime.ToDateTimeOffset() >= created.UpdateTime.ToDateTimeOffset());
        Assert.Equal(updated, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_with_a_one_path_mask_changes_only_that_field()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson("Old Name"));

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "New Name", Affiliation = "", CountryCode = "FI" },
            UpdateMask = Mask("display_name"),
        });

        Assert.Equal("New Name", updated.DisplayName);
        var expected = created.Clone();
        expected.DisplayName = "New Name";
        expected.UpdateTime = updated.UpdateTime;
        expected.Etag = updated.Etag;
        Assert.Equal(expected, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_with_star_mask_replaces_every_updatable_field()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync("APC");
        var sent = FullPerson();
        sent.Organization = organization.Name;
        var created = await registry.Stakeholders.CreateAsync(sent);

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Only A Name" },
            UpdateMask = Mask("*"),
        });

        var expected = new Stakeholder
        {
            Name = created.Name,
            DisplayName = "Only A Name",
            CreateTime = created.CreateTime,
            UpdateTime = updated.UpdateTime,
            Etag = updated.Etag,
            // Cleared by this write: the personal fields it emptied are now recorded by staff.
            Provenance = new PersonalDataProvenance
            {
                Gender = new FieldProvenance { Source = DataSource.RecordedByStaff, Time = updated.UpdateTime },
                Attributes = new FieldProvenance { Source = DataSource.RecordedByStaff, Time = updated.UpdateTime },
                PublicationConsent = new FieldProvenance(),
                Email = new FieldProvenance { Source = DataSource.RecordedByStaff, Time = updated.UpdateTime },
            },
        };
        Assert.Equal(expected, updated);
        Assert.Equal(expected, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_with_an_empty_mask_updates_the_fields_that_are_set()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync(FullPerson("Kept Name"));

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Affiliation = "New affiliation", StakeholderGroup = StakeholderGroup.Government },
        });

        Assert.Equal("New affiliation", updated.Affiliation);
        Assert.Equal(StakeholderGroup.Government, updated.StakeholderGroup);
        Assert.Equal("Kept Name", updated.DisplayName);
        Assert.Equal("ZA", updated.CountryCode);
        Assert.Equal(Gender.Woman, updated.Gender);
        Assert.Equal("anriette@example.org", updated.Email);
        Assert.Equal(created.Attributes, updated.Attributes);
    }

    [Theory]
    [InlineData("nickname")]
    [InlineData("name")]
    [InlineData("create_time")]
    [InlineData("etag")]
    public async Task Update_with_a_path_that_is_not_updatable_is_invalid_and_changes_nothing(string path)
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Unchanged");

        await RpcAssert.InvalidFieldAsync("update_mask", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Changed" },
            UpdateMask = Mask("display_name", path),
        }).ResponseAsync);

        Assert.Equal(created, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_with_stale_etag_is_aborted_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("First");
        var current = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Second", Etag = created.Etag },
            UpdateMask = Mask("display_name"),
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Third", Etag = created.Etag },
            UpdateMask = Mask("display_name"),
        }).ResponseAsync);

        Assert.Equal(current, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Concurrent_updates_with_one_etag_let_exactly_one_win()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Contested");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                return (await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { Name = created.Name, DisplayName = $"Writer {i}", Etag = created.Etag },
                    UpdateMask = Mask("display_name"),
                })).DisplayName;
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Aborted)
            {
                return null;
            }
        }));

        var winner = Assert.Single(outcomes.OfType<string>());
        Assert.Equal(winner, (await registry.Stakeholders.GetFullAsync(created.Name)).DisplayName);
    }

    [Fact]
    public async Task Update_with_the_current_etag_succeeds()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("First");

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, DisplayName = "Second", Etag = created.Etag },
            UpdateMask = Mask("display_name"),
        });

        Assert.Equal("Second", updated.DisplayName);
        Assert.NotEqual(created.Etag, updated.Etag);
    }

    [Fact]
    public async Task Update_of_a_missing_stakeholder_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = $"stakeholders/{Guid.NewGuid()}", DisplayName = "Nobody" },
            UpdateMask = Mask("display_name"),
        }).ResponseAsync);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Nobody")]
    [InlineData("stakeholders/")]
    [InlineData("organizations/0199a3c4-0000-7000-8000-000000000000")]
    public async Task Update_with_a_malformed_name_is_invalid(string name)
    {
        await RpcAssert.InvalidFieldAsync("stakeholder.name", () => shared.Registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = name, DisplayName = "Nobody" },
            UpdateMask = Mask("display_name"),
        }).ResponseAsync);
    }

    [Fact]
    public async Task Update_that_clears_the_display_name_is_invalid_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Has A Name");

        await RpcAssert.InvalidFieldAsync("stakeholder.display_name", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name },
            UpdateMask = Mask("display_name"),
        }).ResponseAsync);

        Assert.Equal(created, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_with_an_unknown_country_is_invalid_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone", "FI");

        await RpcAssert.InvalidFieldAsync("stakeholder.country_code", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, CountryCode = "ZZ" },
            UpdateMask = Mask("country_code"),
        }).ResponseAsync);

        Assert.Equal(created, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_to_a_missing_organization_is_not_found_and_changes_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Someone");

        await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Organization = $"organizations/{Guid.NewGuid()}" },
            UpdateMask = Mask("organization"),
        }).ResponseAsync);

        Assert.Equal(created, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Update_can_set_and_clear_the_organization()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.Stakeholders.CreateOrganizationAsync("IT for Change");
        var created = await registry.Stakeholders.CreateAsync("Someone");

        var joined = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Organization = organization.Name },
            UpdateMask = Mask("organization"),
        });
        var left = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name },
            UpdateMask = Mask("organization"),
        });

        Assert.Equal(organization.Name, joined.Organization);
        Assert.Equal("", left.Organization);
        Assert.Equal("", (await registry.Stakeholders.GetFullAsync(created.Name)).Organization);
    }

    [Fact]
    public async Task Delete_removes_the_stakeholder_so_get_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Leaving");

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created.Name });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND",
            () => registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name }).ResponseAsync);
        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Delete_with_the_current_etag_succeeds()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Leaving");

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created.Name, Etag = created.Etag });

        Assert.Empty(await registry.Stakeholders.AllNamesAsync());
    }

    [Fact]
    public async Task Delete_with_stale_etag_is_aborted_and_keeps_the_stakeholder()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Staying");
        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Affiliation = "Changed since" },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH",
            () => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created.Name, Etag = created.Etag }).ResponseAsync);

        Assert.Equal(updated, await registry.Stakeholders.GetFullAsync(created.Name));
    }

    [Fact]
    public async Task Delete_of_a_missing_stakeholder_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateAsync("Once");
        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created.Name });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND",
            () => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = created.Name }).ResponseAsync);
    }

    [Theory]
    [InlineData("")]
    [InlineData("stakeholders")]
    [InlineData("stakeholders/a/b")]
    public async Task Delete_with_a_malformed_name_is_invalid(string name)
    {
        await RpcAssert.InvalidFieldAsync("name",
            () => shared.Registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = name }).ResponseAsync);
    }

    [Fact]
    public async Task Stakeholders_survive_a_restart()
    {
        await using var first = await TestRegistry.StartAsync();
        var created = await first.Stakeholders.CreateAsync(FullPerson());

        await using var second = await first.RestartAsync();

        Assert.Equal(created, await second.Stakeholders.GetFullAsync(created.Name));
    }
}
