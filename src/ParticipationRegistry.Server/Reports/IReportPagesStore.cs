using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Reports;

/// <summary>What the report pages need beyond the reports themselves: which meetings to chart in the trend.</summary>
public interface IReportPagesStore
{
    /// <summary>
    /// The meetings of <paramref name="meeting"/>'s forum up to and including it, by start date,
    /// the latest <paramref name="limit"/>, oldest first; empty when it has no forum or start date.
    /// </summary>
    IReadOnlyList<MeetingName> ForumMeetings(MeetingName meeting, int limit);
}
