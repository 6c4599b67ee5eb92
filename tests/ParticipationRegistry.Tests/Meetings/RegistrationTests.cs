using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>People registered to attend a meeting.</summary>
public sealed class RegistrationTests
{
    private const string Meeting = "meetings/igf-2012";

    private static async Task<TestRegistry> StartWithMeetingAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        return registry;
    }

    [Fact]
    public async Task Create_registers_the_person_with_a_snapshot()
    {
        await using var registry = await StartWithMeetingAsync();
        var person = await registry.StakeholderAsync();

        var registration = await registry.RegistrationAsync(Meeting, person.Name, Attendance.Remote);

        Assert.StartsWith($"{Meeting}/registrations/", registration.Name, StringComparison.Ordinal);
        Assert.Equal(person.Name, registration.Stakeholder);
        Assert.Equal(Attendance.Remote, registration.Attendance);
        Assert.Equal("Parminder Jeet Singh", registration.Snapshot.DisplayName);
        Assert.Equal(RegionalGroup.AsiaPacific, registration.Snapshot.RegionalGroup);
        Assert.Equal(registration, await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
    }

    [Fact]
    public async Task A_person_registers_once_per_meeting()
    {
        await using var registry = await StartWithMeetingAsync();
        var person = await registry.StakeholderAsync();
        await registry.RegistrationAsync(Meeting, person.Name, Attendance.Onsite);

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "REGISTRATION_ALREADY_EXISTS", () => registry.RegistrationAsync(Meeting, person.Name, Attendance.Remote));

        Assert.Single((await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting })).Registrations);
    }

    [Fact]
    public async Task The_same_person_may_register_for_another_meeting()
    {
        await using var registry = await StartWithMeetingAsync();
        await registry.MeetingAsync("igf-2013");
        var person = await registry.StakeholderAsync();
        await registry.RegistrationAsync(Meeting, person.Name);

        var second = await registry.RegistrationAsync("meetings/igf-2013", person.Name);

        Assert.StartsWith("meetings/igf-2013/registrations/", second.Name, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registration_for_a_missing_stakeholder_is_not_found()
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => registry.RegistrationAsync(Meeting, "stakeholders/nobody"));
    }

    [Fact]
    public async Task A_registration_for_a_missing_meeting_is_not_found()
    {
        await using var registry = await StartWithMeetingAsync();
        var person = await registry.StakeholderAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.RegistrationAsync("meetings/igf-1999", person.Name));
    }

    [Fact]
    public async Task List_filters_by_attendance()
    {
        await using var registry = await StartWithMeetingAsync();
        var onsite = await registry.RegistrationAsync(Meeting, (await registry.StakeholderAsync("Peter Major", countryCode: "HU")).Name, Attendance.Onsite);
        var remote = await registry.RegistrationAsync(Meeting, (await registry.StakeholderAsync("Avri Doria", countryCode: "US")).Name, Attendance.Remote);

        var remoteOnly = await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting, Filter = "attendance = ATTENDANCE_REMOTE" });
        var onsiteOnly = await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting, Filter = "attendance = ATTENDANCE_ONSITE" });

        Assert.Equal(remote.Name, Assert.Single(remoteOnly.Registrations).Name);
        Assert.Equal(onsite.Name, Assert.Single(onsiteOnly.Registrations).Name);
    }

    [Fact]
    public async Task List_with_a_bad_attendance_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.InvalidFieldAsync("filter", () => registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting, Filter = "attendance = REMOTE" }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task Update_changes_the_attendance()
    {
        await using var registry = await StartWithMeetingAsync();
        var registration = await registry.RegistrationAsync(Meeting, (await registry.StakeholderAsync()).Name, Attendance.Onsite);

        var updated = await registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, Attendance = Attendance.Remote, Etag = registration.Etag },
            UpdateMask = new FieldMask { Paths = { "attendance" } },
        });

        Assert.Equal(Attendance.Remote, updated.Attendance);
        Assert.NotEqual(registration.Etag, updated.Etag);
        Assert.Equal(updated, await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_aborted()
    {
        await using var registry = await StartWithMeetingAsync();
        var registration = await registry.RegistrationAsync(Meeting, (await registry.StakeholderAsync()).Name, Attendance.Onsite);
        await registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, Attendance = Attendance.Remote },
            UpdateMask = new FieldMask { Paths = { "attendance" } },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.UpdateRegistrationAsync(new UpdateRegistrationRequest
        {
            Registration = new Registration { Name = registration.Name, Attendance = Attendance.Onsite, Etag = registration.Etag },
            UpdateMask = new FieldMask { Paths = { "attendance" } },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_removes_the_registration()
    {
        await using var registry = await StartWithMeetingAsync();
        var person = await registry.StakeholderAsync();
        var registration = await registry.RegistrationAsync(Meeting, person.Name);

        await registry.Meetings.DeleteRegistrationAsync(new DeleteRegistrationRequest { Name = registration.Name, Etag = registration.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "REGISTRATION_NOT_FOUND", () => registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }).ResponseAsync);
        Assert.Empty((await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting })).Registrations);
        // Registering again is allowed once the first registration is gone.
        await registry.RegistrationAsync(Meeting, person.Name);
    }
}
