using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>CSV exports: RFC 4180, and every table parses back to the report's own numbers.</summary>
public sealed class CsvExportTests
{
    private static readonly DiversityReport Report = SampleReports.Meeting();

    [Fact]
    public void Breakdowns_parse_back_to_the_same_messages()
    {
        var parsed = CsvReading.ParseBreakdowns(CsvExport.Breakdowns(Report));

        Assert.All(parsed, p => Assert.Equal(Report.Name, p.Report));
        Assert.Equal(Report.Breakdowns, parsed.Select(p => p.Breakdown));
    }

    [Fact]
    public void Compared_meetings_parse_back_with_their_changes()
    {
        var trend = SampleReports.Trend();

        var parsed = CsvReading.ParseBreakdowns(CsvExport.Breakdowns(trend.Reports));

        Assert.Equal(trend.Reports.SelectMany(r => r.Breakdowns.Select(b => (r.Name, b))), parsed.Select(p => (p.Report, p.Breakdown)));
        var changes = parsed.SelectMany(p => p.Breakdown.Categories).Where(c => c.HasChange).Select(c => c.Change).ToList();
        Assert.Contains(changes, c => c < 0);
        Assert.Contains(changes, c => c > 0);
    }

    [Fact]
    public void A_suppressed_count_is_an_empty_field_never_a_number()
    {
        var records = CsvReading.Records(CsvExport.Breakdowns(Report), CsvExport.BreakdownColumns);
        var count = Column("count");
        var share = Column("share");
        var suppressed = Column("suppressed");
        var known = Column("breakdown_known");

        var hidden = records.Where(r => r[suppressed] == "true").ToList();
        Assert.Equal(Report.Breakdowns.SelectMany(b => b.Categories).Count(c => c.Suppressed), hidden.Count);
        Assert.All(hidden, r =>
        {
            Assert.Equal("", r[count]);
            Assert.Equal("", r[share]);
        });
        // Nor the total of the known values of a breakdown with a suppressed cell (it would give the cell away).
        var panellistsGender = records.Where(r => r[1] == "POPULATION_PANELLISTS" && r[2] == "REPORT_DIMENSION_GENDER").ToList();
        Assert.All(panellistsGender, r => Assert.Equal("", r[known]));
        Assert.Equal(["41", "63", "", "0", "6", ""], panellistsGender.Select(r => r[count]));
    }

    [Fact]
    public void Cross_tabs_parse_back_with_suppressed_cells_empty()
    {
        var csv = CsvExport.CrossTabs(Report);

        var parsed = CsvReading.ParseCrossTabs(csv);

        Assert.Equal(Report.CrossTabs, parsed.Select(p => p.Table));
        var records = CsvReading.Records(csv, CsvExport.CrossTabColumns);
        Assert.Equal(["9", "17", "", ""], records.Select(r => r[6]));
    }

    [Fact]
    public void The_balance_summary_parses_back_with_the_sessions_not_balanced()
    {
        var parsed = CsvReading.ParseBalance(CsvExport.Balance(Report), CsvExport.NotBalanced(Report));

        var (name, balance) = Assert.Single(parsed);
        Assert.Equal(Report.Name, name);
        Assert.Equal(Report.Balance, balance);
    }

    [Fact]
    public void Fields_are_quoted_as_RFC_4180_says()
    {
        var csv = CsvExport.NotBalanced(Report);

        Assert.StartsWith("report,policy,session,display_name,verdict\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
        Assert.Contains(",\"Data governance, \"\"a fair deal\"\"?\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"Main session\non security\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"Youth | Internet, tomorrow\",", csv, StringComparison.Ordinal);
        Assert.Contains(",Open forum: UNESCO,", csv, StringComparison.Ordinal);
        // Every record has the header's number of fields, line breaks inside quotes included.
        Assert.All(CsvReading.Read(csv), r => Assert.Equal(CsvExport.NotBalancedColumns.Count, r.Length));
        Assert.Equal(1 + Report.Balance.NotBalanced.Count, CsvReading.Read(csv).Count);
    }

    [Fact]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_neutralised_and_still_parses_back()
    {
        var csv = CsvExport.NotBalanced(Report);

        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\") <b>& friends</b>\",", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        var names = CsvReading.ParseBalance(CsvExport.Balance(Report), csv).Single().Balance.NotBalanced.Select(s => s.DisplayName);
        Assert.Contains("=HYPERLINK(\"x\") <b>& friends</b>", names);
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_culture()
    {
        var trend = SampleReports.Trend();
        string Render() => CsvExport.Breakdowns(trend.Reports) + CsvExport.Balance(trend.Reports);

        Assert.Equal(Render(), SampleReports.UnderCommaCulture(Render));
        Assert.Contains(",0.6428571428571429,false,false,\r\n", CsvExport.Balance(Report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_report_without_rows_is_the_header_alone()
    {
        var empty = new DiversityReport { Name = "meetings/empty" };

        Assert.Equal(string.Join(',', CsvExport.BreakdownColumns) + "\r\n", CsvExport.Breakdowns(empty));
        Assert.Equal(string.Join(',', CsvExport.CrossTabColumns) + "\r\n", CsvExport.CrossTabs(empty));
        Assert.Equal(string.Join(',', CsvExport.NotBalancedColumns) + "\r\n", CsvExport.NotBalanced(empty));
    }

    [Fact]
    public void Only_free_text_is_guarded_so_a_negative_change_stays_a_number()
    {
        var csv = CsvExport.Breakdowns(SampleReports.Trend().Reports);

        Assert.Matches(",-[0-9]+,", csv);
        Assert.DoesNotContain(",'-", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withheld_breakdown_has_no_count_share_or_known_total()
    {
        var report = SampleReports.Meeting();
        SampleReports.WithholdPanellistGender(report);

        var parsed = CsvReading.ParseBreakdowns(CsvExport.Breakdowns(report)).Select(p => p.Breakdown).ToList();

        Assert.Equal(report.Breakdowns, parsed);
        var withheld = parsed.Single(b => b.Withheld);
        Assert.All(withheld.Categories, c => Assert.False(c.HasCount || c.HasShare));
        Assert.False(withheld.HasKnown);
    }

    [Theory]
    [InlineData("report,population\r\n")]
    [InlineData("\"unclosed")]
    [InlineData("a\"b")]
    public void A_malformed_export_is_refused(string csv) =>
        Assert.Throws<FormatException>(() => CsvReading.ParseBreakdowns(csv));

    [Fact]
    public void A_record_with_the_wrong_number_of_fields_is_refused()
    {
        var csv = CsvExport.Breakdowns(Report);
        var broken = csv.Insert(csv.IndexOf("\r\n", StringComparison.Ordinal) + 2, "meetings/x,1\r\n");

        Assert.Throws<FormatException>(() => CsvReading.ParseBreakdowns(broken));
    }

    private static int Column(string name) => CsvExport.BreakdownColumns.ToList().IndexOf(name);
}
