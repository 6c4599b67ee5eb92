namespace ParticipationRegistry.Server.Reports;

/// <summary>Which seats a report counts: one session, or a meeting's sessions restricted by kind, state, theme, role and confirmation.</summary>
public sealed record SeatScope(
    string MeetingId,
    string? SessionId,
    IReadOnlyList<int> Kinds,
    IReadOnlyList<int> States,
    IReadOnlyList<string> Themes,
    IReadOnlyList<int> Roles,
    IReadOnlyList<int> Confirmations)
{
    public static SeatScope Meeting(string meetingId) => new(meetingId, null, [], [], [], [], []);

    public static SeatScope Session(string meetingId, string sessionId) => new(meetingId, sessionId, [], [], [], [], []);

    public bool IsRestricted => SessionId is null && (Kinds.Count + States.Count + Themes.Count + Roles.Count + Confirmations.Count) > 0;
}

public sealed record ReportSubject(string Id, string DisplayName, string Forum, string StartDate);

public sealed record SeatHolderCount(string StakeholderId, string DisplayName, long Seats);

/// <summary>The seats and size of one panel, counted for one category of a dimension (for "panels without").</summary>
public sealed record PanelCategoryCount(string SessionId, long Seats, long InCategory);

public sealed record ReportCardTotals(int SessionsWithCard, int SessionsWithCounts, long Participants, long Women, IReadOnlyDictionary<int, int> Bands, IReadOnlyDictionary<int, int> Discussion);

/// <summary>
/// The storage seam for reports: every figure is an aggregate computed in SQL (GROUP BY), so what
/// comes back is as small as the number of distinct combinations, whatever the number of seats.
/// </summary>
public interface IReportStore
{
    ReportSubject? FindMeeting(string meetingId);

    ReportSubject? FindSession(string meetingId, string sessionId);

    int CountSessions(SeatScope scope);

    IReadOnlyList<CubeRow> SeatCube(SeatScope scope);

    /// <summary>Distinct people holding a seat in scope, each with their latest seat's snapshot.</summary>
    IReadOnlyList<CubeRow> PanellistCube(SeatScope scope);

    IReadOnlyList<CubeRow> RegistrantCube(string meetingId);

    IReadOnlyList<SeatHolderCount> TopSeatHolders(SeatScope scope, int limit);

    /// <summary>Seats held by people who hold more than one seat in scope.</summary>
    long SeatsHeldByRepeatPanellists(SeatScope scope);

    /// <summary>Panellists in scope with no seat or registration in an earlier meeting of the forum.</summary>
    long Newcomers(SeatScope scope);

    ReportCardTotals ReportCards(SeatScope scope);

    /// <summary>Per panel in scope: seats, and seats whose value along <paramref name="dimension"/> is <paramref name="categoryValue"/>.</summary>
    IReadOnlyList<PanelCategoryCount> PanelCounts(SeatScope scope, Dimension dimension, int categoryValue);

    /// <summary>The ids of the sessions in scope (for the balance summary).</summary>
    IReadOnlyList<string> SessionIds(SeatScope scope);
}
