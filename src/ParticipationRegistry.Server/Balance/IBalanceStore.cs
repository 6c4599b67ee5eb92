using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

public sealed class PolicyRow : VersionedRow
{
    public string DisplayName { get; set; } = "";
    public string Description { get; set; } = "";
    public byte[] Rules { get; set; } = [];

    /// <summary>A public report may name the policy (set by an admin).</summary>
    public bool Published { get; set; }

    public override PolicyRow Copy() => (PolicyRow)base.Copy();
}

public sealed class SessionKey : IPageable
{
    public string Id { get; set; } = "";
    public string SortKey { get; set; } = "";
}

/// <summary>A stored session's panel, with what the per-meeting rules need to know of the session.</summary>
public sealed record SessionPanel(
    string MeetingId, string SessionId, string DisplayName, int Kind, int State, string StartTime, string EndTime, Panel Panel);

/// <summary>A registered person as the balance engine sees them, for inline panels and suggestions.</summary>
public sealed record PersonFacts(
    string Id,
    string DisplayName,
    int Group,
    int Region,
    int Gender,
    string CountryCode,
    long Attributes,
    string? OrganizationId,
    bool Newcomer,
    int SessionsInMeeting,
    bool HasOverlap,
    int RegisteredAttendance);

/// <summary>
/// What a suggestion looks for: a stakeholder group, regional group and gender (0 = not recorded, null = any),
/// and, where a rule reads them, a country of the developing-country rule's set (<paramref name="DevelopingCodes"/>,
/// null = LDC/LLDC/SIDS), youth, organisation and registered onsite attendance (null = any).
/// </summary>
public sealed record CandidateProfile(
    int Group,
    int Region,
    int? Gender,
    bool? Developing,
    bool? Youth,
    OrganizationMatch? Organization,
    bool? Onsite,
    IReadOnlySet<string>? DevelopingCodes = null);

/// <summary>The organisation dimension: the panel's single organisation, another one, or none.</summary>
public sealed record OrganizationMatch(string PanelOrganizationId, bool? Same);

/// <summary>What a forum names for its meetings' checks; <paramref name="SessionKind"/> is the session's asked about, null when it does not exist.</summary>
public sealed record ForumPolicies(string DefaultPolicy, string KindPolicies, int? SessionKind);

/// <summary>A stored policy's rules and session kinds, as the bytes of a <see cref="Policy"/>.</summary>
public sealed record StoredPolicyRules(byte[] Rules, bool Published);

/// <summary>Which sessions of a meeting: any of the kinds, states and themes given (empty = all).</summary>
public sealed record SessionFilter(IReadOnlyList<int> Kinds, IReadOnlyList<int> States, IReadOnlyList<string> Themes);

/// <summary>The storage seam for policies and the panel data balance checks read.</summary>
public interface IBalanceStore
{
    Task<Created<PolicyRow>> CreatePolicyAsync(PolicyRow draft, RequestIdClaim? claim, Func<PolicyRow, byte[]> encodeResponse);
    PolicyRow GetPolicy(string id);
    Page<PolicyRow> ListPolicies(ListQuery query);
    Task<PolicyRow> UpdatePolicyAsync(string id, long? expectedVersion, Func<PolicyRow, PolicyRow> change);
    Task DeletePolicyAsync(string id, long? expectedVersion);

    /// <summary>The default policies of the forum meeting <paramref name="meetingId"/> names, or null when it names none.</summary>
    ForumPolicies? FindForumPolicies(string meetingId, string? sessionId);

    /// <summary>The kinds of the sessions of a meeting, each once, in ascending order.</summary>
    IReadOnlyList<int> SessionKinds(string meetingId);

    /// <summary>A stored policy's rules, or null when there is no such policy.</summary>
    StoredPolicyRules? FindPolicyRules(string id);

    /// <summary>
    /// One stored session's panel, as <see cref="VisitSessionPanels"/> reads it (with or without the facts
    /// drawn from a person's other seats); null when there is none.
    /// </summary>
    SessionPanel? FindSessionPanel(SessionName name, bool withOtherSeats);

    /// <summary>
    /// The panels of stored sessions of one meeting in three queries whatever their number: sessions,
    /// organisers, seats with the facts the rules need. Missing sessions are left out.
    /// </summary>
    IReadOnlyList<SessionPanel> LoadSessionPanels(string meetingId, IReadOnlyCollection<string> sessionIds);

    /// <summary>
    /// Every panel of the given sessions, one at a time in session id order. Without
    /// <paramref name="withOtherSeats"/>, the facts drawn from a person's other seats (newcomer,
    /// sessions in the meeting, overlaps) are not read.
    /// </summary>
    void VisitSessionPanels(string meetingId, IReadOnlyCollection<string> sessionIds, bool withOtherSeats, Action<SessionPanel> visit);

    /// <summary>
    /// As <see cref="VisitSessionPanels"/>, for every session of a meeting that passes
    /// <paramref name="filter"/>, read in one scan of an index over the meeting's seats: for verdicts
    /// over a whole meeting. Seats carry no display name (the scan does not read them).
    /// </summary>
    void VisitMeetingPanels(string meetingId, SessionFilter filter, bool withOtherSeats, Action<SessionPanel> visit);

    /// <summary>The forum and start date of a meeting, or null when it does not exist.</summary>
    (string Forum, string StartDate)? FindMeeting(string meetingId);

    /// <summary>
    /// Facts about registered people for a panel in <paramref name="meetingId"/> (may be null) held
    /// at the given times (may be empty); <paramref name="exceptSessionId"/> is the session itself.
    /// </summary>
    IReadOnlyList<PersonFacts> LoadPeople(IReadOnlyCollection<string> stakeholderIds, string? meetingId, string? exceptSessionId, string startTime, string endTime);

    /// <summary>
    /// Up to <paramref name="limit"/> people matching <paramref name="profile"/> with no seat in the
    /// meeting and none in an earlier meeting of its forum, not in <paramref name="excluded"/>, in
    /// registration order: the first tier of suggestions.
    /// </summary>
    IReadOnlyList<PersonFacts> FindNewcomers(SessionPanel session, CandidateProfile profile, IReadOnlyCollection<string> excluded, bool registeredOnly, int limit);

    /// <summary>
    /// The people with a seat in this meeting or an earlier meeting of its forum, with their facts
    /// for <paramref name="session"/>: the second tier of suggestions, judged one by one.
    /// </summary>
    IReadOnlyList<PersonFacts> FindSeatedPeople(SessionPanel session, bool registeredOnly);

    /// <summary>Organisers' groups by id (null for ids that do not exist).</summary>
    IReadOnlyList<Organizer?> LoadOrganizers(IReadOnlyList<string> organizationIds);

    /// <summary>One keyset page of a meeting's session ids in programme order.</summary>
    Page<SessionKey> ListSessionIds(string meetingId, ListQuery query);
}

public static class BalanceStoreExtensions
{
    /// <summary>
    /// The panel of the stored session <paramref name="name"/> with what <paramref name="rules"/> read
    /// (a person's other seats only when a rule looks at them); NOT_FOUND when there is none.
    /// </summary>
    public static SessionPanel LoadSession(this IBalanceStore store, SessionName name, IReadOnlyList<BalanceRule> rules) =>
        store.FindSessionPanel(name, rules.Any(r => r.ReadsOtherSeats))
        ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, name.ToString());
}
