using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>Short ways to create what a meeting test stands on, through the public API.</summary>
internal static class Arrange
{
    public static async Task<Meeting> MeetingAsync(
        this TestRegistry registry, string id = "", string displayName = "IGF 2012, Baku", string forum = "IGF", Google.Type.Date? start = null)
    {
        var meeting = new Meeting { DisplayName = displayName, Forum = forum };
        if (start is not null)
        {
            meeting.StartDate = start;
            meeting.EndDate = start;
        }

        return await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { Meeting = meeting, MeetingId = id });
    }

    public static async Task<Session> SessionAsync(
        this TestRegistry registry, string meeting, string id = "", string title = "Quo Vadis IGF", SessionState state = SessionState.Unspecified, params string[] organizers) =>
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = meeting,
            SessionId = id,
            Session = new Session { DisplayName = title, Kind = SessionKind.Workshop, State = state, Organizers = { organizers } },
        });

    public static async Task<Session> SetStateAsync(this TestRegistry registry, string session, SessionState state) =>
        await registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session, State = state },
            UpdateMask = new FieldMask { Paths = { "state" } },
        });

    public static async Task<Organization> OrganizationAsync(
        this TestRegistry registry, string displayName = "IT for Change", StakeholderGroup group = StakeholderGroup.CivilSociety) =>
        await registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest
        {
            Organization = new Organization { DisplayName = displayName, StakeholderGroup = group },
        });

    public static async Task<Stakeholder> StakeholderAsync(
        this TestRegistry registry,
        string displayName = "Parminder Jeet Singh",
        string affiliation = "Executive Coordinator, IT for Change",
        StakeholderGroup group = StakeholderGroup.CivilSociety,
        string countryCode = "IN",
        string organization = "") =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = displayName,
                Affiliation = affiliation,
                StakeholderGroup = group,
                CountryCode = countryCode,
                Organization = organization,
            },
        });

    public static async Task<Participant> SeatAsync(
        this TestRegistry registry, string session, string stakeholder, ParticipantRole role = ParticipantRole.Speaker, Confirmation confirmation = Confirmation.Unspecified) =>
        await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = session,
            Participant = new Participant { Stakeholder = stakeholder, Role = role, Confirmation = confirmation },
        });

    public static async Task<Registration> RegistrationAsync(
        this TestRegistry registry, string meeting, string stakeholder, Attendance attendance = Attendance.Onsite) =>
        await registry.Meetings.CreateRegistrationAsync(new CreateRegistrationRequest
        {
            Parent = meeting,
            Registration = new Registration { Stakeholder = stakeholder, Attendance = attendance },
        });

    /// <summary>Every seat of a session (or of a meeting, with <c>sessions/-</c>), following page tokens.</summary>
    public static async Task<List<Participant>> AllSeatsAsync(this TestRegistry registry, string parent, string filter = "")
    {
        var seats = new List<Participant>();
        var token = "";
        do
        {
            var page = await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = parent, Filter = filter, PageToken = token });
            seats.AddRange(page.Participants);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return seats;
    }

    public static Google.Type.Date Date(int year, int month, int day) => new() { Year = year, Month = month, Day = day };

    public static Timestamp Time(int year, int month, int day, int hour, int minute = 0) =>
        Timestamp.FromDateTime(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc));

    /// <summary>The BadRequest violation fields of a failed call's status.</summary>
    public static IEnumerable<string> ViolationFields(Google.Rpc.Status status) =>
        status.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? [];
}
