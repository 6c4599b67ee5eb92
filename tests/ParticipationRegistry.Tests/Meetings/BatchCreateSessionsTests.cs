using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>BatchCreateSessions: 1 to 1000 sessions of one meeting, all or none, answered in request order.</summary>
public sealed class BatchCreateSessionsTests
{
    private const string Meeting = "meetings/igf-2012";

    internal static CreateSessionRequest Item(string title, string id = "", SessionState state = SessionState.Unspecified) =>
        new() { SessionId = id, Session = new Session { DisplayName = title, Kind = SessionKind.Workshop, State = state } };

    internal static BatchCreateSessionsRequest Batch(IEnumerable<CreateSessionRequest> items, string parent = Meeting) =>
        new() { Parent = parent, Requests = { items } };

    private static IEnumerable<CreateSessionRequest> Workshops(int count) => Enumerable.Range(0, count).Select(i => Item($"Workshop {i:D4}"));

    private static async Task<List<string>> SessionNamesAsync(TestRegistry registry) =>
        (await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting, PageSize = 1000 })).Sessions.Select(s => s.Name).ToList();

    [Fact]
    public async Task Batch_creates_every_session_in_request_order_as_a_single_create_would()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var diplo = await registry.OrganizationAsync("DiploFoundation");
        var chosen = Item("Quo Vadis IGF – or Evolution of IGF", "ws-85");
        chosen.Session.Organizers.Add(diplo.Name);
        chosen.Session.Theme = "Taking Stock";
        chosen.Session.StartTime = Arrange.Time(2012, 11, 8, 9);
        chosen.Session.EndTime = Arrange.Time(2012, 11, 8, 10, 30);

        var response = await registry.Meetings.BatchCreateSessionsAsync(Batch([Item("Zeta"), chosen, Item("Alpha", state: SessionState.Accepted)]));

        Assert.Equal(["Zeta", "Quo Vadis IGF – or Evolution of IGF", "Alpha"], response.Sessions.Select(s => s.DisplayName));
        Assert.Equal($"{Meeting}/sessions/ws-85", response.Sessions[1].Name);
        Assert.Equal([diplo.Name], response.Sessions[1].Organizers);
        Assert.Equal(SessionState.Proposed, response.Sessions[0].State);
        Assert.Equal(SessionState.Accepted, response.Sessions[2].State);
        Assert.All(response.Sessions, s => Assert.StartsWith($"{Meeting}/sessions/", s.Name, StringComparison.Ordinal));
        foreach (var session in response.Sessions)
        {
            Assert.Equal(session, await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
        }

        Assert.Equal(response.Sessions.Select(s => s.Name).Order(StringComparer.Ordinal), (await SessionNamesAsync(registry)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_bad_item_17_is_named_by_its_path_and_nothing_is_written()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        var items = Workshops(20).ToList();
        items[17].Session.DisplayName = " ";
        items[4].SessionId = "Not An Id!";

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch(items)).ResponseAsync);

        Assert.Equal(
            ["requests[17].session.display_name", "requests[4].session_id"],
            status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Equal([$"{Meeting}/sessions/ws-85"], await SessionNamesAsync(registry));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task An_empty_batch_or_one_over_a_thousand_is_refused(int count)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");

        await RpcAssert.InvalidFieldAsync("requests", () => registry.Meetings.BatchCreateSessionsAsync(Batch(Workshops(count))).ResponseAsync);

        Assert.Empty(await SessionNamesAsync(registry));
    }

    [Fact]
    public async Task A_batch_of_exactly_one_thousand_is_accepted()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");

        var response = await registry.Meetings.BatchCreateSessionsAsync(Batch(Workshops(1000)));

        Assert.Equal(Workshops(1000).Select(w => w.Session.DisplayName), response.Sessions.Select(s => s.DisplayName));
        Assert.Equal(1000, (await SessionNamesAsync(registry)).Count);
    }

    [Fact]
    public async Task An_item_with_its_own_request_id_or_another_parent_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.MeetingAsync("igf-2013", "IGF 2013, Bali");
        var items = Workshops(5).ToList();
        items[1].RequestId = Guid.NewGuid().ToString();
        items[2].Parent = Meeting;
        items[3].Parent = "meetings/igf-2013";

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch(items)).ResponseAsync);

        Assert.Equal(["requests[1].request_id", "requests[3].parent"], status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Empty(await SessionNamesAsync(registry));
    }

    [Fact]
    public async Task A_session_id_taken_in_the_meeting_or_twice_in_the_batch_fails_the_whole_batch()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");

        var taken = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "SESSION_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch([Item("New", "ws-86"), Item("Again", "ws-85")])).ResponseAsync);
        var twice = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "SESSION_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch([Item("One", "ws-87"), Item("Other", "ws-88"), Item("One again", "ws-87")])).ResponseAsync);

        Assert.Equal(["requests[1]"], Arrange.ViolationFields(taken));
        Assert.Equal(["requests[2]"], Arrange.ViolationFields(twice));
        Assert.Equal([$"{Meeting}/sessions/ws-85"], await SessionNamesAsync(registry));
    }

    [Fact]
    public async Task An_unknown_organiser_or_meeting_fails_the_whole_batch()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var items = Workshops(3).ToList();
        items[2].Session.Organizers.Add("organizations/nobody");

        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch(items)).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND",
            () => registry.Meetings.BatchCreateSessionsAsync(Batch(Workshops(2), "meetings/igf-1999")).ResponseAsync);

        Assert.Equal(["requests[2].session.organizers[0]"], Arrange.ViolationFields(status));
        Assert.Empty(await SessionNamesAsync(registry));
    }

    [Fact]
    public async Task A_replayed_request_id_returns_the_first_reply_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var request = Batch(Workshops(3));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await registry.Meetings.BatchCreateSessionsAsync(request);
        var replayed = await registry.Meetings.BatchCreateSessionsAsync(request);
        var different = request.Clone();
        different.Requests.Add(Item("One more"));

        Assert.Equal(first, replayed);
        await RpcAssert.InvalidFieldAsync("request_id", () => registry.Meetings.BatchCreateSessionsAsync(different).ResponseAsync, "REQUEST_ID_REUSED");
        Assert.Equal(first.Sessions.Select(s => s.Name).Order(StringComparer.Ordinal), (await SessionNamesAsync(registry)).Order(StringComparer.Ordinal));
    }
}
