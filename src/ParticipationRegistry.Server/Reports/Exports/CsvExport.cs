using System.Globalization;
using nietras.SeparatedValues;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// Diversity reports as CSV (RFC 4180 through Sep: a header row, CRLF line ends, fields quoted when
/// they hold a comma, quote or line break), one table per CSV. A hidden count is an empty field;
/// <c>perturbed</c> = true marks the protected figures of a public report (docs/PRIVACY.md).
/// </summary>
public static class CsvExport
{
    public static readonly IReadOnlyList<string> BreakdownColumns =
    [
        "report", "population", "dimension", "category", "label", "known", "count", "share", "suppressed", "change",
        "breakdown_total", "breakdown_known", "normalized_blau", "pielou_evenness", "withheld", "perturbed",
    ];

    public static readonly IReadOnlyList<string> CrossTabColumns =
        ["report", "population", "rows", "columns", "row", "column", "count", "suppressed", "perturbed"];

    public static readonly IReadOnlyList<string> BalanceColumns =
        ["report", "policy", "sessions", "balanced", "unbalanced", "indeterminate", "balanced_share", "verdicts_withheld", "counts_withheld", "kind_policies"];

    public static readonly IReadOnlyList<string> NotBalancedColumns =
        ["report", "policy", "session", "display_name", "verdict"];

    /// <summary>One row per category of every breakdown; with CompareMeetings' reports, <c>change</c> is the change from the previous meeting.</summary>
    public static string Breakdowns(params IReadOnlyList<DiversityReport> reports) => Write(
        BreakdownColumns,
        from report in reports
        from breakdown in report.Breakdowns
        let view = BreakdownView.FromProto(breakdown)
        from item in view.Cells.Zip(breakdown.Categories)
        let cell = item.First
        select new[]
        {
            report.Name,
            ProtoEnums.NameOf(view.Population),
            ProtoEnums.NameOf(view.Dimension),
            cell.Key,
            Protect(cell.Label),
            Bool(cell.Known),
            Optional(cell.Count),
            Optional(cell.Share),
            Bool(cell.Hidden),
            item.Second.HasChange ? ReportText.Number(item.Second.Change) : "",
            ReportText.Number(view.Total),
            Optional(view.Known),
            Optional(view.NormalizedBlau),
            Optional(view.PielouEvenness),
            Bool(view.Withheld),
            Bool(report.Perturbed && Privacy.DisclosurePolicy.IsPersonal(ApiEnums.FromApi(view.Dimension))),
        });

    /// <summary>One row per cell of every cross-tab.</summary>
    public static string CrossTabs(params IReadOnlyList<DiversityReport> reports) => Write(
        CrossTabColumns,
        from report in reports
        from table in report.CrossTabs
        let view = CrossTabView.FromProto(table)
        from cell in view.Cells
        select new[]
        {
            report.Name,
            ProtoEnums.NameOf(view.Population),
            ProtoEnums.NameOf(view.Rows),
            ProtoEnums.NameOf(view.Columns),
            cell.Row,
            cell.Column,
            Optional(cell.Count),
            Bool(cell.Hidden),
            Bool(report.Perturbed && (Privacy.DisclosurePolicy.IsPersonal(ApiEnums.FromApi(view.Rows)) || Privacy.DisclosurePolicy.IsPersonal(ApiEnums.FromApi(view.Columns)))),
        });

    /// <summary>One row per report: how many sessions are balanced under the policy.</summary>
    public static string Balance(params IReadOnlyList<DiversityReport> reports) => Write(
        BalanceColumns,
        from report in reports
        let balance = report.Balance ?? new BalanceSummary()
        select new[]
        {
            report.Name,
            balance.Policy,
            ReportText.Number(balance.Sessions),
            ReportText.Number(balance.Balanced),
            ReportText.Number(balance.Unbalanced),
            ReportText.Number(balance.Indeterminate),
            ReportText.Exact(balance.BalancedShare),
            Bool(balance.VerdictsWithheld),
            Bool(balance.CountsWithheld),
            string.Join(' ', balance.KindPolicies.Select(k => $"{ProtoEnums.NameOf(k.Kind)}={k.Policy}")),
        });

    /// <summary>One row per session that is not balanced, with its verdict and the policy that judged it.</summary>
    public static string NotBalanced(params IReadOnlyList<DiversityReport> reports) => Write(
        NotBalancedColumns,
        from report in reports
        let balance = report.Balance ?? new BalanceSummary()
        from session in balance.NotBalanced
        select new[] { report.Name, session.Policy.Length > 0 ? session.Policy : balance.Policy, session.Session, Protect(session.DisplayName), ProtoEnums.NameOf(session.Verdict) });

    /// <summary>
    /// Text a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR)
    /// gets a leading apostrophe, as does text already starting with one, so the reverse is exact.
    /// Only free text (names, labels) goes through here, never numbers (a negative change).
    /// </summary>
    private static string Protect(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + text : text;

    private static string Write(IReadOnlyList<string> columns, IEnumerable<string[]> rows)
    {
        var text = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\r\n" };
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true }).To(text))
        {
            writer.Header.Add(columns);
            writer.Header.Write();
            foreach (var fields in rows)
            {
                using var row = writer.NewRow();
                row[columns].Set(fields);
            }
        }

        return text.ToString();
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Optional(long? value) => value is { } n ? ReportText.Number(n) : "";

    private static string Optional(double? value) => value is { } x ? ReportText.Exact(x) : "";
}
