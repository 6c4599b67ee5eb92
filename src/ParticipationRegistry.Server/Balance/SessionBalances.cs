using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>One session of a meeting's overview: its panel, the policy that judged it and how it fares under it.</summary>
public sealed record SessionBalanceLine(SessionPanel Session, BalanceReport Report, NamedPolicy Policy);

/// <summary>One page of <see cref="SessionBalances.List"/>; an empty token means the last page.</summary>
public sealed record SessionBalancePage(IReadOnlyList<SessionBalanceLine> Lines, string NextPageToken);

/// <summary>
/// A ListSessionBalances filter, parsed once: the verdict term is judged in C# on each checked
/// panel, every other term is bound to SQL.
/// </summary>
public sealed record SessionBalanceFilter(PanelVerdict? Verdict, IReadOnlyList<FilterTerm> SqlTerms)
{
    private const string VerdictField = "verdict";

    public static SessionBalanceFilter Parse(string filter)
    {
        var terms = FilterParser.Parse(filter);
        var verdictValues = ProtoEnums.Values<Verdict>().Where(v => v.Value != 0).ToDictionary();
        var verdicts = new HashSet<PanelVerdict>();
        foreach (var term in terms.Where(t => t.Field == VerdictField))
        {
            if (!verdictValues.TryGetValue(term.Value, out var number))
            {
                throw RegistryException.InvalidArgument("filter", $"'{SafeText.Quote(term.Value)}' is not a valid value for verdict: one of {string.Join(", ", verdictValues.Keys)}", ErrorReason.InvalidFilter);
            }

            verdicts.Add(FromProto((Verdict)number));
        }

        if (verdicts.Count > 1)
        {
            throw RegistryException.InvalidArgument("filter", "verdict can be given once (terms are joined by AND).", ErrorReason.InvalidFilter);
        }

        return new SessionBalanceFilter(verdicts.Count == 0 ? null : verdicts.Single(), terms.Where(t => t.Field != VerdictField).ToList());
    }

    public bool Admits(BalanceReport report) => Verdict is not { } verdict || report.Verdict == verdict;

    private static PanelVerdict FromProto(Verdict verdict) => verdict switch
    {
        V1.Verdict.Balanced => PanelVerdict.Balanced,
        V1.Verdict.Unbalanced => PanelVerdict.Unbalanced,
        V1.Verdict.NotApplicable => PanelVerdict.NotApplicable,
        _ => PanelVerdict.Indeterminate,
    };
}

/// <summary>
/// A meeting's sessions in programme order with their balance verdicts. A verdict filter cannot be
/// put to SQL, so sessions are read a page at a time and checked until the page is full of
/// matching ones; the page token is the last session examined.
/// </summary>
public sealed class SessionBalances(IBalanceStore store, PolicyResolver policies, Lists lists, PageTokens tokens, PersonalDataRights rights)
{
    private static readonly ListSpec SessionBalanceList = new(
        "session-balances",
        [FilterField.Enum<SessionKind>("kind", "kind"), FilterField.Enum<SessionState>("state", "state")],
        new Dictionary<string, string> { ["start_time"] = "start_time" },
        "start_time");

    /// <summary>
    /// The page of <paramref name="meeting"/>'s sessions; <paramref name="policy"/> is the name the
    /// caller gave for every session (empty = each session's forum policy for its kind, else the forum's
    /// default, else the default preset: <see cref="PolicyResolver.ForMeeting"/>). The page token is bound to the meeting, the policy
    /// as given, <paramref name="confirmedOnly"/>, the verdict asked for and the SQL-bound terms. A verdict
    /// filter that would sort sessions by verdicts withheld from <paramref name="caller"/> under any policy
    /// judging the meeting's sessions is refused.
    /// The scan stops as soon as <paramref name="cancellation"/> fires (the caller gave up or its deadline
    /// passed): a verdict filter may read every session of a large meeting to fill one page.
    public SessionBalancePage List(
        MeetingName meeting, string policy, bool confirmedOnly, string filter, int pageSize, string pageToken, Caller caller, CancellationToken cancellation = default)
    {
        if (store.FindMeeting(meeting.MeetingId) is null)
        {
            throw RegistryException.NotFound(ErrorReason.MeetingNotFound, meeting.ToString());
        }

        // As CheckPanelBalance: any policy may be named, published or not.
        var judges = policies.ForMeeting(policy, meeting.MeetingId, "policy", requirePublished: false);
        var parsed = SessionBalanceFilter.Parse(filter);
        BalanceDisclosure.RequireVerdictFilterAllowed(rights, caller, judges.Present.Select(p => p.Rules), parsed);
        var queryParent = $"{meeting}|{policy}|{confirmedOnly}|{parsed.Verdict}";
        var query = lists.Resolve(SessionBalanceList, queryParent, pageSize, pageToken, parsed.SqlTerms, "");
        var lines = new List<SessionBalanceLine>();
        var after = query.Page.After;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var chunk = store.ListSessionIds(meeting.MeetingId, query with { Page = query.Page with { After = after } });
            var panels = store.LoadSessionPanels(meeting.MeetingId, chunk.Items.Select(s => s.Id).ToList()).ToDictionary(p => p.SessionId);
            foreach (var key in chunk.Items)
            {
                after = new PageCursor(key.SortKey, key.Id);
                var panel = panels[key.Id];
                var judge = judges.For(panel.Kind);
                var report = BalanceEngine.Check(panel.Panel, judge.Rules, confirmedOnly);
                if (!parsed.Admits(report))
                {
                    continue;
                }

                lines.Add(new SessionBalanceLine(panel, report, judge));
                if (lines.Count == query.Page.Size)
                {
                    break;
                }
            }

            var pageFull = lines.Count == query.Page.Size;
            var lastExamined = chunk.Items.Count > 0 && after!.Id == chunk.Items[^1].Id;
            if (chunk.Next is null && (!pageFull || lastExamined))
            {
                return new SessionBalancePage(lines, "");
            }

            if (pageFull)
            {
                return new SessionBalancePage(lines, tokens.Seal(after!, query.Page.Identity));
            }
        }
    }
}
