using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

public sealed class RestartTests
{
    [Fact]
    public async Task Everything_created_is_found_again_after_a_restart()
    {
        await using var registry = await TestRegistry.StartAsync();
        var organization = await registry.OrganizationAsync("Diplo Foundation");
        var person = await registry.StakeholderAsync(organization: organization.Name);
        var meeting = await registry.MeetingAsync("igf-2012", start: Arrange.Date(2012, 11, 6));
        var session = await registry.SessionAsync(meeting.Name, "ws-85", state: SessionState.Held, organizers: [organization.Name]);
        var seat = await registry.SeatAsync(session.Name, person.Name, ParticipantRole.Moderator, Confirmation.Confirmed);
        var registration = await registry.RegistrationAsync(meeting.Name, person.Name, Attendance.Remote);

        await using var restarted = await registry.RestartAsync();

        Assert.Equal(organization, await restarted.Stakeholders.GetOrganizationAsync(new GetOrganizationRequest { Name = organization.Name }));
        Assert.Equal(person, await restarted.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full }));
        Assert.Equal(meeting, await restarted.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }));
        Assert.Equal(session, await restarted.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
        Assert.Equal(seat, await restarted.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }));
        Assert.Equal(registration, await restarted.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
    }

    [Fact]
    public async Task A_page_token_issued_before_a_restart_works_after_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync("meetings/igf-2012", "ws-1");
        await registry.SessionAsync("meetings/igf-2012", "ws-2");
        var first = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2012", PageSize = 1 });

        await using var restarted = await registry.RestartAsync();
        var second = await restarted.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2012", PageSize = 1, PageToken = first.NextPageToken });

        Assert.Equal(
            ["meetings/igf-2012/sessions/ws-1", "meetings/igf-2012/sessions/ws-2"],
            first.Sessions.Concat(second.Sessions).Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Empty(second.NextPageToken);
    }
}
