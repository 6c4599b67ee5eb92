using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;

namespace ParticipationRegistry.Server.Programme;

/// <summary>The published programme of one meeting: its SCHEDULED and HELD sessions and their seats, in programme order.</summary>
public interface IProgrammeStore
{
    /// <summary>The meeting's published sessions by start time, then id; NOT_FOUND for an unknown meeting.</summary>
    (MeetingRow Meeting, IReadOnlyList<SessionRow> Sessions, IReadOnlyList<ParticipantRow> Seats) Published(MeetingName meeting);
}
