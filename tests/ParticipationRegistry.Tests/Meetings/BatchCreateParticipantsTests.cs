using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>BatchCreateParticipants: seats in one session, or in several (<c>sessions/-</c>), all or none, in request order.</summary>
public sealed class BatchCreateParticipantsTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Ws85 = "meetings/igf-2012/sessions/ws-85";
    private const string Ws86 = "meetings/igf-2012/sessions/ws-86";
    private const string Every = "meetings/igf-2012/sessions/-";

    internal static CreateParticipantRequest Seat(string stakeholder, ParticipantRole role = ParticipantRole.Speaker, string parent = "") =>
        new() { Parent = parent, Participant = new Participant { Stakeholder = stakeholder, Role = role, Confirmation = Confirmation.Confirmed } };

    internal static BatchCreateParticipantsRequest Batch(string parent, IEnumerable<CreateParticipantRequest> items) =>
        new() { Parent = parent, Requests = { items } };

    /// <summary>The meeting, sessions ws-85 and ws-86, and <paramref name="count"/> people.</summary>
    internal static async Task<List<string>> WorldAsync(TestRegistry registry, int count)
    {
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        await registry.SessionAsync(Meeting, "ws-86", "Internet governance for development");
        var people = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                Enumerable.Range(0, count).Select(i => new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder
                    {
                        DisplayName = $"Panellist {i:D2}", CountryCode = i % 2 == 0 ? "FI" : "IN", StakeholderGroup = StakeholderGroup.CivilSociety, Affiliation = "IT for Change",
                    },
                }),
            },
        });
        return people.Stakeholders.Select(s => s.Name).ToList();
    }

    [Fact]
    public async Task Seats_of_one_session_are_created_in_order_with_the_snapshot_a_single_create_takes()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 3);
        var single = await registry.SeatAsync(Ws86, people[0], ParticipantRole.Moderator, Confirmation.Confirmed);

        var response = await registry.Meetings.BatchCreateParticipantsAsync(Batch(Ws85,
        [
            Seat(people[2]), Seat(people[0], ParticipantRole.Moderator), Seat(people[1], parent: Ws85), Seat(people[0]),
        ]));

        Assert.Equal([people[2], people[0], people[1], people[0]], response.Participants.Select(p => p.Stakeholder));
        Assert.Equal(4, response.Participants.Select(p => p.Name).Distinct().Count());
        Assert.All(response.Participants, p => Assert.StartsWith($"{Ws85}/participants/", p.Name, StringComparison.Ordinal));
        Assert.Equal(single.Snapshot, response.Participants[1].Snapshot);
        Assert.Equal("Panellist 02", response.Participants[0].Snapshot.DisplayName);
        foreach (var seat in response.Participants)
        {
            Assert.Equal(seat, await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }));
        }

        Assert.Equal(response.Participants.Select(p => p.Name).Order(StringComparer.Ordinal), (await registry.AllSeatsAsync(Ws85)).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Seats_across_the_sessions_of_a_meeting_name_their_own_session()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 2);

        var response = await registry.Meetings.BatchCreateParticipantsAsync(Batch(Every,
        [
            Seat(people[0], parent: Ws86), Seat(people[1], parent: Ws85), Seat(people[0], parent: Ws85),
        ]));

        Assert.Equal([Ws86, Ws85, Ws85], response.Participants.Select(p => p.Name[..p.Name.IndexOf("/participants/", StringComparison.Ordinal)]));
        Assert.Single(await registry.AllSeatsAsync(Ws86));
        Assert.Equal(2, (await registry.AllSeatsAsync(Ws85)).Count);
    }

    [Fact]
    public async Task Item_parents_must_lie_within_the_batch_parent()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 1);
        await registry.MeetingAsync("igf-2013", "IGF 2013, Bali");
        await registry.SessionAsync("meetings/igf-2013", "ws-85");

        var across = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Every,
        [
            Seat(people[0], parent: Ws85), Seat(people[0]), Seat(people[0], parent: "meetings/igf-2013/sessions/ws-85"), Seat(people[0], parent: Every),
        ])).ResponseAsync);
        var one = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Ws85,
        [
            Seat(people[0], parent: Ws85), Seat(people[0], ParticipantRole.Moderator, parent: Ws86),
        ])).ResponseAsync);

        Assert.Equal(["requests[1].parent", "requests[2].parent", "requests[3].parent"], Arrange.ViolationFields(across).Order(StringComparer.Ordinal));
        Assert.Equal(["requests[1].parent"], Arrange.ViolationFields(one));
        Assert.Empty(await registry.AllSeatsAsync(Every));
    }

    [Fact]
    public async Task A_bad_item_17_is_named_by_its_path_and_nothing_is_written()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 20);
        await registry.SeatAsync(Ws85, people[0], ParticipantRole.Moderator);
        var items = people.Select(p => Seat(p)).ToList();
        items[17].Participant.Role = ParticipantRole.Unspecified;
        items[3].Participant.Stakeholder = "people/3";
        items[5].RequestId = Guid.NewGuid().ToString();

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Ws85, items)).ResponseAsync);

        Assert.Equal(
            ["requests[17].participant.role", "requests[3].participant.stakeholder", "requests[5].request_id"],
            Arrange.ViolationFields(status).Order(StringComparer.Ordinal));
        Assert.Single(await registry.AllSeatsAsync(Every));
    }

    [Fact]
    public async Task An_unknown_person_a_taken_role_or_a_missing_session_fails_the_whole_batch()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 20);
        var unknown = people.Select(p => Seat(p)).ToList();
        unknown[17].Participant.Stakeholder = "stakeholders/nobody";

        var missing = await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND",
            () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Ws85, unknown)).ResponseAsync);
        var twice = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTICIPANT_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Ws85, [Seat(people[0]), Seat(people[1]), Seat(people[0])])).ResponseAsync);
        var noSession = await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND",
            () => registry.Meetings.BatchCreateParticipantsAsync(Batch(Every, [Seat(people[0], parent: Ws85), Seat(people[1], parent: $"{Meeting}/sessions/ws-99")])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND",
            () => registry.Meetings.BatchCreateParticipantsAsync(Batch($"{Meeting}/sessions/ws-99", [Seat(people[0])])).ResponseAsync);

        Assert.Equal(["requests[17].participant.stakeholder"], Arrange.ViolationFields(missing));
        Assert.Equal(["requests[2]"], Arrange.ViolationFields(twice));
        Assert.Equal(["requests[1]"], Arrange.ViolationFields(noSession));
        Assert.Empty(await registry.AllSeatsAsync(Every));
    }

    [Fact]
    public async Task A_replayed_request_id_returns_the_first_reply_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 3);
        var request = Batch(Ws85, people.Select(p => Seat(p)));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await registry.Meetings.BatchCreateParticipantsAsync(request);
        var replayed = await registry.Meetings.BatchCreateParticipantsAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(first.Participants.Select(p => p.Name).Order(StringComparer.Ordinal), (await registry.AllSeatsAsync(Every)).Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_replay_after_one_of_its_people_was_erased_does_not_return_their_name()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 3);
        var request = Batch(Ws85, people.Select(p => Seat(p)));
        request.RequestId = Guid.NewGuid().ToString();
        var first = await registry.Meetings.BatchCreateParticipantsAsync(request);
        Assert.Equal("Panellist 01", first.Participants[1].Snapshot.DisplayName);

        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = people[1] });

        // The stored reply held the name, so it was forgotten: the retry runs anew, as a new request would.
        var status = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "PARTICIPANT_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateParticipantsAsync(request).ResponseAsync);
        Assert.Equal(["requests[0]"], Arrange.ViolationFields(status));
        Assert.DoesNotContain("Panellist 01", status.ToString(), StringComparison.Ordinal);
        Assert.Equal(3, (await registry.AllSeatsAsync(Every)).Count);
    }

    [Fact]
    public async Task A_batch_of_exactly_one_thousand_seats_across_two_sessions_is_accepted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 500);

        var response = await registry.Meetings.BatchCreateParticipantsAsync(Batch(Every, people.SelectMany(p => new[] { Seat(p, parent: Ws85), Seat(p, parent: Ws86) })));

        Assert.Equal(1000, response.Participants.Count);
        Assert.Equal(people.SelectMany(p => new[] { p, p }), response.Participants.Select(s => s.Stakeholder));
        Assert.Equal(500, (await registry.AllSeatsAsync(Ws86)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task An_empty_batch_or_one_over_a_thousand_is_refused(int count)
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await WorldAsync(registry, 1);

        await RpcAssert.InvalidFieldAsync("requests", () => registry.Meetings.BatchCreateParticipantsAsync(
            Batch(Ws85, Enumerable.Range(0, count).Select(_ => Seat(people[0])))).ResponseAsync);

        Assert.Empty(await registry.AllSeatsAsync(Every));
    }
}
