using System.Net;
using System.Text.Json;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Programme;

/// <summary>
/// The published programme feed: SCHEDULED and HELD sessions in the meeting's local time (iCalendar read back
/// by Ical.Net and by <see cref="RfcLines"/>; JSON with offsets), names only as the seat consent rules allow.
/// </summary>
public sealed class ProgrammeFeedTests
{
    private sealed record Setup(TestRegistry Registry, string MeetingId, Session Summer, Session Winter, Session Proposed);

    /// <summary>
    /// A Berlin meeting: a scheduled session in summer (CEST, +02:00) with a consenting and a refusing panellist,
    /// a held one in winter (CET, +01:00), and a proposed one.
    /// </summary>
    private static async Task<Setup> BerlinAsync(TestRegistry registry, string zone = "Europe/Berlin")
    {
        var meeting = await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = "berlin-2026",
            Meeting = new Meeting { DisplayName = "Berlin IGF 2026", Forum = "IGF", TimeZone = zone },
        });
        var summer = await SessionAsync(registry, meeting.Name, "summer", "Open data, open minds", SessionState.Scheduled, Arrange.Time(2026, 6, 23, 8), Arrange.Time(2026, 6, 23, 9, 30), "Room 1");
        var winter = await SessionAsync(registry, meeting.Name, "winter", "Town hall", SessionState.Scheduled, Arrange.Time(2026, 11, 30, 9), Arrange.Time(2026, 11, 30, 10), "Plenary");
        await registry.SetStateAsync(winter.Name, SessionState.Held);
        var proposed = await SessionAsync(registry, meeting.Name, "proposed", "Not yet accepted", SessionState.Proposed, Arrange.Time(2026, 6, 24, 8), Arrange.Time(2026, 6, 24, 9), "Room 2");
        var given = await PersonAsync(registry, "Anja Given", PublicationConsent.Given);
        var refused = await PersonAsync(registry, "Rolf Refused", PublicationConsent.Refused);
        await registry.SeatAsync(summer.Name, given.Name, ParticipantRole.Moderator);
        await registry.SeatAsync(summer.Name, refused.Name);
        await registry.SeatAsync(proposed.Name, given.Name);
        return new Setup(registry, "berlin-2026", summer, winter, proposed);
    }

    private static async Task<Session> SessionAsync(
        TestRegistry registry, string meeting, string id, string title, SessionState state, Google.Protobuf.WellKnownTypes.Timestamp start, Google.Protobuf.WellKnownTypes.Timestamp end, string room) =>
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = meeting,
            SessionId = id,
            Session = new Session { DisplayName = title, Kind = SessionKind.Workshop, State = state, StartTime = start, EndTime = end, Room = room },
        });

    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string name, PublicationConsent consent) =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = name, Affiliation = $"{name}'s affiliation", StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "DE", PublicationConsent = consent,
            },
        });

    private static async Task<HttpResponseMessage> GetAsync(TestRegistry registry, string path, string? secret = null)
    {
        using var http = registry.HttpClientFor(secret);
        return await http.GetAsync(new Uri(path, UriKind.Relative));
    }

    [Fact]
    public async Task The_ics_feed_gives_local_times_with_a_vtimezone_to_Ical_Net_and_to_an_independent_reader()
    {
        await using var registry = await TestRegistry.StartAsync();
        await BerlinAsync(registry);

        var response = await GetAsync(registry, "/programme/meetings/berlin-2026.ics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());

        // The independent reader: VTIMEZONE present, one VEVENT per published session, wall-clock times with TZID.
        Assert.Equal("Europe/Berlin", Assert.Single(RfcLines.Components(text, "VTIMEZONE")).Text("TZID"));
        Assert.Contains(RfcLines.Components(text, "STANDARD"), c => c.Text("TZOFFSETTO") == "+0100");
        Assert.Contains(RfcLines.Components(text, "DAYLIGHT"), c => c.Text("TZOFFSETTO") == "+0200");
        var events = RfcLines.Components(text, "VEVENT").ToDictionary(e => e.Text("SUMMARY"));
        Assert.Equal(["Open data, open minds", "Town hall"], events.Keys.Order());
        Assert.Equal(("Europe/Berlin", new DateTime(2026, 6, 23, 10, 0, 0)), events["Open data, open minds"].LocalTime("DTSTART"));
        Assert.Equal(("Europe/Berlin", new DateTime(2026, 6, 23, 11, 30, 0)), events["Open data, open minds"].LocalTime("DTEND"));
        Assert.Equal(("Europe/Berlin", new DateTime(2026, 11, 30, 10, 0, 0)), events["Town hall"].LocalTime("DTSTART"));
        Assert.Equal("Room 1", events["Open data, open minds"].Text("LOCATION"));
        var description = events["Open data, open minds"].Text("DESCRIPTION");
        Assert.Contains("Anja Given, Anja Given's affiliation — Moderator, Civil Society, WEOG", description, StringComparison.Ordinal);
        Assert.Contains("a panellist — Speaker, Civil Society, WEOG", description, StringComparison.Ordinal);
        Assert.DoesNotContain("Rolf", text, StringComparison.Ordinal);

        // Ical.Net reads the same events and, through the VTIMEZONE's zone, the same instants.
        var calendar = Ical.Net.Calendar.Load(text)!;
        var summer = calendar.Events.Single(e => e.Summary == "Open data, open minds");
        Assert.Equal("Europe/Berlin", summer.DtStart!.TzId);
        Assert.Equal(new DateTime(2026, 6, 23, 10, 0, 0), summer.DtStart.Value);
        Assert.Equal(new DateTime(2026, 6, 23, 8, 0, 0, DateTimeKind.Utc), summer.DtStart.AsUtc);
        Assert.Equal(new DateTime(2026, 11, 30, 9, 0, 0, DateTimeKind.Utc), calendar.Events.Single(e => e.Summary == "Town hall").DtStart!.AsUtc);
        Assert.Equal(2, calendar.Events.Count);
        Assert.Single(calendar.TimeZones);
    }

    [Fact]
    public async Task A_zone_without_daylight_saving_gives_its_fixed_offset()
    {
        await using var registry = await TestRegistry.StartAsync();
        await BerlinAsync(registry, "Asia/Riyadh");

        var text = await (await GetAsync(registry, "/programme/meetings/berlin-2026.ics")).Content.ReadAsStringAsync();
        Assert.Equal("Asia/Riyadh", Assert.Single(RfcLines.Components(text, "VTIMEZONE")).Text("TZID"));
        Assert.NotEmpty(RfcLines.Components(text, "STANDARD"));
        Assert.All(RfcLines.Components(text, "STANDARD"), c => Assert.Equal("+0300", c.Text("TZOFFSETTO")));
        Assert.Empty(RfcLines.Components(text, "DAYLIGHT"));
        var events = RfcLines.Components(text, "VEVENT").ToDictionary(e => e.Text("SUMMARY"));
        Assert.Equal(("Asia/Riyadh", new DateTime(2026, 6, 23, 11, 0, 0)), events["Open data, open minds"].LocalTime("DTSTART"));
        Assert.Equal(("Asia/Riyadh", new DateTime(2026, 11, 30, 12, 0, 0)), events["Town hall"].LocalTime("DTSTART"));

        using var json = JsonDocument.Parse(await (await GetAsync(registry, "/programme/meetings/berlin-2026.json")).Content.ReadAsStringAsync());
        Assert.Equal("2026-06-23T11:00:00+03:00", json.RootElement.GetProperty("sessions")[0].GetProperty("startTime").GetString());
    }

    [Fact]
    public async Task A_past_meeting_carries_the_zone_rules_of_its_own_time()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = "baku-2012",
            Meeting = new Meeting { DisplayName = "IGF 2012, Baku", Forum = "IGF", TimeZone = "Asia/Baku" },
        });
        await SessionAsync(registry, meeting.Name, "ws-85", "Quo Vadis IGF", SessionState.Held, Arrange.Time(2012, 11, 6, 9), Arrange.Time(2012, 11, 6, 10, 30), "Room 3");

        var text = await (await GetAsync(registry, "/programme/meetings/baku-2012.ics")).Content.ReadAsStringAsync();
        var rules = RfcLines.Components(text, "STANDARD").Concat(RfcLines.Components(text, "DAYLIGHT"));
        Assert.Contains(rules, r => string.CompareOrdinal(r.Text("DTSTART"), "20121106T130000") <= 0 && r.Text("TZOFFSETTO") == "+0400");
        Assert.Equal(("Asia/Baku", new DateTime(2012, 11, 6, 13, 0, 0)), Assert.Single(RfcLines.Components(text, "VEVENT")).LocalTime("DTSTART"));
        Assert.Equal(new DateTime(2012, 11, 6, 9, 0, 0, DateTimeKind.Utc), Assert.Single(Ical.Net.Calendar.Load(text)!.Events).DtStart!.AsUtc);

        using var json = JsonDocument.Parse(await (await GetAsync(registry, "/programme/meetings/baku-2012.json")).Content.ReadAsStringAsync());
        Assert.Equal("2012-11-06T13:00:00+04:00", json.RootElement.GetProperty("sessions")[0].GetProperty("startTime").GetString());
    }

    [Fact]
    public async Task The_json_feed_has_local_times_with_offsets_and_names_only_who_consented()
    {
        await using var registry = await TestRegistry.StartAsync();
        await BerlinAsync(registry);

        var response = await GetAsync(registry, "/programme/meetings/berlin-2026.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal("Europe/Berlin", root.GetProperty("timeZone").GetString());
        var sessions = root.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal(["meetings/berlin-2026/sessions/summer", "meetings/berlin-2026/sessions/winter"], sessions.Select(s => s.GetProperty("name").GetString()));
        Assert.Equal("2026-06-23T10:00:00+02:00", sessions[0].GetProperty("startTime").GetString());
        Assert.Equal("2026-06-23T11:30:00+02:00", sessions[0].GetProperty("endTime").GetString());
        Assert.Equal("2026-11-30T10:00:00+01:00", sessions[1].GetProperty("startTime").GetString());
        Assert.Equal("SESSION_STATE_HELD", sessions[1].GetProperty("state").GetString());
        Assert.Equal("SESSION_KIND_WORKSHOP", sessions[0].GetProperty("kind").GetString());
        Assert.Equal("Room 1", sessions[0].GetProperty("room").GetString());

        var panel = sessions[0].GetProperty("panellists").EnumerateArray().ToDictionary(p => p.GetProperty("role").GetString()!);
        Assert.Equal("Anja Given", panel["PARTICIPANT_ROLE_MODERATOR"].GetProperty("displayName").GetString());
        var hidden = panel["PARTICIPANT_ROLE_SPEAKER"];
        Assert.Equal("a panellist", hidden.GetProperty("displayName").GetString());
        Assert.Equal("", hidden.GetProperty("affiliation").GetString());
        Assert.Equal("STAKEHOLDER_GROUP_CIVIL_SOCIETY", hidden.GetProperty("stakeholderGroup").GetString());
        Assert.Equal("REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS", hidden.GetProperty("regionalGroup").GetString());
        Assert.DoesNotContain("Rolf", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Not yet accepted", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_caller_with_rights_sees_every_name_and_the_answer_is_not_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        await BerlinAsync(registry);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        foreach (var path in new[] { "/programme/meetings/berlin-2026.json", "/programme/meetings/berlin-2026.ics" })
        {
            var admin = await GetAsync(registry, path, TestRegistry.AdminSecret);
            Assert.Contains("Rolf Refused", await admin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("no-store", admin.Headers.CacheControl?.ToString());

            var asViewer = await GetAsync(registry, path, viewer);
            Assert.DoesNotContain("Rolf", await asViewer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("public, max-age=300", asViewer.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task An_organiser_sees_the_names_on_its_own_panel_only()
    {
        await using var registry = await TestRegistry.StartAsync();
        var setup = await BerlinAsync(registry);
        var own = await registry.CreateKeyAsync(Role.Organizer, [setup.Summer.Name]);
        var other = await registry.CreateKeyAsync(Role.Organizer, [setup.Winter.Name]);

        var ownAnswer = await GetAsync(registry, "/programme/meetings/berlin-2026.json", own);
        Assert.Contains("Rolf Refused", await ownAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", ownAnswer.Headers.CacheControl?.ToString());

        var otherAnswer = await GetAsync(registry, "/programme/meetings/berlin-2026.json", other);
        Assert.DoesNotContain("Rolf", await otherAnswer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("public, max-age=300", otherAnswer.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_meeting_without_a_zone_is_in_UTC_and_unknown_meetings_and_bad_keys_are_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("utc-2026");
        await SessionAsync(registry, meeting.Name, "s", "Lightning talk", SessionState.Scheduled, Arrange.Time(2026, 6, 23, 8), Arrange.Time(2026, 6, 23, 8, 20), "");

        var text = await (await GetAsync(registry, "/programme/meetings/utc-2026.ics")).Content.ReadAsStringAsync();
        Assert.Empty(RfcLines.Components(text, "VTIMEZONE"));
        var start = Assert.Single(RfcLines.Components(text, "VEVENT")).One("DTSTART");
        Assert.Equal("20260623T080000Z", start.Value);
        var calendarEvent = Assert.Single(Ical.Net.Calendar.Load(text)!.Events);
        Assert.Equal(new DateTime(2026, 6, 23, 8, 0, 0, DateTimeKind.Utc), calendarEvent.DtStart!.AsUtc);
        using var json = JsonDocument.Parse(await (await GetAsync(registry, "/programme/meetings/utc-2026.json")).Content.ReadAsStringAsync());
        Assert.Equal("2026-06-23T08:00:00+00:00", json.RootElement.GetProperty("sessions")[0].GetProperty("startTime").GetString());

        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(registry, "/programme/meetings/nowhere.ics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(registry, "/programme/meetings/nowhere.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync(registry, "/programme/meetings/utc-2026.ics", "prk_unknown-unknown-unknown-unknown")).StatusCode);
    }

}
