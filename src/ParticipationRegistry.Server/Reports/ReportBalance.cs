using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A report's balance summary: every panel in scope judged under the report's policy.</summary>
public sealed class ReportBalance(IBalanceStore panels, SessionKeys keys)
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
        var tally = new VerdictTally(0, 0, default, default, default);
        var notBalanced = new List<(string StartTime, SessionVerdict Verdict)>();
        void Judge(SessionPanel panel)
        {
            var session = new SessionName(panel.MeetingId, panel.SessionId);
            var key = keys.Of(session);
            var verdict = BalanceEngine.VerdictOf(panel.Panel, settings.Rules, confirmedOnly: false);
            tally = tally with
            {
                Sessions = tally.Sessions + 1,
                PanelsJudged = tally.PanelsJudged + (panel.Panel.Seats.Count > 0 ? 1 : 0),
                Balanced = verdict == PanelVerdict.Balanced ? tally.Balanced.Add(key) : tally.Balanced,
                Unbalanced = verdict == PanelVerdict.Unbalanced ? tally.Unbalanced.Add(key) : tally.Unbalanced,
                Indeterminate = verdict == PanelVerdict.Indeterminate ? tally.Indeterminate.Add(key) : tally.Indeterminate,
            };
            if (verdict != PanelVerdict.Balanced)
            {
                notBalanced.Add((panel.StartTime, new SessionVerdict
                {
                    Session = session.ToString(),
                    DisplayName = panel.DisplayName,
                    Verdict = BalanceMapping.ToProto(verdict),
                }));
            }
        }

        var withOtherSeats = settings.Rules.Any(r => r.ReadsOtherSeats);
        if (scope.SessionId is not null)
        {
            panels.VisitSessionPanels(scope.MeetingId, [scope.SessionId], withOtherSeats, Judge);
        }
        else
        {
            panels.VisitMeetingPanels(scope.MeetingId, new SessionFilter(scope.Kinds, scope.States, scope.Themes), withOtherSeats, Judge);
        }

        var shown = disclosure.Verdicts(tally);
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
        if (shown.Named)
        {
            summary.NotBalanced.AddRange(notBalanced
                .OrderBy(n => n.StartTime, StringComparer.Ordinal).ThenBy(n => n.Verdict.Session, StringComparer.Ordinal)
                .Select(n => n.Verdict));
        }

        return summary;
    }
}
