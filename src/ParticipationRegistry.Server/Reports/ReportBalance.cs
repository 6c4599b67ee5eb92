using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A report's balance summary: every panel in scope judged under the report's policy, or its kind's (<see cref="ReportSettings.PolicyFor"/>).</summary>
public sealed class ReportBalance(IBalanceStore panels)
{
    /// <summary>
    /// Judges the panels one at a time (memory stays flat however many sessions the meeting has), then
    /// names and counts the verdicts as far as <paramref name="disclosure"/> allows.
    /// </summary>
    public BalanceSummary Summarize(SeatScope scope, ReportSettings settings, DisclosurePolicy disclosure)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(disclosure);
        var tally = new VerdictTally(0, 0, 0, 0);
        var notBalanced = new List<(string StartTime, SessionVerdict Verdict)>();
        var kindsJudged = new HashSet<int>();
        var counted = new HashSet<NamedPolicy>();
        void Judge(SessionPanel panel)
        {
            var session = new SessionName(panel.MeetingId, panel.SessionId);
            var judge = settings.PolicyFor(panel.Kind);
            kindsJudged.Add(panel.Kind);
            var verdict = BalanceEngine.VerdictOf(panel.Panel, judge.Rules, confirmedOnly: false);
            if (verdict == PanelVerdict.NotApplicable)
            {
                // Of a kind the policy does not judge: neither counted nor in the share of balanced sessions.
                return;
            }

            counted.Add(judge);
            tally = tally with
            {
                Sessions = tally.Sessions + 1,
                Balanced = tally.Balanced + (verdict == PanelVerdict.Balanced ? 1 : 0),
                Unbalanced = tally.Unbalanced + (verdict == PanelVerdict.Unbalanced ? 1 : 0),
                Indeterminate = tally.Indeterminate + (verdict == PanelVerdict.Indeterminate ? 1 : 0),
            };
            if (verdict != PanelVerdict.Balanced)
            {
                notBalanced.Add((panel.StartTime, new SessionVerdict
                {
                    Session = session.ToString(),
                    DisplayName = panel.DisplayName,
                    Verdict = BalanceMapping.ToProto(verdict),
                    Policy = judge.Name,
                }));
            }
        }

        var withOtherSeats = (settings.Judges?.Present.SelectMany(p => p.Rules) ?? settings.Rules).Any(r => r.ReadsOtherSeats);
        if (scope.SessionId is not null)
        {
            panels.VisitSessionPanels(scope.MeetingId, [scope.SessionId], withOtherSeats, Judge);
        }
        else
        {
            panels.VisitMeetingPanels(scope.MeetingId, new SessionFilter(scope.Kinds, scope.States, scope.Themes), withOtherSeats, Judge);
        }

        // Every policy that judged a counted session, and the report's own (as when one policy judges all).
        var shown = disclosure.Verdicts(tally, counted.Select(p => p.Rules).Append(settings.Rules));
        var summary = new BalanceSummary
        {
            Policy = settings.PolicyName,
            Sessions = tally.Sessions,
            Balanced = shown.Balanced,
            Unbalanced = shown.Unbalanced,
            Indeterminate = shown.Indeterminate,
            BalancedShare = tally.Sessions == 0 ? 0 : (double)shown.Balanced / tally.Sessions,
            VerdictsWithheld = !shown.Named,
            CountsWithheld = shown.CountsWithheld,
        };
        if (settings.Judges is { } judges)
        {
            summary.KindPolicies.AddRange(judges.KindPolicies
                .Where(k => kindsJudged.Contains(k.Kind))
                .Select(k => new ForumKindPolicy { Kind = (SessionKind)k.Kind, Policy = k.Policy }));
        }

        if (shown.Named)
        {
            summary.NotBalanced.AddRange(notBalanced
                .OrderBy(n => n.StartTime, StringComparer.Ordinal).ThenBy(n => n.Verdict.Session, StringComparer.Ordinal)
                .Select(n => n.Verdict));
        }

        return summary;
    }
}
