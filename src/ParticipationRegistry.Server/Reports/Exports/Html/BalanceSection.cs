using System.Xml.Linq;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The sessions' balance verdicts under the report's policy: one bar, a table, and the sessions not balanced.</summary>
internal static class BalanceSection
{
    private const string BalancedColour = "#009E73";
    private const string UnbalancedColour = "#D55E00";
    private const string IndeterminateColour = "#999999";

    public static XElement? Render(HtmlPage page, BalanceSummary? balance)
    {
        if (balance is null)
        {
            return null;
        }

        if (ReportText.VerdictUncounted(balance))
        {
            return H("section",
                H("h2", "Session balance"),
                H("p", $"Under {ReportText.Policies(balance)}, the verdict is withheld: {ReportText.VerdictsWithheld} {ReportText.SinglePanelVerdict}"));
        }

        return H("section",
            H("h2", "Session balance"),
            H("p",
                balance.Sessions == 0
                    ? $"No sessions to check under {ReportText.Policies(balance)}."
                    : $"Under {ReportText.Policies(balance)}: {ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)} {ReportText.Plural(balance.Sessions, "session", "sessions")} balanced ({ReportText.Percent(balance.BalancedShare)}), {ReportText.Number(balance.Unbalanced)} unbalanced, {ReportText.Number(balance.Indeterminate)} indeterminate (missing data or unconfirmed seats)."),
            balance.Sessions == 0 ? null : VerdictFigure(page, balance),
            balance.VerdictsWithheld ? H("p", $"The sessions are not named: {ReportText.VerdictsWithheld}") : NotBalanced(balance));
    }

    private static XElement VerdictFigure(HtmlPage page, BalanceSummary balance)
    {
        var segments = new List<Segment>
        {
            Verdict("VERDICT_BALANCED", "Balanced", balance.Balanced, balance.Sessions, BalancedColour, 0),
            Verdict("VERDICT_INDETERMINATE", "Indeterminate", balance.Indeterminate, balance.Sessions, IndeterminateColour, 1),
            Verdict("VERDICT_UNBALANCED", "Unbalanced", balance.Unbalanced, balance.Sessions, UnbalancedColour, 2),
        };
        var bar = new Bar("Sessions", [("data-policy", balance.Policy)], segments, balance.Sessions, 0, Withheld: false);
        var verdicts = H("table",
            H("caption", $"Sessions by verdict under {ReportText.Policies(balance)}"),
            H("thead", H("tr", ColumnHead("Verdict"), ColumnHead("Sessions"))),
            H("tbody", segments.Select(s => H("tr", RowHead(s.Label), H("td", ReportText.Number(s.Count ?? 0)))),
                H("tr", A("class", "total"), RowHead("Total"), H("td", ReportText.Number(balance.Sessions)))));
        return StackedBarChart.Figure(page, "Balance verdicts of the sessions", $"One bar of the sessions by their verdict under {ReportText.Policies(balance)}.", [bar], verdicts);
    }

    private static Segment Verdict(string key, string label, long count, long sessions, string colour, int order) =>
        new(key, label, count, sessions > 0 ? (double)count / sessions : null, colour, order, [("data-verdict", key)]);

    private static XElement? NotBalanced(BalanceSummary balance) => balance.NotBalanced.Count == 0 ? null : H("table",
        H("caption", "Sessions not balanced"),
        H("thead", H("tr", ColumnHead("Session"), ColumnHead("Verdict"))),
        H("tbody", balance.NotBalanced.Select(s => H("tr",
            RowHead(s.DisplayName.Length > 0 ? s.DisplayName : s.Session, H("span", A("class", "name"), " ", s.Session)),
            H("td", A("data-verdict", ProtoEnums.NameOf(s.Verdict)), ReportText.Name(s.Verdict))))));
}
