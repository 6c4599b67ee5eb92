using System.Globalization;

namespace ParticipationRegistry.Benchmarks;

/// <summary>One line of the table: a figure, its ceiling and ratio, the issue's target, errors, and what the server spent.</summary>
/// <param name="Value">The figure: requests (or rows) a second, or a time.</param>
/// <param name="Ratio">Value ÷ ceiling (for times: time ÷ target time).</param>
public sealed record Row(
    string Name, string Value, double P50, double P99, string Ceiling, double? Ratio, string Target,
    long Errors, string ErrorText, double? ServerCpuSeconds, double? ClientCpuSeconds, double? ServerRssMb);

/// <summary>Collects the rows and prints them as one Markdown table; counts every error.</summary>
public sealed class ResultTable(string title)
{
    private readonly List<Row> rows = [];
    private readonly List<string> notes = [];

    public long Errors => rows.Sum(r => r.Errors);

    public void Add(Row row)
    {
        rows.Add(row);
        Console.WriteLine($"  {row.Name}: {row.Value}, p50 {Ms(row.P50)} ms, p99 {Ms(row.P99)} ms" +
            (row.Errors > 0 ? $", ERRORS {row.ErrorText}" : ""));
    }

    public void Note(string note) => notes.Add(note);

    /// <summary>A throughput row from a load result, with its ceiling's rate (null: it is a ceiling itself).</summary>
    public void AddLoad(string name, LoadResult result, (string Name, double Rate)? ceiling, string target) =>
        Add(new Row(
            name, $"{F(result.Rate, "N0")} req/s", result.Percentile(0.5), result.Percentile(0.99),
            ceiling is { } c ? $"{c.Name} {F(c.Rate, "N0")} req/s" : "—",
            ceiling is { } r ? result.Rate / r.Rate : null,
            target, result.ErrorCount, ErrorText(result.Errors), result.ServerCpuSeconds, result.ClientCpuSeconds, result.ServerRssMb));

    public static string ErrorText(IReadOnlyDictionary<string, long> errors) =>
        errors.Count == 0 ? "0" : string.Join(", ", errors.OrderByDescending(e => e.Value).Select(e => $"{e.Value} {e.Key}"));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine();
        Console.WriteLine("| measurement | req/s or time | p50 ms | p99 ms | ceiling | ratio to ceiling | target | errors | server CPU s | client CPU s | server RSS MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Join(" | ",
                $"| {row.Name}", row.Value, Ms(row.P50), Ms(row.P99), row.Ceiling, row.Ratio is { } r ? F(r, "0.000") : "—", row.Target,
                row.ErrorText, Optional(row.ServerCpuSeconds, "F1"), Optional(row.ClientCpuSeconds, "F1"), Optional(row.ServerRssMb, "F0")) + " |");
        }

        Console.WriteLine();
        foreach (var note in notes)
        {
            Console.WriteLine(note);
        }

        Console.WriteLine(Errors == 0 ? "errors: none" : $"errors: {Errors} failed call(s); see the errors column");
    }

    public static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Ms(double value) => double.IsNaN(value) ? "—" : value < 10 ? F(value, "0.00") : F(value, "N0");

    private static string Optional(double? value, string format) => value is { } v ? F(v, format) : "—";
}
