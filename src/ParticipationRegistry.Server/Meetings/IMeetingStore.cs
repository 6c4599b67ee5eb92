using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>
/// The storage seam for meetings, sessions, seats and registrations: one unit of work per method;
/// refusals are <see cref="RegistryException"/>s. Updates take a change applied to the current row
/// and write it only if the version is still the expected one (or unchanged since the read, when null).
/// </summary>
public interface IMeetingStore
{
    Task<Created<ForumRow>> CreateForumAsync(ForumRow draft, RequestIdClaim? claim, Func<ForumRow, byte[]> encodeResponse);
    ForumRow GetForum(ForumName name);
    Page<ForumRow> ListForums(ListQuery query);
    Task<ForumRow> UpdateForumAsync(ForumName name, long? expectedVersion, Func<ForumRow, ForumRow> change);
    Task DeleteForumAsync(ForumName name, long? expectedVersion);

    /// <summary>The forum of the meeting, null when the meeting or its forum is missing.</summary>
    ForumRow? ForumOfMeeting(string meetingId);

    /// <summary>A meeting's free-text forum names (or creates) the forum of its slug; a resource name must exist.</summary>
    Task<Created<MeetingRow>> CreateMeetingAsync(MeetingRow draft, RequestIdClaim? claim, Func<MeetingRow, byte[]> encodeResponse);
    MeetingRow GetMeeting(MeetingName name);
    Page<MeetingRow> ListMeetings(ListQuery query);
    Task<MeetingRow> UpdateMeetingAsync(MeetingName name, long? expectedVersion, Func<MeetingRow, MeetingRow> change);
    Task DeleteMeetingAsync(MeetingName name, long? expectedVersion, bool force);

    Task<Created<SessionRow>> CreateSessionAsync(SessionRow draft, RequestIdClaim? claim, Func<SessionRow, byte[]> encodeResponse);
    SessionRow GetSession(SessionName name);
    Page<SessionRow> ListSessions(MeetingName parent, ListQuery query);
    Task<SessionRow> UpdateSessionAsync(SessionName name, long? expectedVersion, Func<SessionRow, SessionRow> change);
    Task DeleteSessionAsync(SessionName name, long? expectedVersion, bool force);

    Task<Created<ParticipantRow>> CreateParticipantAsync(ParticipantRow draft, RequestIdClaim? claim, Func<ParticipantRow, byte[]> encodeResponse);
    ParticipantRow GetParticipant(ParticipantName name);

    /// <summary>A wildcard <paramref name="parent"/> (<c>meetings/{meeting}/sessions/-</c>) lists the seats of every session of the meeting.</summary>
    Page<ParticipantRow> ListParticipants(SessionName parent, ListQuery query);

    /// <summary>Of the meeting's seats <paramref name="participantIds"/>, those on a SCHEDULED or HELD session whose person did not refuse publication.</summary>
    IReadOnlySet<string> PublishedWithConsent(string meetingId, IReadOnlyCollection<string> participantIds);

    Task<ParticipantRow> UpdateParticipantAsync(ParticipantName name, long? expectedVersion, Func<ParticipantRow, ParticipantRow> change);
    Task DeleteParticipantAsync(ParticipantName name, long? expectedVersion);

    Task<Created<RegistrationRow>> CreateRegistrationAsync(RegistrationRow draft, RequestIdClaim? claim, Func<RegistrationRow, byte[]> encodeResponse);
    RegistrationRow GetRegistration(RegistrationName name);
    Page<RegistrationRow> ListRegistrations(MeetingName parent, ListQuery query);
    Task<RegistrationRow> UpdateRegistrationAsync(RegistrationName name, long? expectedVersion, Func<RegistrationRow, RegistrationRow> change);
    Task DeleteRegistrationAsync(RegistrationName name, long? expectedVersion);

    /// <summary>All or none, in one unit of work: each draft is checked and written as its single create would be; a refusal names the item (<c>requests[3]</c>).</summary>
    Task<Created<IReadOnlyList<SessionRow>>> CreateSessionsAsync(
        MeetingName parent, IReadOnlyList<SessionRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<SessionRow>, byte[]> encodeResponse);

    /// <summary>As <see cref="CreateSessionsAsync"/>; a wildcard <paramref name="parent"/> lets the drafts sit in several sessions of its meeting.</summary>
    Task<Created<IReadOnlyList<ParticipantRow>>> CreateParticipantsAsync(
        SessionName parent, IReadOnlyList<ParticipantRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<ParticipantRow>, byte[]> encodeResponse);

    /// <summary>As <see cref="CreateSessionsAsync"/>.</summary>
    Task<Created<IReadOnlyList<RegistrationRow>>> CreateRegistrationsAsync(
        MeetingName parent, IReadOnlyList<RegistrationRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<RegistrationRow>, byte[]> encodeResponse);
}
