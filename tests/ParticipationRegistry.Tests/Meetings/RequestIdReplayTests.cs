using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>A create retried with the same request_id returns the first result and creates nothing.</summary>
public sealed class RequestIdReplayTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    [Fact]
    public async Task Replayed_create_meeting_returns_the_same_meeting()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2012, Baku" }, RequestId = Guid.NewGuid().ToString() };

        var first = await registry.Meetings.CreateMeetingAsync(request);
        var replayed = await registry.Meetings.CreateMeetingAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(first.Name, Assert.Single((await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings).Name);
    }

    [Fact]
    public async Task Replayed_create_session_returns_the_same_session()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var request = new CreateSessionRequest { Parent = Meeting, Session = new Session { DisplayName = "Quo Vadis IGF" }, RequestId = Guid.NewGuid().ToString() };

        var first = await registry.Meetings.CreateSessionAsync(request);
        var replayed = await registry.Meetings.CreateSessionAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(first.Name, Assert.Single((await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting })).Sessions).Name);
    }

    [Fact]
    public async Task Replayed_create_participant_returns_the_same_seat()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        var person = await registry.StakeholderAsync();
        var request = new CreateParticipantRequest
        {
            Parent = Session,
            Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker },
            RequestId = Guid.NewGuid().ToString(),
        };

        var first = await registry.Meetings.CreateParticipantAsync(request);
        var replayed = await registry.Meetings.CreateParticipantAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(first.Name, Assert.Single(await registry.AllSeatsAsync(Session)).Name);
    }

    [Fact]
    public async Task Replayed_create_registration_returns_the_same_registration()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var person = await registry.StakeholderAsync();
        var request = new CreateRegistrationRequest
        {
            Parent = Meeting,
            Registration = new Registration { Stakeholder = person.Name, Attendance = Attendance.Remote },
            RequestId = Guid.NewGuid().ToString(),
        };

        var first = await registry.Meetings.CreateRegistrationAsync(request);
        var replayed = await registry.Meetings.CreateRegistrationAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(first.Name, Assert.Single((await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting })).Registrations).Name);
    }

    [Fact]
    public async Task A_request_id_reused_for_a_different_meeting_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2012, Baku" }, RequestId = requestId });

        await RpcAssert.InvalidFieldAsync("request_id", () => registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "IGF 2013, Bali" },
            RequestId = requestId,
        }).ResponseAsync, "REQUEST_ID_REUSED");

        Assert.Single((await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings);
    }

    [Fact]
    public async Task A_request_id_that_is_not_a_uuid_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("request_id", () => registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "IGF 2012, Baku" },
            RequestId = "retry-1",
        }).ResponseAsync);
    }

    [Fact]
    public async Task A_replay_after_a_restart_still_returns_the_first_result()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2012, Baku" }, RequestId = Guid.NewGuid().ToString() };
        var first = await registry.Meetings.CreateMeetingAsync(request);

        await using var restarted = await registry.RestartAsync();
        var replayed = await restarted.Meetings.CreateMeetingAsync(request);

        Assert.Equal(first, replayed);
        Assert.Single((await restarted.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings);
    }
}
