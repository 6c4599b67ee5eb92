using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.PermissionAssert;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>
/// Who a seat or registration names: callers without personal-data rights see names only on the
/// published programme (SCHEDULED or HELD sessions) of people who did not refuse publication.
/// </summary>
public sealed class SeatDisclosureTests
{
    private static readonly string[] HolderFields = ["stakeholder", "snapshot.display_name", "snapshot.country_code", "snapshot.affiliation", "snapshot.organization"];

    private sealed record Programme(TestRegistry Registry, Session Proposed, Session Scheduled, Participant ProposedSeat, Participant GivenSeat, Participant RefusedSeat, Participant NotAskedSeat);

    /// <summary>A proposed session with one seat; a scheduled one with people who gave, refused and were not asked for consent.</summary>
    private static async Task<Programme> ProgrammeAsync(TestRegistry registry)
    {
        var meeting = await registry.MeetingAsync("igf-2026");
        var organization = await registry.OrganizationAsync();
        var proposed = await registry.SessionAsync(meeting.Name, "proposed", state: SessionState.Proposed);
        var scheduled = await registry.SessionAsync(meeting.Name, "scheduled", state: SessionState.Scheduled);
        var given = await PersonAsync(registry, "Given", PublicationConsent.Given, organization.Name);
        var refused = await PersonAsync(registry, "Refused", PublicationConsent.Refused, organization.Name);
        var notAsked = await PersonAsync(registry, "Not asked", PublicationConsent.Unspecified, organization.Name);
        return new Programme(
            registry,
            proposed,
            scheduled,
            await registry.SeatAsync(proposed.Name, given.Name),
            await registry.SeatAsync(scheduled.Name, given.Name),
            await registry.SeatAsync(scheduled.Name, refused.Name),
            await registry.SeatAsync(scheduled.Name, notAsked.Name));
    }

    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string name, PublicationConsent consent, string organization) =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = name, Affiliation = $"{name}'s affiliation", Organization = organization, StakeholderGroup = StakeholderGroup.Government,
                CountryCode = "BR", PublicationConsent = consent,
            },
        });

    private static async Task<(Programme, MeetingService.MeetingServiceClient)> ProgrammeAndClientAsync(TestRegistry registry, Role role) =>
        (await ProgrammeAsync(registry), As(registry, await registry.CreateKeyAsync(role)));

    private static MeetingService.MeetingServiceClient As(TestRegistry registry, string? secret) => new(registry.ChannelFor(secret));

    private static void AssertUnnamed(Participant seat, string placeholder = "a panellist")
    {
        Assert.Equal(placeholder, seat.Snapshot.DisplayName);
        Assert.Equal("", seat.Snapshot.Affiliation);
        Assert.Equal("", seat.Snapshot.Organization);
        Assert.Equal("", seat.Snapshot.CountryCode);
        Assert.Equal("", seat.Stakeholder);
        Assert.Equal(StakeholderGroup.Government, seat.Snapshot.StakeholderGroup);
        Assert.Equal(RegionalGroup.LatinAmericanCaribbean, seat.Snapshot.RegionalGroup);
        Assert.Equal(HolderFields, seat.RedactedFields);
    }

    private static void AssertNamed(Participant seat, Participant asCreated)
    {
        Assert.Equal(asCreated.Snapshot, seat.Snapshot);
        Assert.Equal(asCreated.Stakeholder, seat.Stakeholder);
        Assert.Empty(seat.RedactedFields);
    }

    [Fact]
    public async Task A_viewer_sees_names_only_on_published_seats_of_people_who_did_not_refuse()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (programme, viewer) = await ProgrammeAndClientAsync(registry, Role.Viewer);

        AssertUnnamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.ProposedSeat.Name }));
        AssertUnnamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.RefusedSeat.Name }));
        AssertNamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.GivenSeat.Name }), programme.GivenSeat);
        AssertNamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.NotAskedSeat.Name }), programme.NotAskedSeat);

        var listed = (await viewer.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2026/sessions/-" })).Participants.ToDictionary(p => p.Name);
        AssertUnnamed(listed[programme.ProposedSeat.Name]);
        AssertUnnamed(listed[programme.RefusedSeat.Name]);
        AssertNamed(listed[programme.GivenSeat.Name], programme.GivenSeat);
        AssertNamed(listed[programme.NotAskedSeat.Name], programme.NotAskedSeat);
    }

    [Fact]
    public async Task An_editor_sees_every_seat_as_before()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (programme, editor) = await ProgrammeAndClientAsync(registry, Role.Editor);

        AssertNamed(await editor.GetParticipantAsync(new GetParticipantRequest { Name = programme.ProposedSeat.Name }), programme.ProposedSeat);
        AssertNamed(await editor.GetParticipantAsync(new GetParticipantRequest { Name = programme.RefusedSeat.Name }), programme.RefusedSeat);
        var listed = await editor.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2026/sessions/-" });
        Assert.All(listed.Participants, p => Assert.Empty(p.RedactedFields));
    }

    [Fact]
    public async Task Scheduling_the_session_publishes_its_seats_and_refusing_consent_hides_them_again()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (programme, viewer) = await ProgrammeAndClientAsync(registry, Role.Viewer);

        await registry.SetStateAsync(programme.Proposed.Name, SessionState.Held);
        AssertNamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.ProposedSeat.Name }), programme.ProposedSeat);

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = programme.GivenSeat.Stakeholder, PublicationConsent = PublicationConsent.Refused },
            UpdateMask = new FieldMask { Paths = { "publication_consent" } },
        });
        AssertUnnamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.ProposedSeat.Name }));
        AssertUnnamed(await viewer.GetParticipantAsync(new GetParticipantRequest { Name = programme.GivenSeat.Name }));
    }

    [Fact]
    public async Task An_organiser_sees_the_names_on_its_own_proposed_panel_and_no_other()
    {
        await using var registry = await TestRegistry.StartAsync();
        var programme = await ProgrammeAsync(registry);
        var other = await registry.SessionAsync("meetings/igf-2026", "other", state: SessionState.Proposed);
        var otherSeat = await registry.SeatAsync(other.Name, programme.GivenSeat.Stakeholder);
        var organiser = As(registry, await registry.CreateKeyAsync(Role.Organizer, [programme.Proposed.Name]));

        AssertNamed(await organiser.GetParticipantAsync(new GetParticipantRequest { Name = programme.ProposedSeat.Name }), programme.ProposedSeat);
        AssertUnnamed(await organiser.GetParticipantAsync(new GetParticipantRequest { Name = otherSeat.Name }));
        AssertUnnamed(await organiser.GetParticipantAsync(new GetParticipantRequest { Name = programme.RefusedSeat.Name }));
    }

    [Fact]
    public async Task Registrations_name_nobody_to_a_viewer_and_everybody_to_an_editor()
    {
        await using var registry = await TestRegistry.StartAsync();
        var programme = await ProgrammeAsync(registry);
        var registration = await registry.RegistrationAsync("meetings/igf-2026", programme.GivenSeat.Stakeholder);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));
        var editor = As(registry, await registry.CreateKeyAsync(Role.Editor));

        var seen = await viewer.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name });
        var listed = Assert.Single((await viewer.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/igf-2026" })).Registrations);
        var asEditor = await editor.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name });

        foreach (var hidden in new[] { seen, listed })
        {
            Assert.Equal("a registrant", hidden.Snapshot.DisplayName);
            Assert.Equal("", hidden.Snapshot.Affiliation);
            Assert.Equal("", hidden.Stakeholder);
            Assert.Equal(StakeholderGroup.Government, hidden.Snapshot.StakeholderGroup);
            Assert.Equal(HolderFields, hidden.RedactedFields);
        }

        Assert.Equal(registration.Snapshot, asEditor.Snapshot);
        Assert.Empty(asEditor.RedactedFields);
    }

    [Fact]
    public async Task A_viewer_may_not_find_a_persons_seats_or_registrations_by_filtering_on_them()
    {
        await using var registry = await TestRegistry.StartAsync();
        var (programme, viewer) = await ProgrammeAndClientAsync(registry, Role.Viewer);
        var filter = $"stakeholder = \"{programme.ProposedSeat.Stakeholder}\"";

        await DeniedAsync("filter", async () => await viewer.ListParticipantsAsync(new ListParticipantsRequest { Parent = programme.Proposed.Name, Filter = filter }));
        await DeniedAsync("filter", async () => await viewer.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/igf-2026", Filter = filter }));
        var asAdmin = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = programme.Proposed.Name, Filter = filter });
        Assert.Equal(programme.ProposedSeat.Name, Assert.Single(asAdmin.Participants).Name);
    }
}
