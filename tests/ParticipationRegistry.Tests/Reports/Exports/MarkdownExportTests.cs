using System.Globalization;
using System.Text.RegularExpressions;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>The Markdown export, read back table by table.</summary>
public sealed partial class MarkdownExportTests
{
    private static readonly DiversityReport Report = SampleReports.Meeting();
    private static readonly string Markdown = MarkdownExport.Render(Report);

    [Fact]
    public void Every_breakdown_is_in_its_dimension_table_with_the_same_numbers()
    {
        foreach (var breakdown in Report.Breakdowns)
        {
            var table = TableUnder(Markdown, $"## {ReportText.Name(breakdown.Dimension)}");
            var column = table[0].IndexOf(ReportText.Name(breakdown.Population));
            Assert.True(column > 0, $"No {breakdown.Population} column under {breakdown.Dimension}");
            foreach (var category in breakdown.Categories)
            {
                var cell = table.Single(r => r[0] == category.Label)[column];
                if (category.Suppressed)
                {
                    Assert.Equal("suppressed", cell);
                }
                else if (category.HasShare)
                {
                    Assert.Equal($"{category.Count} ({(category.Share * 100).ToString("0.0", CultureInfo.InvariantCulture)}%)", cell);
                }
                else
                {
                    Assert.Equal(category.Count.ToString(CultureInfo.InvariantCulture), cell);
                }
            }

            Assert.Equal(breakdown.Total.ToString(CultureInfo.InvariantCulture), table.Single(r => r[0] == "**Total**")[column]);
            Assert.Equal(breakdown.HasKnown ? breakdown.Known.ToString(CultureInfo.InvariantCulture) : "not shown", table.Single(r => r[0] == "Known")[column]);
        }
    }

    [Fact]
    public void Panellists_and_registrants_are_side_by_side()
    {
        var table = TableUnder(Markdown, "## Stakeholder group");

        Assert.Equal(["Stakeholder group", "Seats", "Panellists", "Registrants", "Registrants onsite", "Registrants remote"], table[0]);
        Assert.Equal(["Government", "30 (23.8%)", "26 (23.9%)", "201 (16.6%)", "150 (19.5%)", "51 (11.6%)"], table.Single(r => r[0] == "Government"));
    }

    [Fact]
    public void A_suppressed_cell_reads_suppressed_and_its_column_shows_no_number_the_report_does_not()
    {
        var table = TableUnder(Markdown, "## Gender");
        var panellists = table[0].IndexOf("Panellists");

        Assert.Equal("suppressed", table.Single(r => r[0] == "Non-binary")[panellists]);
        Assert.Equal("suppressed", table.Single(r => r[0] == "declined")[panellists]);
        // Every number in the column is one the report shows: not the hidden 1 and 2, not their
        // sum (113 − 110), not a known total worked out from the rows.
        var shown = Report.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == Population.Panellists);
        var allowed = shown.Categories.Where(c => c.HasCount).Select(c => c.Count).Append(shown.Total).ToHashSet();
        foreach (var row in table.Skip(1))
        {
            foreach (Match number in Number().Matches(row[panellists]))
            {
                Assert.Contains(long.Parse(number.Value, CultureInfo.InvariantCulture), allowed);
            }
        }

        Assert.DoesNotContain(table.Skip(1), r => r[panellists] == SampleReports.HiddenNonBinaryPanellists.ToString(CultureInfo.InvariantCulture));
        Assert.DoesNotContain(table.Skip(1), r => r[panellists] == SampleReports.HiddenDeclinedPanellists.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_withheld_breakdown_reads_withheld()
    {
        var report = SampleReports.Meeting();
        var gender = report.Breakdowns.Single(b => b.Population == Population.Seats && b.Dimension == ReportDimension.Gender);
        gender.Withheld = true;
        foreach (var category in gender.Categories)
        {
            category.ClearCount();
            category.Suppressed = true;
        }

        var table = TableUnder(MarkdownExport.Render(report), "## Gender");
        var seats = table[0].IndexOf("Seats");

        Assert.All(table.Skip(1).Where(r => r[0] != "**Total**"), r => Assert.Equal("withheld", r[seats]));
    }

    [Fact]
    public void The_headline_balance_concentration_cards_and_baseline_are_there()
    {
        Assert.StartsWith("# Diversity report: IGF 2019, Berlin\n", Markdown, StringComparison.Ordinal);
        Assert.Equal(["14", "131", "113", "1272"], TableUnder(Markdown, "## Headline")[1]);
        Assert.Contains("9 of 14 sessions balanced (64.3%), 3 unbalanced, 2 indeterminate.", Markdown, StringComparison.Ordinal);
        var sessions = TableUnder(Markdown, "## Session balance");
        Assert.Equal(6, sessions.Count);
        Assert.Equal(["Youth | Internet, tomorrow (`meetings/igf-2019/sessions/ws-44`)", "unbalanced"], sessions[3]);
        Assert.Equal(["Anriette Esterhuysen", "4"], TableUnder(Markdown, "## Who holds the seats")[1]);
        Assert.Contains("640 participants, 301 women (47.0%)", Markdown, StringComparison.Ordinal);
        Assert.Contains(TableUnder(Markdown, "## Gender report cards"), r => r.SequenceEqual(["about half", "2"]));
        var baseline = TableUnder(Markdown, "## Baseline: gender of panellists against the registrants");
        Assert.Equal(["Woman", "45.7%", "suppressed", "suppressed", "suppressed", "suppressed", "1.2", "suppressed"], baseline[1]);
        Assert.Contains("suppressed", TableUnder(Markdown, "## Stakeholder group × Gender (panellists)")[2]);
    }

    [Fact]
    public void Names_cannot_break_a_table_or_start_markup()
    {
        foreach (var line in Markdown.Split('\n').Where(l => l.StartsWith('|')))
        {
            Assert.EndsWith(" |", line, StringComparison.Ordinal);
        }

        Assert.Contains(@"=HYPERLINK(""x"") \<b\>& friends\</b\>", Markdown, StringComparison.Ordinal);
        Assert.Contains("Main session on security", Markdown, StringComparison.Ordinal);
        Assert.Equal(@"a\*b\_c \[d\](e) \#", MarkdownExport.Escape("a*b_c [d](e) #"));
    }

    [Fact]
    public void A_perturbed_report_says_its_figures_are_protected()
    {
        Assert.Contains("Figures are protected: gender and attribute counts are perturbed (people by up to ±2, seats by up to twice the most seats one person holds) and counts below 3 (after perturbation) are hidden.", Markdown, StringComparison.Ordinal);
        var exact = MarkdownExport.Render(SampleReports.Unsuppressed("igf-2012", "IGF 2012, Baku", 2, 3, 2, 0, 0));
        Assert.DoesNotContain("Figures are protected", exact, StringComparison.Ordinal);
        Assert.Contains("This report includes personal data", exact, StringComparison.Ordinal);
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_culture() =>
        Assert.Equal(Markdown, SampleReports.UnderCommaCulture(() => MarkdownExport.Render(Report)));

    /// <summary>The first table after <paramref name="heading"/>: rows of cells, header first, the alignment row left out, escapes undone.</summary>
    internal static List<List<string>> TableUnder(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l == heading);
        Assert.True(start >= 0, $"No heading '{heading}'");
        return lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|'))
            .Where((_, i) => i != 1)
            .Select(l => CellSeparator().Split(l.Trim()[1..^1]).Select(c => Unescape().Replace(c.Trim(), "$1")).ToList())
            .ToList();
    }

    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSeparator();

    [GeneratedRegex(@"\\(.)")]
    private static partial Regex Unescape();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}
