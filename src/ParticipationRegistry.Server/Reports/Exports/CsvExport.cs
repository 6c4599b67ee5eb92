using System.Text;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// Diversity reports as CSV (RFC 4180: a header row, CRLF line ends, fields quoted when they hold a
/// comma, quote or line break). Each table is its own CSV with its own header: the breakdowns (one
/// row per category), the cross-tab cells, the balance summary and the sessions not balanced.
/// A suppressed count is an empty field, never a number. Every table parses back into the
/// report's own messages (<see cref="ParseBreakdowns"/> and the others), so a reader can check
/// that nothing was lost or invented on the way.
/// </summary>
public static class CsvExport
{
    public static readonly IReadOnlyList<string> BreakdownColumns =
    [
        "report", "population", "dimension", "category", "label", "known", "count", "share", "suppressed", "change",
        "breakdown_total", "breakdown_known", "normalized_blau", "pielou_evenness", "withheld",
    ];

    public static readonly IReadOnlyList<string> CrossTabColumns =
        ["report", "population", "rows", "columns", "row", "column", "count", "suppressed"];

    public static readonly IReadOnlyList<string> BalanceColumns =
        ["report", "policy", "sessions", "balanced", "unbalanced", "indeterminate", "balanced_share", "verdicts_withheld"];

    public static readonly IReadOnlyList<string> NotBalancedColumns =
        ["report", "policy", "session", "display_name", "verdict"];

