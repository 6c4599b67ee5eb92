using System.Globalization;
using nietras.SeparatedValues;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>
/// Reads the CSV exports back into the report's own messages (with Sep, as the server writes them),
/// so a test can check that nothing was lost or invented on the way.
/// </summary>
internal static class CsvReading
{
    /// <summary>The breakdowns of <see cref="CsvExport.Breakdowns"/> back, in order, each with the report it came from.</summary>
    public static IReadOnlyList<(string Report, DimensionBreakdown Breakdown)> ParseBreakdowns(string csv)
    {
        var result = new List<(string Report, DimensionBreakdown Breakdown)>();
        foreach (var row in Records(csv, CsvExport.BreakdownColumns))
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

    /// <summary>The cross-tabs of <see cref="CsvExport.CrossTabs"/> back, in order.</summary>
    public static IReadOnlyList<(string Report, CrossTab Table)> ParseCrossTabs(string csv)
    {
        var result = new List<(string Report, CrossTab Table)>();
        foreach (var row in Records(csv, CsvExport.CrossTabColumns))
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

    /// <summary>The balance summaries of <see cref="CsvExport.Balance"/> and <see cref="CsvExport.NotBalanced"/> back, one per report.</summary>
    public static IReadOnlyList<(string Report, BalanceSummary Balance)> ParseBalance(string balanceCsv, string notBalancedCsv)
    {
        var result = Records(balanceCsv, CsvExport.BalanceColumns).Select(row => (Report: row[0], Balance: new BalanceSummary
        {
            Policy = row[1],
            Sessions = Int(row[2]),
            Balanced = Int(row[3]),
            Unbalanced = Int(row[4]),
            Indeterminate = Int(row[5]),
            BalancedShare = Double(row[6]),
            VerdictsWithheld = bool.Parse(row[7]),
            CountsWithheld = bool.Parse(row[8]),
            KindPolicies =
            {
                row[9].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(k => k.Split('=', 2))
                    .Select(k => new ForumKindPolicy { Kind = Enum<SessionKind>(k[0]), Policy = k[1] }),
            },
        })).ToList();
        foreach (var row in Records(notBalancedCsv, CsvExport.NotBalancedColumns))
        {
            var summary = result.FirstOrDefault(r => r.Report == row[0]).Balance
                ?? throw new FormatException($"Session {row[2]} is listed for {row[0]}, which has no balance summary.");
            summary.NotBalanced.Add(new SessionVerdict { Session = row[2], DisplayName = row[3], Verdict = Enum<Verdict>(row[4]), Policy = row[1] });
        }

        return result;
    }

    /// <summary>
    /// The records of a CSV without its header, which must be <paramref name="columns"/>; every record
    /// has exactly that many fields, and the formula guard's apostrophe is taken off.
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

    /// <summary>Every record of a CSV, the header included.</summary>
    public static IReadOnlyList<string[]> Read(string csv)
    {
        var records = new List<string[]>();
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).FromText(csv);
        foreach (var row in reader)
        {
            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            records.Add(fields);
        }

        return records;
    }

    private static string Unprotect(string text) => text.StartsWith('\'') ? text[1..] : text;

    private static bool Bool(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"'{text}' is not true or false."),
    };

    private static long Long(string text) => long.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static int Int(string text) => int.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static double Double(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static TEnum Enum<TEnum>(string text)
        where TEnum : struct, Enum =>
        ProtoEnums.Values<TEnum>().TryGetValue(text, out var value)
            ? (TEnum)System.Enum.ToObject(typeof(TEnum), value)
            : throw new FormatException($"'{text}' is not a {typeof(TEnum).Name} value.");
}
