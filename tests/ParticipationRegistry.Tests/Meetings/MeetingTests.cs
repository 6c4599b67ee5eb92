using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Meetings.Arrange;

namespace ParticipationRegistry.Tests.Meetings;

public sealed class MeetingTests
{
    [Fact]
    public async Task Create_with_a_chosen_id_names_the_meeting_by_it()
    {
        await using var registry = await TestRegistry.StartAsync();

        var meeting = await registry.MeetingAsync("igf-2012");

        Assert.Equal("meetings/igf-2012", meeting.Name);
        Assert.Equal("IGF 2012, Baku", meeting.DisplayName);
        Assert.Equal("forums/igf", meeting.Forum);
        Assert.NotNull(meeting.CreateTime);
        Assert.NotEmpty(meeting.Etag);
        Assert.Equal(meeting, await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" }));
    }

    [Fact]
    public async Task Create_without_an_id_generates_one()
    {
        await using var registry = await TestRegistry.StartAsync();

        var first = await registry.MeetingAsync();
        var second = await registry.MeetingAsync();

        Assert.StartsWith("meetings/", first.Name, StringComparison.Ordinal);
        Assert.True(first.Name.Length > "meetings/".Length);
        Assert.NotEqual(first.Name, second.Name);
        Assert.Equal(first, await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = first.Name }));
    }

    [Theory]
    [InlineData("IGF_2012")]
    [InlineData("-x")]
    [InlineData("igf-")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Create_with_an_invalid_id_is_refused(string id)
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("meeting_id", () => registry.MeetingAsync(id));

        Assert.Empty((await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings);
    }

    [Fact]
    public async Task Create_with_the_longest_valid_id_succeeds()
    {
        await using var registry = await TestRegistry.StartAsync();
        var id = "a" + new string('0', 62);

        var meeting = await registry.MeetingAsync(id);

        Assert.Equal($"meetings/{id}", meeting.Name);
    }

    [Fact]
    public async Task Create_with_a_taken_id_already_exists()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012", displayName: "IGF 2012, Baku");

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "MEETING_ALREADY_EXISTS", () => registry.MeetingAsync("igf-2012", displayName: "Another"));

        var kept = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });
        Assert.Equal("IGF 2012, Baku", kept.DisplayName);
    }

    [Fact]
    public async Task Start_and_end_dates_and_country_round_trip()
    {
        await using var registry = await TestRegistry.StartAsync();

        var created = await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = "igf-2012",
            Meeting = new Meeting { DisplayName = "IGF 2012, Baku", StartDate = Date(2012, 11, 6), EndDate = Date(2012, 11, 9), CountryCode = "az" },
        });

        var read = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = created.Name });
        Assert.Equal(Date(2012, 11, 6), read.StartDate);
        Assert.Equal(Date(2012, 11, 9), read.EndDate);
        Assert.Equal("AZ", read.CountryCode);
    }

    [Fact]
    public async Task End_date_before_start_date_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("meeting.end_date", () => registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "IGF 2012, Baku", StartDate = Date(2012, 11, 9), EndDate = Date(2012, 11, 6) },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Update_moving_the_end_date_before_the_start_date_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012", start: Date(2012, 11, 6));

        await RpcAssert.InvalidFieldAsync("meeting.end_date", () => registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = meeting.Name, EndDate = Date(2012, 11, 5) },
            UpdateMask = new FieldMask { Paths = { "end_date" } },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Unknown_country_code_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("meeting.country_code", () => registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "Nowhere", CountryCode = "ZZ" },
        }).ResponseAsync);
    }

    [Fact]
    public async Task List_is_ordered_by_start_date()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2014", start: Date(2014, 9, 2));
        await registry.MeetingAsync("igf-2012", start: Date(2012, 11, 6));
        await registry.MeetingAsync("igf-2013", start: Date(2013, 10, 22));

        var listed = await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest());

        Assert.Equal(["meetings/igf-2012", "meetings/igf-2013", "meetings/igf-2014"], listed.Meetings.Select(m => m.Name));
        Assert.Empty(listed.NextPageToken);
    }

    [Fact]
    public async Task List_filtered_by_forum_returns_only_that_forum()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012", forum: "IGF", start: Date(2012, 11, 6));
        await registry.MeetingAsync("eurodig-2012", forum: "EuroDIG", start: Date(2012, 6, 14));
        await registry.MeetingAsync("igf-2013", forum: "IGF", start: Date(2013, 10, 22));

        var listed = await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest { Filter = "forum = \"IGF\"" });

        Assert.Equal(["meetings/igf-2012", "meetings/igf-2013"], listed.Meetings.Select(m => m.Name));
    }

    [Fact]
    public async Task List_filter_on_an_unknown_field_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("filter", () => registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest { Filter = "city = \"Baku\"" }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task Update_with_a_mask_changes_only_the_masked_fields()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012", displayName: "IGF 2012", forum: "IGF");

        var updated = await registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = meeting.Name, DisplayName = "IGF 2012, Baku", Forum = "EuroDIG", Etag = meeting.Etag },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        Assert.Equal("IGF 2012, Baku", updated.DisplayName);
        Assert.Equal("forums/igf", updated.Forum);
        Assert.NotEqual(meeting.Etag, updated.Etag);
        Assert.Equal(updated, await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }));
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_aborted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012", displayName: "IGF 2012");
        await registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = meeting.Name, DisplayName = "IGF 2012, Baku", Etag = meeting.Etag },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = meeting.Name, DisplayName = "Stale write", Etag = meeting.Etag },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }).ResponseAsync);

        var kept = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name });
        Assert.Equal("IGF 2012, Baku", kept.DisplayName);
    }

    [Fact]
    public async Task Get_of_a_missing_meeting_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-1999" }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_of_an_empty_meeting_removes_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");

        await registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name, Etag = meeting.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Delete_of_a_meeting_with_sessions_fails_without_force()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var session = await registry.SessionAsync(meeting.Name, "ws-85");

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "MEETING_NOT_EMPTY", () => registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name }).ResponseAsync);

        await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name });
        await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
    }

    [Fact]
    public async Task Delete_of_a_meeting_with_registrations_fails_without_force()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var person = await registry.StakeholderAsync();
        await registry.RegistrationAsync(meeting.Name, person.Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "MEETING_NOT_EMPTY", () => registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Forced_delete_removes_sessions_seats_and_registrations()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var session = await registry.SessionAsync(meeting.Name, "ws-85", state: SessionState.Scheduled);
        var person = await registry.StakeholderAsync();
        var seat = await registry.SeatAsync(session.Name, person.Name);
        var registration = await registry.RegistrationAsync(meeting.Name, person.Name);

        await registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name, Force = true });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "REGISTRATION_NOT_FOUND", () => registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name }).ResponseAsync);
        // The person no longer holds anything, so a plain delete now works.
        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name });
    }

    [Fact]
    public async Task Forced_delete_of_a_meeting_with_a_held_session_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(meeting.Name, "ws-84");
        var held = await registry.SessionAsync(meeting.Name, "ws-85", state: SessionState.Held);
        var person = await registry.StakeholderAsync();
        var seat = await registry.SeatAsync(held.Name, person.Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "SESSION_HELD", () => registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name, Force = true }).ResponseAsync);

        await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name });
        Assert.Equal(2, (await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = meeting.Name })).Sessions.Count);
        await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_aborted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        await registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = meeting.Name, Forum = "EuroDIG" },
            UpdateMask = new FieldMask { Paths = { "forum" } },
        });

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name, Etag = meeting.Etag }).ResponseAsync);

        await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name });
    }
}
