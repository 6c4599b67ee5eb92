using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.PermissionAssert;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>Who sees a stakeholder's personal data: the full view, the gender filter, redacted fields and publication consent.</summary>
public sealed class StakeholderDisclosureTests
{
    private static readonly string[] PersonalFields = ["gender", "attributes", "email", "gender_self_description", "provenance"];

    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string displayName = "Anriette Esterhuysen", PublicationConsent consent = PublicationConsent.Unspecified) =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = displayName,
                Affiliation = "APC",
                StakeholderGroup = StakeholderGroup.CivilSociety,
                CountryCode = "ZA",
                Gender = Gender.Woman,
                Attributes = { StakeholderAttribute.PersonWithDisability },
                Email = "anriette@example.org",
                PublicationConsent = consent,
            },
        });

    private static StakeholderService.StakeholderServiceClient As(TestRegistry registry, string? secret) => new(registry.ChannelFor(secret));

    [Fact]
    public async Task A_viewer_asking_for_the_full_view_is_refused_and_an_admin_is_not()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await PersonAsync(registry);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));

        await DeniedAsync("view", async () => await viewer.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full }));
        await DeniedAsync("view", async () => await viewer.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full }));

        var full = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full });
        Assert.Equal(Gender.Woman, full.Gender);
        Assert.Equal("anriette@example.org", full.Email);
        Assert.Empty(full.RedactedFields);
    }

    [Fact]
    public async Task A_viewer_filtering_by_gender_is_refused_and_an_admin_is_not()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await PersonAsync(registry);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));

        await DeniedAsync("filter", async () => await viewer.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "gender = GENDER_WOMAN" }));
        await DeniedAsync("filter", async () => await viewer.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "country_code = \"ZA\" AND gender = GENDER_WOMAN" }));

        var women = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "gender = GENDER_WOMAN", View = StakeholderView.Full });
        Assert.Equal(person.Name, Assert.Single(women.Stakeholders).Name);
    }

    [Fact]
    public async Task A_viewer_reading_a_stakeholder_gets_no_gender_and_is_told_so()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await PersonAsync(registry);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));

        var read = await viewer.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name });
        var listed = Assert.Single((await viewer.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
        var asAdmin = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name });

        foreach (var seen in new[] { read, listed })
        {
            Assert.Equal(Gender.Unspecified, seen.Gender);
            Assert.Empty(seen.Attributes);
            Assert.Equal("", seen.Email);
            Assert.Equal(PersonalFields, seen.RedactedFields);
            Assert.Equal("Anriette Esterhuysen", seen.DisplayName);
        }

        Assert.Empty(asAdmin.RedactedFields);
    }

    [Fact]
    public async Task An_organiser_sees_the_full_view_of_people_on_its_own_panels_only()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2026");
        var own = await registry.SessionAsync(meeting.Name, "own");
        var onPanel = await PersonAsync(registry, "On the panel");
        var elsewhere = await PersonAsync(registry, "Elsewhere");
        await registry.SeatAsync(own.Name, onPanel.Name);
        var organiser = As(registry, await registry.CreateKeyAsync(Role.Organizer, [own.Name]));

        var full = await organiser.GetStakeholderAsync(new GetStakeholderRequest { Name = onPanel.Name, View = StakeholderView.Full });
        var basic = await organiser.GetStakeholderAsync(new GetStakeholderRequest { Name = onPanel.Name });

        Assert.Equal(Gender.Woman, full.Gender);
        Assert.Empty(full.RedactedFields);
        Assert.Empty(basic.RedactedFields);
        await DeniedAsync("view", async () => await organiser.GetStakeholderAsync(new GetStakeholderRequest { Name = elsewhere.Name, View = StakeholderView.Full }));
        await DeniedAsync("view", async () => await organiser.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full }));
        var other = await organiser.GetStakeholderAsync(new GetStakeholderRequest { Name = elsewhere.Name });
        Assert.Equal(PersonalFields, other.RedactedFields);
    }

    [Fact]
    public async Task Publication_consent_is_stored_with_the_time_it_changed_and_validated()
    {
        await using var registry = await TestRegistry.StartAsync();
        var notAsked = await PersonAsync(registry);
        var given = await PersonAsync(registry, "Given", PublicationConsent.Given);

        Assert.Equal(PublicationConsent.Unspecified, notAsked.PublicationConsent);
        Assert.Null(notAsked.PublicationConsentTime);
        Assert.Equal(PublicationConsent.Given, given.PublicationConsent);
        Assert.Equal(given.CreateTime, given.PublicationConsentTime);

        var refused = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = notAsked.Name, PublicationConsent = PublicationConsent.Refused },
            UpdateMask = new FieldMask { Paths = { "publication_consent" } },
        });
        var renamed = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = notAsked.Name, DisplayName = "Renamed" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        Assert.Equal(PublicationConsent.Refused, refused.PublicationConsent);
        Assert.Equal(refused.UpdateTime, refused.PublicationConsentTime);
        Assert.Equal(refused.PublicationConsentTime, renamed.PublicationConsentTime);
        Assert.Equal(PublicationConsent.Refused, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = notAsked.Name })).PublicationConsent);
        await RpcAssert.InvalidFieldAsync("stakeholder.publication_consent", async () => await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = given.Name, PublicationConsent = (PublicationConsent)7 },
            UpdateMask = new FieldMask { Paths = { "publication_consent" } },
        }));
    }

    [Fact]
    public async Task A_viewer_gets_no_name_or_affiliation_of_a_person_who_refused_publication()
    {
        await using var registry = await TestRegistry.StartAsync();
        var refused = await PersonAsync(registry, "Refused", PublicationConsent.Refused);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));

        var seen = await viewer.GetStakeholderAsync(new GetStakeholderRequest { Name = refused.Name });
        var asEditor = await As(registry, await registry.CreateKeyAsync(Role.Editor)).GetStakeholderAsync(new GetStakeholderRequest { Name = refused.Name });

        Assert.Equal("", seen.DisplayName);
        Assert.Equal("", seen.Affiliation);
        Assert.Equal(StakeholderGroup.CivilSociety, seen.StakeholderGroup);
        Assert.Equal([.. PersonalFields, "display_name", "affiliation"], seen.RedactedFields);
        Assert.Equal("Refused", asEditor.DisplayName);
        Assert.Equal("APC", asEditor.Affiliation);
        Assert.Empty(asEditor.RedactedFields);
    }
}
