using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A report's balance summary: every panel in scope judged under the report's policy.</summary>
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
        var summary = new BalanceSummary { Policy = settings.PolicyName };
        var notBalanced = new List<(string StartTime, SessionVerdict Verdict)>();
        var panelsJudged = 0;
        void Judge(SessionPanel panel)
        {
            summary.Sessions++;
            panelsJudged += panel.Panel.Seats.Count > 0 ? 1 : 0;
            var verdict = BalanceEngine.VerdictOf(panel.Panel, settings.Rules, confirmedOnly: false);
            if (verdict == PanelVerdict.Balanced)
            {
                summary.Balanced++;
                return;
            }

            if (verdict == PanelVerdict.Unbalanced) summary.Unbalanced++;
            else summary.Indeterminate++;
            notBalanced.Add((panel.StartTime, new SessionVerdict
            {
                Session = new SessionName(panel.MeetingId, panel.SessionId).ToString(),
                DisplayName = panel.DisplayName,
                Verdict = verdict == PanelVerdict.Unbalanced ? Verdict.Unbalanced : Verdict.Indeterminate,
            }));
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

        summary.BalancedShare = summary.Sessions == 0 ? 0 : (double)summary.Balanced / summary.Sessions;
        var verdicts = disclosure.Verdicts(panelsJudged);
        if (!verdicts.Counted)
        {
            summary.Balanced = summary.Unbalanced = summary.Indeterminate = 0;
            summary.BalancedShare = 0;
        }

        if (!verdicts.Named)
        {
            summary.VerdictsWithheld = true;
            return summary;
        }

        summary.NotBalanced.AddRange(notBalanced
            .OrderBy(n => n.StartTime, StringComparer.Ordinal).ThenBy(n => n.Verdict.Session, StringComparer.Ordinal)
            .Select(n => n.Verdict));
        return summary;
    }
}
