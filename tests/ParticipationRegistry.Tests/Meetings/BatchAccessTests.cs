using Grpc.Core;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Meetings.BatchCreateParticipantsTests;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>
/// A batch is checked as its items would be one by one: a forum-limited key reaches no other forum's
/// meeting through an item's parent, an organiser key adds seats to its own sessions only and proposes
/// sessions only in its meetings; every batch is audited once.
/// </summary>
public sealed class BatchAccessTests : IAsyncLifetime
{
    private const string Igf = "meetings/igf-2012";
    private const string Own = "meetings/igf-2012/sessions/ws-85";
    private const string Other = "meetings/igf-2012/sessions/ws-86";
    private const string Every = "meetings/igf-2012/sessions/-";
    private const string EuroDig = "meetings/eurodig-2012";
    private const string EuroDigSession = "meetings/eurodig-2012/sessions/ws-1";

    private TestRegistry registry = null!;
    private List<string> people = [];

    public async Task InitializeAsync()
    {
        registry = await TestRegistry.StartAsync();
        people = await WorldAsync(registry, 3);
        await registry.MeetingAsync("eurodig-2012", "EuroDIG 2012, Stockholm", "EuroDIG");
        await registry.SessionAsync(EuroDig, "ws-1");
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    private async Task<MeetingService.MeetingServiceClient> ForumKeyAsync()
    {
        var created = await new KeyService.KeyServiceClient(registry.Channel).CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Editor, DisplayName = "IGF secretariat", Forums = { "forums/igf" } },
        });
        return new MeetingService.MeetingServiceClient(registry.ChannelFor(created.Secret));
    }

    private async Task<MeetingService.MeetingServiceClient> OrganizerAsync() =>
        new(registry.ChannelFor(await registry.CreateKeyAsync(Role.Organizer, [Own], [Igf])));

    private async Task<string> EverythingAsync()
    {
        var seats = await registry.AllSeatsAsync(Every);
        seats.AddRange(await registry.AllSeatsAsync($"{EuroDig}/sessions/-"));
        var sessions = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Igf, PageSize = 1000 });
        var registrations = await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = EuroDig, PageSize = 1000 });
        return string.Join("\n", seats.Select(s => s.Name).Concat(sessions.Sessions.Select(s => s.Name)).Concat(registrations.Registrations.Select(r => r.Name)));
    }

    [Fact]
    public async Task A_forum_limited_key_batches_in_its_forum_but_no_item_reaches_another_forum()
    {
        var meetings = await ForumKeyAsync();
        var created = await meetings.BatchCreateParticipantsAsync(Batch(Every, [Seat(people[0], parent: Own), Seat(people[1], parent: Other)]));
        Assert.Equal(2, created.Participants.Count);
        var before = await EverythingAsync();

        var seat = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateParticipantsAsync(
            Batch(Every, [Seat(people[2], parent: Own), Seat(people[2], parent: EuroDigSession)])).ResponseAsync);
        var whole = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateParticipantsAsync(
            Batch(EuroDigSession, [Seat(people[2])])).ResponseAsync);
        var session = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateSessionsAsync(
            BatchCreateSessionsTests.Batch([BatchCreateSessionsTests.Item("Here"), new CreateSessionRequest { Parent = EuroDig, Session = new Session { DisplayName = "There" } }])).ResponseAsync);
        var registration = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateRegistrationsAsync(new BatchCreateRegistrationsRequest
        {
            Parent = EuroDig,
            Requests = { new CreateRegistrationRequest { Registration = new Registration { Stakeholder = people[0] } } },
        }).ResponseAsync);

        Assert.Equal("requests[1].parent", FieldOf(seat));
        Assert.Equal("parent", FieldOf(whole));
        Assert.Equal("requests[1].parent", FieldOf(session));
        Assert.Equal("parent", FieldOf(registration));
        Assert.Equal(before, await EverythingAsync());
    }

    [Fact]
    public async Task An_organiser_adds_seats_to_its_own_sessions_only()
    {
        var meetings = await OrganizerAsync();
        var own = await meetings.BatchCreateParticipantsAsync(Batch(Own, [Seat(people[0]), Seat(people[1], ParticipantRole.Moderator)]));
        var across = await meetings.BatchCreateParticipantsAsync(Batch(Every, [Seat(people[2], parent: Own)]));
        Assert.Equal(3, own.Participants.Count + across.Participants.Count);
        var before = await EverythingAsync();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateParticipantsAsync(
            Batch(Every, [Seat(people[0], ParticipantRole.Rapporteur, Own), Seat(people[0], parent: Other)])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateParticipantsAsync(
            Batch(Own, [Seat(people[0], ParticipantRole.Rapporteur), Seat(people[1], parent: Other)])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateParticipantsAsync(
            Batch(Other, [Seat(people[0])])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateRegistrationsAsync(new BatchCreateRegistrationsRequest
        {
            Parent = Igf,
            Requests = { new CreateRegistrationRequest { Registration = new Registration { Stakeholder = people[0] } } },
        }).ResponseAsync);

        Assert.Equal(before, await EverythingAsync());
    }

    [Fact]
    public async Task An_organiser_proposes_sessions_in_its_meetings_and_they_become_its_own()
    {
        var meetings = await OrganizerAsync();

        var proposed = await meetings.BatchCreateSessionsAsync(BatchCreateSessionsTests.Batch([BatchCreateSessionsTests.Item("One"), BatchCreateSessionsTests.Item("Two", "ws-90")]));
        var seats = await meetings.BatchCreateParticipantsAsync(Batch(Every, proposed.Sessions.Select(s => Seat(people[0], parent: s.Name))));

        Assert.All(proposed.Sessions, s => Assert.Equal(SessionState.Proposed, s.State));
        Assert.Equal(2, seats.Participants.Count);
        var before = await EverythingAsync();
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateSessionsAsync(
            BatchCreateSessionsTests.Batch([BatchCreateSessionsTests.Item("Proposed"), BatchCreateSessionsTests.Item("Accepted", state: SessionState.Accepted)])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateSessionsAsync(
            BatchCreateSessionsTests.Batch([BatchCreateSessionsTests.Item("Elsewhere")], EuroDig)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => meetings.BatchCreateSessionsAsync(
            BatchCreateSessionsTests.Batch([new CreateSessionRequest { Parent = EuroDig, Session = new Session { DisplayName = "Smuggled" } }])).ResponseAsync);
        Assert.Equal(before, await EverythingAsync());
    }

    [Fact]
    public async Task Each_batch_is_audited_once_with_its_parent_and_the_fields_its_items_set_and_a_replay_is_not()
    {
        var sessions = BatchCreateSessionsTests.Batch([BatchCreateSessionsTests.Item("One"), BatchCreateSessionsTests.Item("Two")]);
        sessions.RequestId = Guid.NewGuid().ToString();
        await registry.Meetings.BatchCreateSessionsAsync(sessions);
        await registry.Meetings.BatchCreateSessionsAsync(sessions); // a replay appends nothing
        await registry.Meetings.BatchCreateParticipantsAsync(Batch(Every, [Seat(people[0], parent: Own), Seat(people[1], parent: Other)]));
        await registry.Meetings.BatchCreateRegistrationsAsync(new BatchCreateRegistrationsRequest
        {
            Parent = Igf,
            Requests = { people.Select(p => new CreateRegistrationRequest { Registration = new Registration { Stakeholder = p } }) },
        });

        var events = (await registry.AuditEventsAsync()).Where(e => e.Method.Contains("MeetingService/BatchCreate", StringComparison.Ordinal)).ToList();

        Assert.Equal(
            [("BatchCreateSessions", Igf), ("BatchCreateParticipants", Every), ("BatchCreateRegistrations", Igf)],
            events.OrderBy(e => e.Time).Select(e => (e.Method[(e.Method.LastIndexOf('/') + 1)..], e.Resource)));
        Assert.Equal(["display_name", "kind"], events.Single(e => e.Method.EndsWith("/BatchCreateSessions", StringComparison.Ordinal)).Fields.Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Equal(AuditAction.Write, e.Action));
    }

    private static string FieldOf(Google.Rpc.Status status) =>
        status.GetDetail<Google.Rpc.ErrorInfo>().Metadata.TryGetValue("field", out var field) ? field : "";
}