    /// <summary>One row per category of every breakdown; with CompareMeetings' reports, <c>change</c> is the change from the previous meeting.</summary>
    public static string Breakdowns(params IReadOnlyList<DiversityReport> reports)
    {
        var csv = new CsvWriter(BreakdownColumns);
        foreach (var report in reports)
        {
            foreach (var breakdown in report.Breakdowns)
            {
                foreach (var category in breakdown.Categories)
                {
                    csv.Row(
                        report.Name,
                        ProtoEnums.NameOf(breakdown.Population),
                        ProtoEnums.NameOf(breakdown.Dimension),
                        category.Category,
                        Protect(category.Label),
                        Bool(category.Known),
                        category.HasCount ? ReportText.Number(category.Count) : "",
                        category.HasShare ? ReportText.Exact(category.Share) : "",
                        Bool(category.Suppressed),
                        category.HasChange ? ReportText.Number(category.Change) : "",
                        ReportText.Number(breakdown.Total),
                        breakdown.HasKnown ? ReportText.Number(breakdown.Known) : "",
                        breakdown.HasNormalizedBlau ? ReportText.Exact(breakdown.NormalizedBlau) : "",
                        breakdown.HasPielouEvenness ? ReportText.Exact(breakdown.PielouEvenness) : "",
                        Bool(breakdown.Withheld));
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>One row per cell of every cross-tab.</summary>
    public static string CrossTabs(params IReadOnlyList<DiversityReport> reports)
    {
        var csv = new CsvWriter(CrossTabColumns);
        foreach (var report in reports)
        {
            foreach (var table in report.CrossTabs)
            {
                foreach (var cell in table.Cells)
                {
                    csv.Row(
                        report.Name,
                        ProtoEnums.NameOf(table.Population),
                        ProtoEnums.NameOf(table.Rows),
                        ProtoEnums.NameOf(table.Columns),
                        cell.Row,
                        cell.Column,
                        cell.HasCount ? ReportText.Number(cell.Count) : "",
                        Bool(cell.Suppressed));
                }
            }
        }

        return csv.ToString();
    }

    /// <summary>One row per report: how many sessions are balanced under the policy.</summary>
    public static string Balance(params IReadOnlyList<DiversityReport> reports)
    {
        var csv = new CsvWriter(BalanceColumns);
        foreach (var report in reports)
        {
            var balance = report.Balance ?? new BalanceSummary();
            csv.Row(
                report.Name,
                balance.Policy,
                ReportText.Number(balance.Sessions),
                ReportText.Number(balance.Balanced),
                ReportText.Number(balance.Unbalanced),
                ReportText.Number(balance.Indeterminate),
                ReportText.Exact(balance.BalancedShare),
                balance.VerdictsWithheld ? "true" : "false");
        }

        return csv.ToString();
    }

    /// <summary>One row per session that is not balanced, with its verdict.</summary>
    public static string NotBalanced(params IReadOnlyList<DiversityReport> reports)
    {
        var csv = new CsvWriter(NotBalancedColumns);
        foreach (var report in reports)
        {
            var balance = report.Balance ?? new BalanceSummary();
            foreach (var session in balance.NotBalanced)
            {
                csv.Row(report.Name, balance.Policy, session.Session, Protect(session.DisplayName), ProtoEnums.NameOf(session.Verdict));
            }
        }

        return csv.ToString();
    }

    /// <summary>The breakdowns of <see cref="Breakdowns"/> back, in order, each with the report it came from.</summary>
    public static IReadOnlyList<(string Report, DimensionBreakdown Breakdown)> ParseBreakdowns(string csv)
    {
        var result = new List<(string Report, DimensionBreakdown Breakdown)>();
        foreach (var row in Records(csv, BreakdownColumns))
        {
            var population = Enum<ApiPopulation>(row[1]);
            var dimension = Enum<ReportDimension>(row[2]);
            if (result.Count == 0 || result[^1].Report != row[0] || result[^1].Breakdown.Population != population || result[^1].Breakdown.Dimension != dimension)
            {
                var breakdown = new DimensionBreakdown
                {
                    Population = population,
                    Dimension = dimension,
                    Total = Long(row[10]),
                    Withheld = Bool(row[14]),
                };
                if (row[11].Length > 0) breakdown.Known = Long(row[11]);
                if (row[12].Length > 0) breakdown.NormalizedBlau = Double(row[12]);
                if (row[13].Length > 0) breakdown.PielouEvenness = Double(row[13]);
                result.Add((row[0], breakdown));
            }

            var category = new CategoryCount { Category = row[3], Label = row[4], Known = Bool(row[5]), Suppressed = Bool(row[8]) };
            if (row[6].Length > 0) category.Count = Long(row[6]);
            if (row[7].Length > 0) category.Share = Double(row[7]);
            if (row[9].Length > 0) category.Change = Long(row[9]);
            result[^1].Breakdown.Categories.Add(category);
        }

        return result;
    }

    /// <summary>The cross-tabs of <see cref="CrossTabs"/> back, in order.</summary>
    public static IReadOnlyList<(string Report, CrossTab Table)> ParseCrossTabs(string csv)
    {
        var result = new List<(string Report, CrossTab Table)>();
        foreach (var row in Records(csv, CrossTabColumns))
        {
            var population = Enum<ApiPopulation>(row[1]);
            var rows = Enum<ReportDimension>(row[2]);
            var columns = Enum<ReportDimension>(row[3]);
            if (result.Count == 0 || result[^1].Report != row[0] || result[^1].Table.Population != population || result[^1].Table.Rows != rows || result[^1].Table.Columns != columns)
            {
                result.Add((row[0], new CrossTab { Population = population, Rows = rows, Columns = columns }));
            }

            var cell = new CrossTabCell { Row = row[4], Column = row[5], Suppressed = Bool(row[7]) };
            if (row[6].Length > 0) cell.Count = Long(row[6]);
            result[^1].Table.Cells.Add(cell);
        }

        return result;
    }

    /// <summary>The balance summaries of <see cref="Balance"/> and <see cref="NotBalanced"/> back, one per report.</summary>
    public static IReadOnlyList<(string Report, BalanceSummary Balance)> ParseBalance(string balanceCsv, string notBalancedCsv)
    {
        var result = Records(balanceCsv, BalanceColumns).Select(row => (Report: row[0], Balance: new BalanceSummary
        {
            Policy = row[1],
            Sessions = Int(row[2]),
            Balanced = Int(row[3]),
            Unbalanced = Int(row[4]),
            Indeterminate = Int(row[5]),
            BalancedShare = Double(row[6]),
            VerdictsWithheld = bool.Parse(row[7]),
        })).ToList();
        foreach (var row in Records(notBalancedCsv, NotBalancedColumns))
        {
            var summary = result.FirstOrDefault(r => r.Report == row[0]).Balance
                ?? throw new FormatException($"Session {row[2]} is listed for {row[0]}, which has no balance summary.");
            summary.NotBalanced.Add(new SessionVerdict { Session = row[2], DisplayName = row[3], Verdict = Enum<Verdict>(row[4]) });
        }

        return result;
    }

    /// <summary>
    /// The records of an RFC 4180 CSV without its header, which must be <paramref name="columns"/>;
    /// every record has exactly that many fields.
    /// </summary>
    public static IReadOnlyList<string[]> Records(string csv, IReadOnlyList<string> columns)
    {
        var records = Read(csv);
        if (records.Count == 0 || !records[0].SequenceEqual(columns))
        {
            throw new FormatException($"Expected the header {string.Join(',', columns)}.");
        }

        for (var i = 1; i < records.Count; i++)
        {
            if (records[i].Length != columns.Count)
            {
                throw new FormatException($"Record {i + 1} has {records[i].Length} fields, not {columns.Count}.");
            }
        }

        return records.Skip(1).Select(r => r.Select(Unprotect).ToArray()).ToList();
    }

    /// <summary>Every record of an RFC 4180 CSV, the header included.</summary>
    public static IReadOnlyList<string[]> Read(string csv)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < csv.Length)
        {
            if (field.Length == 0 && csv[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= csv.Length)
                    {
                        throw new FormatException("A quoted field is not closed.");
                    }

                    if (csv[i] == '"')
                    {
                        if (i + 1 < csv.Length && csv[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(csv[i++]);
                }

                if (i < csv.Length && csv[i] is not (',' or '\r' or '\n'))
                {
                    throw new FormatException($"Text after a closing quote at {i}.");
                }

                continue;
            }

            switch (csv[i])
            {
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    i++;
                    break;
                case '\r' or '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    records.Add([.. fields]);
                    fields.Clear();
                    i += csv[i] == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n' ? 2 : 1;
                    break;
                case '"':
                    throw new FormatException($"A quote inside an unquoted field at {i}.");
                default:
                    field.Append(csv[i++]);
                    break;
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add([.. fields]);
        }

        return records;
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static bool Bool(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"'{text}' is not true or false."),
    };

    private static long Long(string text) => long.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign, ReportText.Invariant);

    private static int Int(string text) => int.Parse(text, System.Globalization.NumberStyles.AllowLeadingSign, ReportText.Invariant);

    private static double Double(string text) => double.Parse(text, System.Globalization.NumberStyles.Float, ReportText.Invariant);

    private static TEnum Enum<TEnum>(string text)
        where TEnum : struct, Enum =>
        ProtoEnums.Values<TEnum>().TryGetValue(text, out var value)
            ? (TEnum)System.Enum.ToObject(typeof(TEnum), value)
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name} value.");

    /// <summary>
    /// Text a spreadsheet would run as a formula (<c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, CR)
    /// gets a leading apostrophe, as does text already starting with one, so the reverse is exact.
    /// Only free text (names, labels) goes through here; numbers (a negative change) are written as
    /// they are, and no number starts with an apostrophe, so reading strips it from any field.
    /// </summary>
    private static string Protect(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'' ? "'" + text : text;

    private static string Unprotect(string text) => text.StartsWith('\'') ? text[1..] : text;

    private sealed class CsvWriter
    {
        private readonly StringBuilder _text = new();
        private readonly int _columns;

        public CsvWriter(IReadOnlyList<string> columns)
        {
            _columns = columns.Count;
            Row([.. columns]);
        }

        public void Row(params string[] fields)
        {
            if (fields.Length != _columns)
            {
                throw new ArgumentException($"{fields.Length} fields for {_columns} columns.", nameof(fields));
            }

            for (var i = 0; i < fields.Length; i++)
            {
                if (i > 0)
                {
                    _text.Append(',');
                }

                var field = fields[i];
                if (field.AsSpan().IndexOfAny(",\"\r\n") >= 0)
                {
                    _text.Append('"').Append(field.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
                }
                else
                {
                    _text.Append(field);
                }
            }

            _text.Append("\r\n");
        }

        public override string ToString() => _text.ToString();
    }
}
