using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>
/// The storage seam for meetings, sessions, seats and registrations: one unit of work per method;
/// refusals are <see cref="RegistryException"/>s. Updates take a change applied to the current row
/// and write it only if the version is still the expected one.
/// </summary>
public interface IMeetingStore
{
    Created<MeetingRow> CreateMeeting(MeetingRow draft, RequestIdClaim? claim, Func<MeetingRow, byte[]> encodeResponse);
    MeetingRow GetMeeting(string id);
    Page<MeetingRow> ListMeetings(ListQuery query);
    MeetingRow UpdateMeeting(string id, long? expectedVersion, Func<MeetingRow, MeetingRow> change);
    void DeleteMeeting(string id, long? expectedVersion, bool force);

    Created<SessionRow> CreateSession(SessionRow draft, RequestIdClaim? claim, Func<SessionRow, byte[]> encodeResponse);
    SessionRow GetSession(string meetingId, string id);
    Page<SessionRow> ListSessions(string meetingId, ListQuery query);
    SessionRow UpdateSession(string meetingId, string id, long? expectedVersion, Func<SessionRow, SessionRow> change);
    void DeleteSession(string meetingId, string id, long? expectedVersion, bool force);

    Created<ParticipantRow> CreateParticipant(ParticipantRow draft, RequestIdClaim? claim, Func<ParticipantRow, byte[]> encodeResponse);
    ParticipantRow GetParticipant(string meetingId, string sessionId, string id);

    /// <summary>A null <paramref name="sessionId"/> lists the seats of every session of the meeting.</summary>
    Page<ParticipantRow> ListParticipants(string meetingId, string? sessionId, ListQuery query);
    ParticipantRow UpdateParticipant(string meetingId, string sessionId, string id, long? expectedVersion, Func<ParticipantRow, ParticipantRow> change);
    void DeleteParticipant(string meetingId, string sessionId, string id, long? expectedVersion);

    Created<RegistrationRow> CreateRegistration(RegistrationRow draft, RequestIdClaim? claim, Func<RegistrationRow, byte[]> encodeResponse);
    RegistrationRow GetRegistration(string meetingId, string id);
    Page<RegistrationRow> ListRegistrations(string meetingId, ListQuery query);
    RegistrationRow UpdateRegistration(string meetingId, string id, long? expectedVersion, Func<RegistrationRow, RegistrationRow> change);
    void DeleteRegistration(string meetingId, string id, long? expectedVersion);
}
