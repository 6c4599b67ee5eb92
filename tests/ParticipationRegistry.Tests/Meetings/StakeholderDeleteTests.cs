using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>Deleting a person who sits on panels: history (seats in HELD sessions) is never deleted.</summary>
public sealed class StakeholderDeleteTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Open = "meetings/igf-2012/sessions/ws-86";
    private const string Held = "meetings/igf-2012/sessions/ws-85";

    private static async Task<TestRegistry> StartWithSessionsAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-86", state: SessionState.Scheduled);
        await registry.SessionAsync(Meeting, "ws-85");
        return registry;
    }

    private static Task<Stakeholder> GetAsync(TestRegistry registry, string name) =>
        registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full }).ResponseAsync;

    [Fact]
    public async Task A_stakeholder_without_seats_is_deleted()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name, Etag = person.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => GetAsync(registry, person.Name));
    }

    [Fact]
    public async Task A_stakeholder_with_seats_is_not_deleted_without_force()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();
        var seat = await registry.SeatAsync(Open, person.Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_HAS_SEATS", () => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name }).ResponseAsync);

        Assert.Equal(person, await GetAsync(registry, person.Name));
        Assert.Equal(seat, await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }));
    }

    [Fact]
    public async Task A_stakeholder_with_a_registration_is_not_deleted_without_force()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();
        await registry.RegistrationAsync(Meeting, person.Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_HAS_SEATS", () => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name }).ResponseAsync);

        Assert.Equal(person, await GetAsync(registry, person.Name));
    }

    [Fact]
    public async Task Force_removes_seats_in_sessions_not_held_and_the_person()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();
        var seat = await registry.SeatAsync(Open, person.Name);
        var other = await registry.SeatAsync(Open, (await registry.StakeholderAsync("Avri Doria", countryCode: "US")).Name);

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name, Force = true });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => GetAsync(registry, person.Name));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }).ResponseAsync);
        Assert.Equal(other.Name, Assert.Single(await registry.AllSeatsAsync(Open)).Name);
    }

    [Fact]
    public async Task Force_keeps_a_held_seat_under_an_anonymous_placeholder()
    {
        await using var registry = await StartWithSessionsAsync();
        var ministry = await registry.OrganizationAsync("Ministry for Foreign Affairs of Finland", StakeholderGroup.Government);
        var person = await registry.StakeholderAsync("Mervi Kultamaa", "Counsellor", StakeholderGroup.Government, "FI", ministry.Name);
        var heldSeat = await registry.SeatAsync(Held, person.Name);
        var openSeat = await registry.SeatAsync(Open, person.Name);
        await registry.SetStateAsync(Held, SessionState.Held);

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name, Force = true });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => GetAsync(registry, person.Name));
        Assert.DoesNotContain(
            (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders,
            s => s.Name == person.Name);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = openSeat.Name }).ResponseAsync);
        var kept = await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = heldSeat.Name });
        Assert.Equal(person.Name, kept.Stakeholder);
        Assert.Equal(StakeholderGroup.Government, kept.Snapshot.StakeholderGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, kept.Snapshot.RegionalGroup);
        Assert.Equal("FI", kept.Snapshot.CountryCode);
        Assert.Empty(kept.Snapshot.DisplayName);
        Assert.Empty(kept.Snapshot.Affiliation);
        // A small organisation can name a person: it goes with the rest.
        Assert.Empty(kept.Snapshot.Organization);
    }

    [Fact]
    public async Task The_placeholder_of_an_erased_person_cannot_take_a_new_seat()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();
        await registry.SeatAsync(Held, person.Name);
        await registry.SetStateAsync(Held, SessionState.Held);
        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name, Force = true });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => registry.SeatAsync(Open, person.Name));
    }

    [Fact]
    public async Task Forced_delete_with_a_stale_etag_is_aborted_and_changes_nothing()
    {
        await using var registry = await StartWithSessionsAsync();
        var person = await registry.StakeholderAsync();
        var heldSeat = await registry.SeatAsync(Held, person.Name);
        var openSeat = await registry.SeatAsync(Open, person.Name);
        await registry.SetStateAsync(Held, SessionState.Held);
        var current = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, Affiliation = "IT for Change" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "affiliation" } },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest
        {
            Name = person.Name, Etag = person.Etag, Force = true,
        }).ResponseAsync);

        Assert.Equal(current.Etag, (await GetAsync(registry, person.Name)).Etag);
        Assert.Equal(heldSeat.Snapshot, (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = heldSeat.Name })).Snapshot);
        await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = openSeat.Name });
    }
}
