using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>BatchCreateRegistrations: people registered to one meeting, all or none, in request order.</summary>
public sealed class BatchCreateRegistrationsTests
{
    private const string Meeting = "meetings/igf-2012";

    private static CreateRegistrationRequest Item(string stakeholder, Attendance attendance = Attendance.Onsite) =>
        new() { Registration = new Registration { Stakeholder = stakeholder, Attendance = attendance } };

    private static BatchCreateRegistrationsRequest Batch(IEnumerable<CreateRegistrationRequest> items, string parent = Meeting) =>
        new() { Parent = parent, Requests = { items } };

    private static async Task<List<string>> RegistrationNamesAsync(TestRegistry registry) =>
        (await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting, PageSize = 1000 })).Registrations.Select(r => r.Name).ToList();

    [Fact]
    public async Task People_are_registered_in_order_with_the_snapshot_a_single_create_takes()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 3);

        var response = await registry.Meetings.BatchCreateRegistrationsAsync(Batch([Item(people[2], Attendance.Remote), Item(people[0]), Item(people[1])]));

        Assert.Equal([people[2], people[0], people[1]], response.Registrations.Select(r => r.Stakeholder));
        Assert.Equal(Attendance.Remote, response.Registrations[0].Attendance);
        Assert.Equal("Panellist 02", response.Registrations[0].Snapshot.DisplayName);
        Assert.Equal("FI", response.Registrations[0].Snapshot.CountryCode);
        foreach (var registration in response.Registrations)
        {
            Assert.Equal(registration, await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
        }

        Assert.Equal(response.Registrations.Select(r => r.Name).Order(StringComparer.Ordinal), (await RegistrationNamesAsync(registry)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_bad_item_17_is_named_by_its_path_and_nothing_is_written()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 20);
        await registry.RegistrationAsync(Meeting, people[19]);
        var items = people.Take(19).Select(p => Item(p)).ToList();
        items[17].Registration.Attendance = (Attendance)99;
        items[2].Parent = "meetings/igf-2013";

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT",
            () => registry.Meetings.BatchCreateRegistrationsAsync(Batch(items)).ResponseAsync);

        Assert.Equal(["requests[17].registration.attendance", "requests[2].parent"], Arrange.ViolationFields(status).Order(StringComparer.Ordinal));
        Assert.Single(await RegistrationNamesAsync(registry));
    }

    [Fact]
    public async Task A_person_registered_already_or_twice_in_the_batch_or_unknown_fails_the_whole_batch()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 3);
        await registry.RegistrationAsync(Meeting, people[2]);

        var already = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "REGISTRATION_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateRegistrationsAsync(Batch([Item(people[0]), Item(people[2])])).ResponseAsync);
        var twice = await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "REGISTRATION_ALREADY_EXISTS",
            () => registry.Meetings.BatchCreateRegistrationsAsync(Batch([Item(people[0]), Item(people[1]), Item(people[0], Attendance.Remote)])).ResponseAsync);
        var unknown = await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND",
            () => registry.Meetings.BatchCreateRegistrationsAsync(Batch([Item(people[0]), Item("stakeholders/nobody")])).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND",
            () => registry.Meetings.BatchCreateRegistrationsAsync(Batch([Item(people[0])], "meetings/igf-1999")).ResponseAsync);

        Assert.Equal(["requests[1]"], Arrange.ViolationFields(already));
        Assert.Equal(["requests[2]"], Arrange.ViolationFields(twice));
        Assert.Equal(["requests[1].registration.stakeholder"], Arrange.ViolationFields(unknown));
        Assert.Single(await RegistrationNamesAsync(registry));
    }

    [Fact]
    public async Task A_replayed_request_id_returns_the_first_reply_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 3);
        var request = Batch(people.Select(p => Item(p)));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await registry.Meetings.BatchCreateRegistrationsAsync(request);
        var replayed = await registry.Meetings.BatchCreateRegistrationsAsync(request);

        Assert.Equal(first, replayed);
        Assert.Equal(3, (await RegistrationNamesAsync(registry)).Count);
    }

    [Fact]
    public async Task A_batch_of_exactly_one_thousand_registrations_is_accepted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 1000);

        var response = await registry.Meetings.BatchCreateRegistrationsAsync(Batch(people.Select(p => Item(p))));

        Assert.Equal(people, response.Registrations.Select(r => r.Stakeholder));
        Assert.Equal(1000, (await RegistrationNamesAsync(registry)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task An_empty_batch_or_one_over_a_thousand_is_refused(int count)
    {
        await using var registry = await TestRegistry.StartAsync();
        var people = await BatchCreateParticipantsTests.WorldAsync(registry, 1);

        await RpcAssert.InvalidFieldAsync("requests", () => registry.Meetings.BatchCreateRegistrationsAsync(
            Batch(Enumerable.Range(0, count).Select(_ => Item(people[0])))).ResponseAsync);

        Assert.Empty(await RegistrationNamesAsync(registry));
    }
}
