using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Meetings.Arrange;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>A registration's check-in time (the badge collected) and a meeting's time zone.</summary>
public sealed class CheckInTests
{
    private const string Meeting = "meetings/igf-2012";

    private static async Task<(TestRegistry Registry, Registration Registration)> StartWithRegistrationAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var person = await registry.StakeholderAsync();
        return (registry, await registry.RegistrationAsync(Meeting, person.Name));
    }

    private static AsyncUnaryCall<Registration> CheckIn(TestRegistry registry, string registration, Timestamp? time, string etag = "") =>
        registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration, CheckInTime = time, Etag = etag },
            UpdateMask = new FieldMask { Paths = { "check_in_time" } },
        });

    [Fact]
    public async Task An_organiser_of_the_meeting_checks_people_in_and_changes_nothing_else()
    {
        var (registry, registration) = await StartWithRegistrationAsync();
        await using var _ = registry;
        var secret = await registry.CreateKeyAsync(Role.Organizer, meetings: [Meeting]);
        var organizer = new MeetingService.MeetingServiceClient(registry.ChannelFor(secret));
        var stranger = new MeetingService.MeetingServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Organizer)));
        var at = Timestamp.FromDateTimeOffset(new DateTimeOffset(2012, 11, 6, 8, 30, 0, TimeSpan.Zero));

        var checkedIn = await organizer.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, CheckInTime = at },
            UpdateMask = new FieldMask { Paths = { "check_in_time" } },
        });

        Assert.Equal(at, checkedIn.CheckInTime);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () => await organizer.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, Attendance = Attendance.Remote },
            UpdateMask = new FieldMask { Paths = { "attendance" } },
        }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () => await stranger.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name },
            UpdateMask = new FieldMask { Paths = { "check_in_time" } },
        }));
        Assert.Equal(checkedIn, await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
    }

    [Fact]
    public async Task Check_in_is_set_and_cleared_through_the_update_mask_and_kept_across_reads()
    {
        var (registry, registration) = await StartWithRegistrationAsync();
        await using var _ = registry;
        Assert.Null(registration.CheckInTime);

        var checkedIn = await CheckIn(registry, registration.Name, Time(2012, 11, 6, 8, 30), registration.Etag);
        var read = await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name });
        var cleared = await CheckIn(registry, registration.Name, null);
        var readAfter = await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name });

        Assert.Equal(Time(2012, 11, 6, 8, 30), checkedIn.CheckInTime);
        Assert.Equal(Attendance.Onsite, checkedIn.Attendance);
        Assert.Equal(checkedIn, read);
        Assert.Null(cleared.CheckInTime);
        Assert.Null(readAfter.CheckInTime);
    }

    [Fact]
    public async Task An_update_of_another_field_leaves_the_check_in_alone()
    {
        var (registry, registration) = await StartWithRegistrationAsync();
        await using var _ = registry;
        await CheckIn(registry, registration.Name, Time(2012, 11, 6, 9));

        var updated = await registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, Attendance = Attendance.Remote },
            UpdateMask = new FieldMask { Paths = { "attendance" } },
        });

        Assert.Equal(Time(2012, 11, 6, 9), updated.CheckInTime);
        Assert.Equal(Attendance.Remote, updated.Attendance);
    }

    [Fact]
    public async Task A_check_in_time_out_of_range_is_refused_and_changes_nothing()
    {
        var (registry, registration) = await StartWithRegistrationAsync();
        await using var _ = registry;

        await RpcAssert.InvalidFieldAsync("registration.check_in_time", () => CheckIn(registry, registration.Name, new Timestamp { Seconds = 253_402_300_800 }).ResponseAsync);

        Assert.Equal(registration, await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
    }

    [Fact]
    public async Task A_viewer_may_not_check_a_person_in()
    {
        var (registry, registration) = await StartWithRegistrationAsync();
        await using var _ = registry;
        var viewer = new MeetingService.MeetingServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => viewer.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, CheckInTime = Time(2012, 11, 6, 9) },
            UpdateMask = new FieldMask { Paths = { "check_in_time" } },
        }).ResponseAsync);

        Assert.Null((await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name })).CheckInTime);
    }

    [Fact]
    public async Task A_meeting_keeps_an_iana_time_zone_set_on_create_and_changed_or_cleared_by_mask()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = "igf-2012",
            Meeting = new Meeting { DisplayName = "IGF 2012, Baku", TimeZone = "Asia/Baku" },
        });

        var moved = await UpdateTimeZone(registry, "Europe/Berlin");
        var read = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Meeting });
        var cleared = await UpdateTimeZone(registry, "");

        Assert.Equal("Asia/Baku", created.TimeZone);
        Assert.Equal("Europe/Berlin", moved.TimeZone);
        Assert.Equal(moved, read);
        Assert.Equal("", cleared.TimeZone);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("Central European Standard Time")]
    [InlineData("+04:00")]
    public async Task A_time_zone_that_is_not_an_iana_name_is_refused_and_changes_nothing(string zone)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var before = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Meeting });

        var onUpdate = await RpcAssert.InvalidFieldAsync("meeting.time_zone", () => UpdateTimeZone(registry, zone).ResponseAsync);
        await RpcAssert.InvalidFieldAsync("meeting.time_zone", () => registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "IGF 2013, Bali", TimeZone = zone },
        }).ResponseAsync);

        Assert.Contains("IANA", onUpdate.Description, StringComparison.Ordinal);
        Assert.Equal(before, await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Meeting }));
        Assert.Single((await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings);
    }

    private static AsyncUnaryCall<Meeting> UpdateTimeZone(TestRegistry registry, string zone) =>
        registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = Meeting, TimeZone = zone },
            UpdateMask = new FieldMask { Paths = { "time_zone" } },
        });
}
