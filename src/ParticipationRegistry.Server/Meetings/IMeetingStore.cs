using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>
/// The storage seam for meetings, sessions, seats and registrations: one unit of work per method;
/// refusals are <see cref="RegistryException"/>s. Updates take a change applied to the current row
/// and write it only if the version is still the expected one (or unchanged since the read, when null).
/// </summary>
public interface IMeetingStore
{
    Created<ForumRow> CreateForum(ForumRow draft, RequestIdClaim? claim, Func<ForumRow, byte[]> encodeResponse);
    ForumRow GetForum(ForumName name);
    Page<ForumRow> ListForums(ListQuery query);
    ForumRow UpdateForum(ForumName name, long? expectedVersion, Func<ForumRow, ForumRow> change);
    void DeleteForum(ForumName name, long? expectedVersion);

    /// <summary>The forum of the meeting, null when the meeting or its forum is missing.</summary>
    ForumRow? ForumOfMeeting(string meetingId);

    /// <summary>A meeting's free-text forum names (or creates) the forum of its slug; a resource name must exist.</summary>
    Created<MeetingRow> CreateMeeting(MeetingRow draft, RequestIdClaim? claim, Func<MeetingRow, byte[]> encodeResponse);
    MeetingRow GetMeeting(MeetingName name);
    Page<MeetingRow> ListMeetings(ListQuery query);
    MeetingRow UpdateMeeting(MeetingName name, long? expectedVersion, Func<MeetingRow, MeetingRow> change);
    void DeleteMeeting(MeetingName name, long? expectedVersion, bool force);

    Created<SessionRow> CreateSession(SessionRow draft, RequestIdClaim? claim, Func<SessionRow, byte[]> encodeResponse);
    SessionRow GetSession(SessionName name);
    Page<SessionRow> ListSessions(MeetingName parent, ListQuery query);
    SessionRow UpdateSession(SessionName name, long? expectedVersion, Func<SessionRow, SessionRow> change);
    void DeleteSession(SessionName name, long? expectedVersion, bool force);

    Created<ParticipantRow> CreateParticipant(ParticipantRow draft, RequestIdClaim? claim, Func<ParticipantRow, byte[]> encodeResponse);
    ParticipantRow GetParticipant(ParticipantName name);

    /// <summary>A wildcard <paramref name="parent"/> (<c>meetings/{meeting}/sessions/-</c>) lists the seats of every session of the meeting.</summary>
    Page<ParticipantRow> ListParticipants(SessionName parent, ListQuery query);

    /// <summary>Of the meeting's seats <paramref name="participantIds"/>, those on a SCHEDULED or HELD session whose person did not refuse publication.</summary>
    IReadOnlySet<string> PublishedWithConsent(string meetingId, IReadOnlyCollection<string> participantIds);

    ParticipantRow UpdateParticipant(ParticipantName name, long? expectedVersion, Func<ParticipantRow, ParticipantRow> change);
    void DeleteParticipant(ParticipantName name, long? expectedVersion);

    Created<RegistrationRow> CreateRegistration(RegistrationRow draft, RequestIdClaim? claim, Func<RegistrationRow, byte[]> encodeResponse);
    RegistrationRow GetRegistration(RegistrationName name);
    Page<RegistrationRow> ListRegistrations(MeetingName parent, ListQuery query);
    RegistrationRow UpdateRegistration(RegistrationName name, long? expectedVersion, Func<RegistrationRow, RegistrationRow> change);
    void DeleteRegistration(RegistrationName name, long? expectedVersion);
}
