using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Meetings.Arrange;

namespace ParticipationRegistry.Tests.Meetings;

public sealed class SessionTests
{
    private const string Meeting = "meetings/igf-2012";

    private static async Task<TestRegistry> StartWithMeetingAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        return registry;
    }

    [Fact]
    public async Task Create_under_a_missing_meeting_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.SessionAsync("meetings/igf-1999", "ws-85"));
    }

    [Fact]
    public async Task Create_with_a_chosen_id_names_the_session_by_it_and_defaults_to_proposed()
    {
        await using var registry = await StartWithMeetingAsync();

        var session = await registry.SessionAsync(Meeting, "ws-85", title: "Quo Vadis IGF");

        Assert.Equal("meetings/igf-2012/sessions/ws-85", session.Name);
        Assert.Equal(SessionState.Proposed, session.State);
        Assert.Equal(SessionKind.Workshop, session.Kind);
        Assert.Equal(session, await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
    }

    [Fact]
    public async Task Create_without_an_id_generates_one()
    {
        await using var registry = await StartWithMeetingAsync();

        var session = await registry.SessionAsync(Meeting);

        Assert.StartsWith("meetings/igf-2012/sessions/", session.Name, StringComparison.Ordinal);
        Assert.True(session.Name.Length > "meetings/igf-2012/sessions/".Length);
    }

    [Fact]
    public async Task Create_with_an_invalid_id_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.InvalidFieldAsync("session_id", () => registry.SessionAsync(Meeting, "WS_85"));
    }

    [Fact]
    public async Task Create_with_a_taken_id_already_exists()
    {
        await using var registry = await StartWithMeetingAsync();
        await registry.SessionAsync(Meeting, "ws-85");

        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "SESSION_ALREADY_EXISTS", () => registry.SessionAsync(Meeting, "ws-85"));
    }

    [Fact]
    public async Task Organizers_keep_the_order_given()
    {
        await using var registry = await StartWithMeetingAsync();
        var diplo = await registry.OrganizationAsync("Diplo Foundation");
        var isoc = await registry.OrganizationAsync("Internet Society");
        var itForChange = await registry.OrganizationAsync("IT for Change");

        var session = await registry.SessionAsync(Meeting, "ws-85", organizers: [itForChange.Name, diplo.Name, isoc.Name]);

        Assert.Equal([itForChange.Name, diplo.Name, isoc.Name], session.Organizers);
        var read = await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
        Assert.Equal([itForChange.Name, diplo.Name, isoc.Name], read.Organizers);
    }

    [Fact]
    public async Task A_missing_organizer_is_not_found_naming_its_position()
    {
        await using var registry = await StartWithMeetingAsync();
        var diplo = await registry.OrganizationAsync("Diplo Foundation");

        var status = await RpcAssert.FailsAsync(
            StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => registry.SessionAsync(Meeting, "ws-85", organizers: [diplo.Name, "organizations/nobody"]));

        Assert.Contains("session.organizers[1]", ViolationFields(status));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = $"{Meeting}/sessions/ws-85" }).ResponseAsync);
    }

    [Fact]
    public async Task A_missing_organizer_on_update_is_not_found()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");

        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "ORGANIZATION_NOT_FOUND", () => registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Organizers = { "organizations/nobody" } },
            UpdateMask = new FieldMask { Paths = { "organizers" } },
        }).ResponseAsync);

        Assert.Contains("session.organizers[0]", ViolationFields(status));
    }

    [Fact]
    public async Task An_organizer_listed_twice_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();
        var diplo = await registry.OrganizationAsync("Diplo Foundation");
        var isoc = await registry.OrganizationAsync("Internet Society");

        await RpcAssert.InvalidFieldAsync("session.organizers[2]", () => registry.SessionAsync(Meeting, "ws-85", organizers: [diplo.Name, isoc.Name, diplo.Name]));
    }

    [Fact]
    public async Task Gender_report_card_with_counts_and_band_round_trips()
    {
        await using var registry = await StartWithMeetingAsync();
        var card = new GenderReportCard
        {
            ParticipantCount = 60,
            WomenCount = 28,
            WomenShareBand = WomenShareBand.AboutHalf,
            GenderDiscussion = GenderDiscussion.Mentioned,
        };

        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting,
            SessionId = "ws-85",
            Session = new Session { DisplayName = "Quo Vadis IGF", GenderReportCard = card },
        });

        var read = await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
        Assert.Equal(card, read.GenderReportCard);
    }

    [Fact]
    public async Task Gender_report_card_with_only_a_band_has_no_counts()
    {
        await using var registry = await StartWithMeetingAsync();

        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting,
            Session = new Session
            {
                DisplayName = "Quo Vadis IGF",
                GenderReportCard = new GenderReportCard { WomenShareBand = WomenShareBand.Few, GenderDiscussion = GenderDiscussion.NotRaised },
            },
        });

        var card = (await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name })).GenderReportCard;
        Assert.False(card.HasParticipantCount);
        Assert.False(card.HasWomenCount);
        Assert.Equal(WomenShareBand.Few, card.WomenShareBand);
    }

    [Fact]
    public async Task More_women_than_participants_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.InvalidFieldAsync("session.gender_report_card.women_count", () => registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting,
            Session = new Session { DisplayName = "Quo Vadis IGF", GenderReportCard = new GenderReportCard { ParticipantCount = 10, WomenCount = 11 } },
        }).ResponseAsync);
    }

    [Fact]
    public async Task End_time_before_start_time_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.InvalidFieldAsync("session.end_time", () => registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting,
            Session = new Session { DisplayName = "Quo Vadis IGF", StartTime = Time(2012, 11, 7, 11), EndTime = Time(2012, 11, 7, 9, 30) },
        }).ResponseAsync);
    }

    [Fact]
    public async Task Start_and_end_times_round_trip()
    {
        await using var registry = await StartWithMeetingAsync();

        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting,
            Session = new Session { DisplayName = "Quo Vadis IGF", StartTime = Time(2012, 11, 7, 9, 30), EndTime = Time(2012, 11, 7, 11), Room = "Room 4" },
        });

        var read = await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
        Assert.Equal(Time(2012, 11, 7, 9, 30), read.StartTime);
        Assert.Equal(Time(2012, 11, 7, 11), read.EndTime);
        Assert.Equal("Room 4", read.Room);
    }

    [Fact]
    public async Task List_filters_by_kind_and_state_with_full_enum_names()
    {
        await using var registry = await StartWithMeetingAsync();
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting, SessionId = "ws-85", Session = new Session { DisplayName = "Workshop 85", Kind = SessionKind.Workshop, State = SessionState.Held },
        });
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting, SessionId = "ws-86", Session = new Session { DisplayName = "Workshop 86", Kind = SessionKind.Workshop, State = SessionState.Rejected },
        });
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = Meeting, SessionId = "main-1", Session = new Session { DisplayName = "Main session", Kind = SessionKind.MainSession, State = SessionState.Held },
        });

        var workshops = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting, Filter = "kind = SESSION_KIND_WORKSHOP" });
        var heldWorkshops = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest
        {
            Parent = Meeting, Filter = "kind = SESSION_KIND_WORKSHOP AND state = SESSION_STATE_HELD",
        });

        Assert.Equal(["meetings/igf-2012/sessions/ws-85", "meetings/igf-2012/sessions/ws-86"], workshops.Sessions.Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal("meetings/igf-2012/sessions/ws-85", Assert.Single(heldWorkshops.Sessions).Name);
    }

    [Theory]
    [InlineData("kind = WORKSHOP")]
    [InlineData("state = SESSION_STATE_FINISHED")]
    [InlineData("state = 4")]
    [InlineData("room = \"Room 4\"")]
    public async Task List_with_a_bad_filter_is_refused(string filter)
    {
        await using var registry = await StartWithMeetingAsync();

        await RpcAssert.InvalidFieldAsync("filter", () => registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting, Filter = filter }).ResponseAsync, "INVALID_FILTER");
    }

    [Fact]
    public async Task List_pages_through_every_session_once()
    {
        await using var registry = await StartWithMeetingAsync();
        var created = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            created.Add((await registry.SessionAsync(Meeting, $"ws-{i}")).Name);
        }

        var seen = new List<string>();
        var pages = 0;
        var token = "";
        do
        {
            var page = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting, PageSize = 2, PageToken = token });
            Assert.True(page.Sessions.Count <= 2);
            seen.AddRange(page.Sessions.Select(s => s.Name));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(created.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_page_token_reused_with_another_filter_is_refused()
    {
        await using var registry = await StartWithMeetingAsync();
        await registry.SessionAsync(Meeting, "ws-1");
        await registry.SessionAsync(Meeting, "ws-2");
        var first = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = Meeting, PageSize = 1 });

        await RpcAssert.InvalidFieldAsync("page_token", () => registry.Meetings.ListSessionsAsync(new ListSessionsRequest
        {
            Parent = Meeting, PageSize = 1, PageToken = first.NextPageToken, Filter = "state = SESSION_STATE_PROPOSED",
        }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task List_of_a_missing_meeting_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", () => registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-1999" }).ResponseAsync);
    }

    [Fact]
    public async Task Update_with_a_stale_etag_is_aborted()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");
        await registry.SetStateAsync(session.Name, SessionState.Accepted);

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, State = SessionState.Rejected, Etag = session.Etag },
            UpdateMask = new FieldMask { Paths = { "state" } },
        }).ResponseAsync);

        Assert.Equal(SessionState.Accepted, (await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name })).State);
    }

    [Fact]
    public async Task Delete_of_a_session_with_seats_fails_without_force()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");
        var seat = await registry.SeatAsync(session.Name, (await registry.StakeholderAsync()).Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "SESSION_HAS_SEATS", () => registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = session.Name }).ResponseAsync);

        await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
        await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
    }

    [Fact]
    public async Task Delete_of_a_session_without_seats_removes_it()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");

        await registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = session.Name, Etag = session.Etag });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Forced_delete_of_a_session_not_held_removes_its_seats()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85", state: SessionState.Scheduled);
        var person = await registry.StakeholderAsync();
        var seat = await registry.SeatAsync(session.Name, person.Name);

        await registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = session.Name, Force = true });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", () => registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "PARTICIPANT_NOT_FOUND", () => registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name }).ResponseAsync);
        Assert.Empty(await registry.AllSeatsAsync($"{Meeting}/sessions/-"));
    }

    [Fact]
    public async Task A_held_session_with_seats_cannot_be_deleted_even_with_force()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");
        var seat = await registry.SeatAsync(session.Name, (await registry.StakeholderAsync()).Name);
        await registry.SetStateAsync(session.Name, SessionState.Held);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "SESSION_HELD", () => registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = session.Name, Force = true }).ResponseAsync);

        await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
        await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
    }

    [Fact]
    public async Task A_held_session_stays_held()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");
        await registry.SetStateAsync(session.Name, SessionState.Held);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "SESSION_HELD", () => registry.SetStateAsync(session.Name, SessionState.Scheduled));

        Assert.Equal(SessionState.Held, (await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name })).State);
        // Other fields of a held session can still be corrected.
        var renamed = await registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Room = "Room 3" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "room" } },
        });
        Assert.Equal("Room 3", renamed.Room);
    }

    [Fact]
    public async Task Delete_with_a_stale_etag_is_aborted()
    {
        await using var registry = await StartWithMeetingAsync();
        var session = await registry.SessionAsync(Meeting, "ws-85");
        await registry.SetStateAsync(session.Name, SessionState.Accepted);

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = session.Name, Etag = session.Etag }).ResponseAsync);

        await registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = session.Name });
    }
}
