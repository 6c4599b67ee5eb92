namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// Which seats a report counts: one session, or a meeting's sessions restricted by kind, state, theme, role and confirmation;
/// with <paramref name="SelfDeclaredOnly"/>, a person's gender and attributes count only where the person declared them.
/// </summary>
public sealed record SeatScope(
    string MeetingId,
    string? SessionId,
    IReadOnlyList<int> Kinds,
    IReadOnlyList<int> States,
    IReadOnlyList<string> Themes,
    IReadOnlyList<int> Roles,
    IReadOnlyList<int> Confirmations,
    bool SelfDeclaredOnly = false)
{
    public static SeatScope Meeting(string meetingId) => new(meetingId, null, [], [], [], [], []);

    public static SeatScope Session(string meetingId, string sessionId) => new(meetingId, sessionId, [], [], [], [], []);

    public bool IsRestricted => SessionId is null && (Kinds.Count + States.Count + Themes.Count + Roles.Count + Confirmations.Count) > 0;

    /// <summary>Restricted by session kind and nothing else.</summary>
    public bool IsKindsOnly => SessionId is null && Kinds.Count > 0 && States.Count + Themes.Count + Roles.Count + Confirmations.Count == 0;
}

public sealed record ReportSubject(string Id, string DisplayName, string Forum, string StartDate);

/// <param name="Nameable">Every seat of the person in the meeting is on the published programme and they did not refuse publication.</param>
public sealed record SeatHolderCount(string StakeholderId, string DisplayName, long Seats, bool Nameable);

/// <summary>
/// The panellists in scope, from one pass over their seats: the people cube (each person once, with
/// their latest seat's snapshot), the people holding the most seats, the seats held by people with
/// more than one, and the newcomers.
/// </summary>
public sealed record PanellistFigures(IReadOnlyList<CubeRow> Cube, IReadOnlyList<SeatHolderCount> Top, long SeatsHeldByRepeatPanellists, long Newcomers);

/// <summary>
/// Panels of one size: how many there are, and for each category asked about, how many of them have
/// no seat in it (aligned with the categories given).
/// </summary>
public sealed record PanelSize(long Seats, long Panels, IReadOnlyList<long> Without);

/// <param name="Cube">People by kind: the kind in <see cref="CubeRow.Attendance"/>.</param>
/// <param name="MostSeats">Per session kind (SessionKind number), the most seats one person holds in it.</param>
public sealed record PeopleByKind(IReadOnlyList<CubeRow> Cube, IReadOnlyDictionary<int, int> MostSeats);

public sealed record ReportCardTotals(int SessionsWithCard, int SessionsWithCounts, long Participants, long Women, IReadOnlyDictionary<int, int> Bands, IReadOnlyDictionary<int, int> Discussion);

/// <summary>Whether anything was written to the registry since it was taken.</summary>
public interface IWriteWatch : IDisposable
{
    bool WrittenSince { get; }
}

/// <summary>
/// The storage seam for reports: every figure is an aggregate, grouped in SQL or counted as the rows
/// stream past, so what comes back (and what is held meanwhile) is as small as the number of distinct
/// combinations, whatever the number of seats.
/// </summary>
public interface IReportStore
{
    ReportSubject? FindMeeting(string meetingId);

    /// <summary>
    /// Starts watching for writes by anyone else: a report's reads run on several connections, each
    /// seeing the data as it is then, so a report built while nothing was written is one state.
    /// </summary>
    IWriteWatch WatchWrites();

    ReportSubject? FindSession(string meetingId, string sessionId);

    int CountSessions(SeatScope scope);

    IReadOnlyList<CubeRow> SeatCube(SeatScope scope);

    /// <summary>
    /// The seats in scope by session kind: the seat cube with <see cref="CubeRow.Attendance"/> holding
    /// the session's kind (the report page's table by kind, from one query).
    /// </summary>
    IReadOnlyList<CubeRow> SeatCubeByKind(SeatScope scope);

    /// <summary>
    /// The meeting's panellists by session kind along gender and attributes alone (the other values 0):
    /// per kind, what <see cref="Panellists"/> gives for the meeting restricted to that kind along those
    /// dimensions, with <see cref="CubeRow.Attendance"/> holding the kind (a kind's seats are hidden with its people).
    /// </summary>
    IReadOnlyList<CubeRow> PanellistCubeByKind(string meetingId);

    /// <summary>Per session kind (SessionKind number), the most seats one person holds in it.</summary>
    IReadOnlyDictionary<int, int> MostSeatsByKind(string meetingId);

    /// <summary><see cref="PanellistCubeByKind"/> and <see cref="MostSeatsByKind"/> together (a store may read both in one pass).</summary>
    PeopleByKind PanellistsByKind(string meetingId) => new(PanellistCubeByKind(meetingId), MostSeatsByKind(meetingId));

    /// <summary>
    /// Distinct people holding a seat in scope, the <paramref name="top"/> holding the most seats,
    /// seats held by people with more than one, and newcomers (no seat or registration in an earlier
    /// meeting of the forum), in one pass over the seats.
    /// </summary>
    PanellistFigures Panellists(SeatScope scope, int top);

    /// <summary>Per session kind (SessionKind number), how many of the meeting's sessions have a seat.</summary>
    IReadOnlyDictionary<int, int> PanelsByKind(string meetingId);

    IReadOnlyList<CubeRow> RegistrantCube(string meetingId);

    /// <summary>The registrants' cube; with <paramref name="selfDeclaredOnly"/>, gender and attributes only where the person declared them.</summary>
    IReadOnlyList<CubeRow> RegistrantCube(string meetingId, bool selfDeclaredOnly) => RegistrantCube(meetingId);

    /// <summary>
    /// Per population, how many stated their gender themselves (for seats: the seats of such people):
    /// the seats and panellists in scope, and with <paramref name="includeRoom"/> the meeting's registrants.
    /// </summary>
    IReadOnlyDictionary<Population, long> SelfDeclaredGender(SeatScope scope, bool includeRoom) => new Dictionary<Population, long>();

    ReportCardTotals ReportCards(SeatScope scope);

    /// <summary>
    /// The panels in scope grouped by size, with how many have no seat whose value along
    /// <paramref name="dimension"/> is each of <paramref name="categoryValues"/>: what "panels without"
    /// and its chance need, in one pass, as small as the number of distinct panel sizes.
    /// </summary>
    IReadOnlyList<PanelSize> PanelSizes(SeatScope scope, Dimension dimension, IReadOnlyList<int> categoryValues);
}
