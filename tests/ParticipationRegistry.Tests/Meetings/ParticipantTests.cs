using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>Seats on a panel (Participant).</summary>
public sealed class ParticipantTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    private static async Task<TestRegistry> StartWithSessionAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        return registry;
    }

    [Fact]
    public async Task A_seat_points_at_its_stakeholder_and_defaults_to_invited()
    {
        await using var registry = await StartWithSessionAsync();
        var person = await registry.StakeholderAsync();

        var seat = await registry.SeatAsync(Session, person.Name, ParticipantRole.Speaker);

        Assert.StartsWith($"{Session}/participants/", seat.Name, StringComparison.Ordinal);
        Assert.Equal(person.Name, seat.Stakeholder);
        Assert.Equal(ParticipantRole.Speaker, seat.Role);
        Assert.Equal(Confirmation.Invited, seat.Confirmation);
        Assert.Equal(seat, await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }));
    }

    [Fact]
    public async Task A_seat_for_a_missing_stakeholder_is_not_found()
    {
        await using var registry = await StartWithSessionAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => registry.SeatAsync(Session, "stakeholders/nobody"));

        Assert.Empty(await registry.AllSeatsAsync(Session));
    }

    [Fact]
    public async Task A_seat_in_a_missing_session_is_not_found()
    {
        await using var registry = await StartWithSessionAsync();
        var person = await registry.StakeholderAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.SeatAsync($"{Meeting}/sessions/ws-99", person.Name));
    }

    [Fact]
    public async Task A_seat_without_a_role_is_refused()
    {
        await using var registry = await StartWithSessionAsync();
        var person = await registry.StakeholderAsync();

        await RpcAssert.InvalidFieldAsync("participant.role", () => registry.SeatAsync(Session, person.Name, ParticipantRole.Unspecified));
    }

    [Fact]
    public async Task A_seat_without_a_stakeholder_is_refused()
    {
        await using var registry = await StartWithSessionAsync();

        await RpcAssert.InvalidFieldAsync("participant.stakeholder", () => registry.SeatAsync(Session, ""));
    }

    [Fact]
    public async Task The_same_person_cannot_hold_the_same_role_twice_in_a_session()
    {
        await using var registry = await StartWithSessionAsync();
        var person = await registry.StakeholderAsync();
        await registry.SeatAsync(Session, person.Name, ParticipantRole.Speaker);

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTICIPANT_ALREADY_EXISTS", () => registry.SeatAsync(Session, person.Name, ParticipantRole.Speaker));

        Assert.Single(await registry.AllSeatsAsync(Session));
    }

    [Fact]
    public async Task The_same_person_can_moderate_and_report()
    {
        await using var registry = await StartWithSessionAsync();
        var izumi = await registry.StakeholderAsync("Izumi Aizu", countryCode: "JP");

        await registry.SeatAsync(Session, izumi.Name, ParticipantRole.Moderator);
        await registry.SeatAsync(Session, izumi.Name, ParticipantRole.Rapporteur);

        var seats = await registry.AllSeatsAsync(Session);
        Assert.Equal([ParticipantRole.Moderator, ParticipantRole.Rapporteur], seats.Select(s => s.Role).Order());
        Assert.All(seats, s => Assert.Equal(izumi.Name, s.Stakeholder));
    }

    [Fact]
    public async Task The_same_role_in_another_session_is_a_separate_seat()
    {
        await using var registry = await StartWithSessionAsync();
        await registry.SessionAsync(Meeting, "ws-86");
        var person = await registry.StakeholderAsync();

        await registry.SeatAsync(Session, person.Name, ParticipantRole.Speaker);
        await registry.SeatAsync($"{Meeting}/sessions/ws-86", person.Name, ParticipantRole.Speaker);

        Assert.Equal(2, (await registry.AllSeatsAsync($"{Meeting}/sessions/-")).Count);
    }

    [Fact]
    public async Task List_filters_by_role_and_confirmation()
    {
        await using var registry = await StartWithSessionAsync();
        var izumi = await registry.StakeholderAsync("Izumi Aizu", countryCode: "JP");
        var peter = await registry.StakeholderAsync("Peter Major", countryCode: "HU");
        var mervi = await registry.StakeholderAsync("Mervi Kultamaa", countryCode: "FI");
        var moderator = await registry.SeatAsync(Session, izumi.Name, ParticipantRole.Moderator, Confirmation.Confirmed);
        var confirmedSpeaker = await registry.SeatAsync(Session, peter.Name, ParticipantRole.Speaker, Confirmation.Confirmed);
        var tentativeSpeaker = await registry.SeatAsync(Session, mervi.Name, ParticipantRole.Speaker, Confirmation.Tentative);

        var moderators = await registry.AllSeatsAsync(Session, "role = PARTICIPANT_ROLE_MODERATOR");
        var confirmed = await registry.AllSeatsAsync(Session, "confirmation = CONFIRMATION_CONFIRMED");
        var tentativeSpeakers = await registry.AllSeatsAsync(Session, "role = PARTICIPANT_ROLE_SPEAKER AND confirmation = CONFIRMATION_TENTATIVE");

        Assert.Equal(moderator.Name, Assert.Single(moderators).Name);
        Assert.Equal(new[] { moderator.Name, confirmedSpeaker.Name }.Order(StringComparer.Ordinal), confirmed.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(tentativeSpeaker.Name, Assert.Single(tentativeSpeakers).Name);
    }

    [Theory]
    [InlineData("role = SPEAKER")]
    [InlineData("confirmation = CONFIRMATION_MAYBE")]
    [InlineData("gender = GENDER_WOMAN")]
    public async Task List_with_a_bad_filter_is_refused(string filter)
    {
        await using var registry = await StartWithSessionAsync();

        await RpcAssert.InvalidFieldAsync("filter", () => registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = Session, Filter = filter }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task The_dash_session_lists_seats_across_every_session_of_the_meeting()
    {
        await using var registry = await StartWithSessionAsync();
        await registry.SessionAsync(Meeting, "ws-86");
        await registry.MeetingAsync("igf-2013");
        await registry.SessionAsync("meetings/igf-2013", "ws-1");
        var person = await registry.StakeholderAsync();
        var in85 = await registry.SeatAsync(Session, person.Name);
        var in86 = await registry.SeatAsync($"{Meeting}/sessions/ws-86", person.Name);
        await registry.SeatAsync("meetings/igf-2013/sessions/ws-1", person.Name);

        var seats = await registry.AllSeatsAsync($"{Meeting}/sessions/-");

        Assert.Equal(new[] { in85.Name, in86.Name }.Order(StringComparer.Ordinal), seats.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task List_of_a_missing_session_is_not_found()
    {
        await using var registry = await StartWithSessionAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = $"{Meeting}/sessions/ws-99" }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-1999/sessions/-" }).ResponseAsync);
    }

    [Fact]
    public async Task Update_of_the_confirmation_with_the_current_etag_succeeds()
    {
        await using var registry = await StartWithSessionAsync();
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);

        var updated = await registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Confirmation = Confirmation.Confirmed, Etag = seat.Etag },
            UpdateMask = new FieldMask { Paths = { "confirmation" } },
        });

        Assert.Equal(Confirmation.Confirmed, updated.Confirmation);
        Assert.Equal(ParticipantRole.Speaker, updated.Role);
        Assert.NotEqual(seat.Etag, updated.Etag);
        Assert.Equal(updated, await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_aborted()
    {
        await using var registry = await StartWithSessionAsync();
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);
        await registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Confirmation = Confirmation.Tentative },
            UpdateMask = new FieldMask { Paths = { "confirmation" } },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Confirmation = Confirmation.Declined, Etag = seat.Etag },
            UpdateMask = new FieldMask { Paths = { "confirmation" } },
        }).ResponseAsync);

        Assert.Equal(Confirmation.Tentative, (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name })).Confirmation);
    }

    [Fact]
    public async Task Update_of_the_role_into_one_the_person_already_holds_already_exists()
    {
        await using var registry = await StartWithSessionAsync();
        var izumi = await registry.StakeholderAsync("Izumi Aizu", countryCode: "JP");
        await registry.SeatAsync(Session, izumi.Name, ParticipantRole.Moderator);
        var rapporteur = await registry.SeatAsync(Session, izumi.Name, ParticipantRole.Rapporteur);

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTICIPANT_ALREADY_EXISTS", () => registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = rapporteur.Name, Role = ParticipantRole.Moderator },
            UpdateMask = new FieldMask { Paths = { "role" } },
        }).ResponseAsync);

        Assert.Equal(ParticipantRole.Rapporteur, (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = rapporteur.Name })).Role);
    }

    [Fact]
    public async Task Update_of_the_stakeholder_is_refused()
    {
        await using var registry = await StartWithSessionAsync();
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);
        var other = await registry.StakeholderAsync("Avri Doria", countryCode: "US");

        await RpcAssert.InvalidFieldAsync("update_mask", () => registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Stakeholder = other.Name },
            UpdateMask = new FieldMask { Paths = { "stakeholder" } },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Get_of_a_seat_under_the_wrong_session_is_not_found()
    {
        await using var registry = await StartWithSessionAsync();
        await registry.SessionAsync(Meeting, "ws-86");
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);
        var id = seat.Name.Split('/')[^1];

        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest
        {
            Name = $"{Meeting}/sessions/ws-86/participants/{id}",
        }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_removes_the_seat()
    {
        await using var registry = await StartWithSessionAsync();
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);

        await registry.Meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = seat.Name, Etag = seat.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_under_the_wrong_session_is_not_found_and_keeps_the_seat()
    {
        await using var registry = await StartWithSessionAsync();
        await registry.SessionAsync(Meeting, "ws-86");
        var seat = await registry.SeatAsync(Session, (await registry.StakeholderAsync()).Name);
        var id = seat.Name.Split('/')[^1];

        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.DeleteParticipantAsync(new DeleteParticipantRequest
        {
            Name = $"{Meeting}/sessions/ws-86/participants/{id}",
        }).ResponseAsync);

        await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
    }
}
