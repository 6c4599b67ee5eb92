using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>Where each personal field came from: recorded by staff, imported, and what a write changes.</summary>
public sealed class ProvenanceTests
{
    private static Stakeholder Person(string displayName = "Mervi Kultamaa") => new()
    {
        DisplayName = displayName,
        StakeholderGroup = StakeholderGroup.Government,
        CountryCode = "FI",
        Gender = Gender.Woman,
        Attributes = { StakeholderAttribute.Youth },
    };

    private static Task<Stakeholder> FullAsync(TestRegistry registry, string name) =>
        registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full }).ResponseAsync;

    [Fact]
    public async Task A_create_through_the_API_records_the_fields_it_sets_as_recorded_by_staff()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = Person() });

        var full = await FullAsync(registry, created.Name);
        Assert.Equal(DataSource.RecordedByStaff, full.Provenance.Gender.Source);
        Assert.Equal(full.CreateTime, full.Provenance.Gender.Time);
        Assert.Equal(DataSource.RecordedByStaff, full.Provenance.Attributes.Source);
        // Never written: no provenance.
        Assert.Equal(DataSource.Unspecified, full.Provenance.Email.Source);
        Assert.Null(full.Provenance.Email.Time);
        Assert.Equal(DataSource.Unspecified, full.Provenance.PublicationConsent.Source);
    }

    [Fact]
    public async Task An_imported_batch_records_imported_and_an_update_restamps_only_the_fields_it_changes()
    {
        await using var registry = await TestRegistry.StartAsync();
        var batch = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { new CreateStakeholderRequest { Stakeholder = Person() } },
            Source = DataSource.Imported,
        });
        var name = batch.Stakeholders[0].Name;
        Assert.Equal(DataSource.Imported, (await FullAsync(registry, name)).Provenance.Gender.Source);

        var current = await FullAsync(registry, name);
        current.Email = "mervi@example.org";
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = current,
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "*" } },
        });

        var updated = await FullAsync(registry, name);
        Assert.Equal(DataSource.RecordedByStaff, updated.Provenance.Email.Source);
        Assert.Equal(updated.UpdateTime, updated.Provenance.Email.Time);
        // Sent again unchanged: still the import's.
        Assert.Equal(DataSource.Imported, updated.Provenance.Gender.Source);
        Assert.Equal(updated.CreateTime, updated.Provenance.Gender.Time);
        Assert.Equal(DataSource.Imported, updated.Provenance.Attributes.Source);
    }

    [Fact]
    public async Task A_batch_may_not_claim_to_be_self_declared()
    {
        await using var registry = await TestRegistry.StartAsync();
        await RpcAssert.InvalidFieldAsync("source", async () => await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { new CreateStakeholderRequest { Stakeholder = Person() } },
            Source = DataSource.SelfDeclared,
        }));
        var all = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());
        Assert.Empty(all.Stakeholders);
    }

    [Fact]
    public async Task Provenance_and_the_self_description_are_personal_data_and_in_the_export()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = Person();
        person.Gender = Gender.SelfDescribed;
        person.GenderSelfDescription = "genderfluid";
        var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = person });

        var basic = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name });
        Assert.Null(basic.Provenance);
        Assert.Equal("", basic.GenderSelfDescription);

        var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        var seen = await viewer.GetStakeholderAsync(new GetStakeholderRequest { Name = created.Name });
        Assert.Contains("provenance", seen.RedactedFields);
        Assert.Contains("gender_self_description", seen.RedactedFields);

        var export = await registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = created.Name });
        Assert.Equal("genderfluid", export.Stakeholder.GenderSelfDescription);
        Assert.Equal(DataSource.RecordedByStaff, export.Stakeholder.Provenance.Gender.Source);

        var erased = await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = created.Name });
        Assert.Equal("", erased.GenderSelfDescription);
        Assert.Null(erased.Provenance);
    }

    [Fact]
    public async Task A_self_description_needs_the_self_described_gender_and_another_gender_clears_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = Person();
        person.GenderSelfDescription = "agender";
        await RpcAssert.InvalidFieldAsync("stakeholder.gender_self_description", async () =>
            await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = person }));

        person.Gender = Gender.SelfDescribed;
        var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = person });
        Assert.Equal("agender", created.GenderSelfDescription);

        var updated = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = created.Name, Gender = Gender.Declined },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "gender" } },
        });
        Assert.Equal(Gender.Declined, updated.Gender);
        Assert.Equal("", updated.GenderSelfDescription);
    }
}
