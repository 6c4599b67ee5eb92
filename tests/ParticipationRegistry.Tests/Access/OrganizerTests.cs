using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>An organiser key manages its own sessions (and proposals it makes in its meetings), and nothing else.</summary>
public sealed class OrganizerTests : IAsyncLifetime
{
    private TestRegistry registry = null!;
    private Session own = null!;
    private Session other = null!;
    private Session elsewhere = null!;
    private Stakeholder speaker = null!;
    private Stakeholder moderator = null!;
    private Participant otherSeat = null!;
    private string organizerKey = "";
    private MeetingService.MeetingServiceClient meetings = null!;

    public async Task InitializeAsync()
    {
        registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var notNamed = await registry.MeetingAsync("igf-2013", "IGF 2013, Bali");
        own = await registry.SessionAsync(meeting.Name, "ws-85");
        other = await registry.SessionAsync(meeting.Name, "ws-86");
        elsewhere = await registry.SessionAsync(notNamed.Name, "ws-1");
        speaker = await registry.StakeholderAsync();
        moderator = await registry.StakeholderAsync("Anriette Esterhuysen", "APC", countryCode: "ZA");
        otherSeat = await registry.SeatAsync(other.Name, speaker.Name);
        organizerKey = await registry.CreateKeyAsync(Role.Organizer, [own.Name], [meeting.Name]);
        meetings = new MeetingService.MeetingServiceClient(registry.ChannelFor(organizerKey));
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task It_edits_its_own_session_its_seats_and_asks_for_suggestions()
    {
        var renamed = await meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = own.Name, DisplayName = "Quo Vadis IGF – or Evolution of IGF", Theme = "Taking Stock" },
            UpdateMask = new FieldMask { Paths = { "display_name", "theme" } },
        });
        var seat = await meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = own.Name,
            Participant = new Participant { Stakeholder = moderator.Name, Role = ParticipantRole.Moderator },
        });
        var confirmed = await meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Confirmation = Confirmation.Confirmed },
            UpdateMask = new FieldMask { Paths = { "confirmation" } },
        });
        var balance = new BalanceService.BalanceServiceClient(registry.ChannelFor(organizerKey));
        await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = own.Name });
        await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = own.Name });
        await meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = seat.Name });

        Assert.Equal("Taking Stock", renamed.Theme);
        Assert.Equal(Confirmation.Confirmed, confirmed.Confirmation);
        Assert.Empty(await registry.AllSeatsAsync(own.Name));
    }

    [Fact]
    public async Task A_proposal_in_a_meeting_its_key_names_becomes_its_own()
    {
        var proposed = await meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = "meetings/igf-2012",
            SessionId = "ws-99",
            Session = new Session { DisplayName = "Youth and the IGF", Kind = SessionKind.Workshop },
        });

        Assert.Equal(SessionState.Proposed, proposed.State);
        var key = (await new KeyService.KeyServiceClient(registry.Channel).ListApiKeysAsync(new ListApiKeysRequest { Filter = "role = ROLE_ORGANIZER" })).ApiKeys.Single();
        Assert.Equal([own.Name, proposed.Name], key.Sessions.Order(StringComparer.Ordinal));
        await meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = proposed.Name,
            Participant = new Participant { Stakeholder = speaker.Name, Role = ParticipantRole.Speaker },
        });
        Assert.Single(await registry.AllSeatsAsync(proposed.Name));
    }

    [Fact]
    public async Task Everything_beyond_its_own_sessions_is_refused_and_changes_nothing()
    {
        var before = await StateAsync();
        var stakeholders = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(organizerKey));
        var policies = new BalanceService.BalanceServiceClient(registry.ChannelFor(organizerKey));
        Func<Task>[] refused =
        [
            // Another session's seats, and the session itself.
            async () => await meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = other.Name,
                Participant = new Participant { Stakeholder = moderator.Name, Role = ParticipantRole.Moderator },
            }),
            async () => await meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = otherSeat.Name }),
            async () => await meetings.UpdateParticipantAsync(new UpdateParticipantRequest
            {
                Participant = new Participant { Name = otherSeat.Name, Confirmation = Confirmation.Declined },
                UpdateMask = new FieldMask { Paths = { "confirmation" } },
            }),
            async () => await meetings.UpdateSessionAsync(new UpdateSessionRequest
            {
                Session = new Session { Name = other.Name, DisplayName = "Taken over" },
                UpdateMask = new FieldMask { Paths = { "display_name" } },
            }),
            async () => await meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = other.Name, Force = true }),
            async () => await new BalanceService.BalanceServiceClient(registry.ChannelFor(organizerKey)).SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = other.Name }),
            // Its own session's state: accepting and scheduling are the secretariat's, with a mask or without.
            async () => await meetings.UpdateSessionAsync(new UpdateSessionRequest
            {
                Session = new Session { Name = own.Name, State = SessionState.Accepted },
                UpdateMask = new FieldMask { Paths = { "state" } },
            }),
            async () => await meetings.UpdateSessionAsync(new UpdateSessionRequest { Session = new Session { Name = own.Name, State = SessionState.Scheduled } }),
            async () => await meetings.UpdateSessionAsync(new UpdateSessionRequest
            {
                Session = new Session { Name = own.Name, State = SessionState.Scheduled },
                UpdateMask = new FieldMask { Paths = { "*" } },
            }),
            // A session in a meeting its key does not name, or one that is not a proposal.
            async () => await meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/igf-2013", Session = new Session { DisplayName = "Mine now" } }),
            async () => await meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = "meetings/igf-2012",
                Session = new Session { DisplayName = "Scheduled at once", State = SessionState.Scheduled },
            }),
            async () => await meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = elsewhere.Name,
                Participant = new Participant { Stakeholder = moderator.Name, Role = ParticipantRole.Moderator },
            }),
            // Registrations, stakeholders, meetings and policies.
            async () => await meetings.CreateRegistrationAsync(new CreateRegistrationRequest
            {
                Parent = "meetings/igf-2012",
                Registration = new Registration { Stakeholder = speaker.Name, Attendance = Attendance.Onsite },
            }),
            async () => await stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Someone" } }),
            async () => await stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
            {
                Stakeholder = new Stakeholder { Name = speaker.Name, Affiliation = "Changed" },
                UpdateMask = new FieldMask { Paths = { "affiliation" } },
            }),
            async () => await stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = moderator.Name }),
            async () => await meetings.UpdateMeetingAsync(new UpdateMeetingRequest
            {
                Meeting = new Meeting { Name = "meetings/igf-2012", DisplayName = "Renamed" },
                UpdateMask = new FieldMask { Paths = { "display_name" } },
            }),
            async () => await policies.DeletePolicyAsync(new DeletePolicyRequest { Name = "policies/multistakeholder-balance" }),
            async () => await policies.CreatePolicyAsync(new CreatePolicyRequest { Policy = new Policy { DisplayName = "Mine" } }),
        ];

        foreach (var call in refused)
        {
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", call);
        }

        Assert.Equal(before, await StateAsync());
    }

    private async Task<string> StateAsync()
    {
        var parts = new Google.Protobuf.IMessage[]
        {
            await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest()),
            await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2012" }),
            await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2013" }),
            await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2012/sessions/-" }),
            await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2013/sessions/-" }),
            await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/igf-2012" }),
            await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest()),
            await new BalanceService.BalanceServiceClient(registry.Channel).ListPoliciesAsync(new ListPoliciesRequest { PageSize = 100 }),
        };
        return string.Join("\n", parts.Select(p => p.ToString()));
    }
}
