using System.Text;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// A diversity report as a Markdown document for people: the headline figures, one table per
/// dimension with the populations side by side, then balance, concentration, report cards and the
/// baseline. A suppressed count reads "suppressed", a withheld breakdown "withheld": never a number,
/// and no share or known total that the report itself left out.
/// </summary>
public static class MarkdownExport
{
    public static string Render(DiversityReport report)
    {
        var md = new StringBuilder();
        md.Append("# Diversity report: ").AppendLine(Escape(Title(report))).AppendLine();
        md.Append('`').Append(report.Name).AppendLine("`").AppendLine();
        md.AppendLine(Escape(PrivacyNote(report))).AppendLine();

        md.AppendLine("## Headline").AppendLine();
        Table(md, ["Sessions", "Seats", "Panellists", "Registrants"], [Align.Right, Align.Right, Align.Right, Align.Right], [[
            ReportText.Number(report.Sessions),
            ReportText.Number(report.Seats),
            ReportText.Number(report.Panellists),
            ReportText.Number(report.Registrants),
        ]]);

        foreach (var dimension in ReportText.DimensionOrder)
        {
            Dimension(md, report, dimension);
        }

        foreach (var table in report.CrossTabs)
        {
            CrossTab(md, report, table);
        }

        Balance(md, report.Balance);
        Concentration(md, report.Concentration);
        ReportCards(md, report.ReportCards);
        foreach (var baseline in report.Baselines)
        {
            Baseline(md, report, baseline);
        }

        return md.ToString();
    }

    public static string Title(DiversityReport report) => report.DisplayName.Length > 0 ? report.DisplayName : report.Name;

    public static string PrivacyNote(DiversityReport report) => report.SuppressionThreshold > 0
        ? $"Gender and attribute counts below {ReportText.Number(report.SuppressionThreshold)} are suppressed, and further cells are hidden so that none can be worked out from the others; their shares and known totals are not shown."
            + (report.Breakdowns.Any(b => b.Withheld)
                ? " The panels' gender and attributes are withheld whole: they are those of a single session, which are personal data."
                : "")
        : "This report includes personal data: no counts are suppressed.";

    private static void Dimension(StringBuilder md, DiversityReport report, ReportDimension dimension)
    {
        var breakdowns = ReportText.PopulationOrder
            .Select(p => report.Breakdowns.FirstOrDefault(b => b.Dimension == dimension && b.Population == p))
            .OfType<DimensionBreakdown>()
            .ToList();
        if (breakdowns.Count == 0)
        {
            return;
        }

        md.Append("## ").AppendLine(ReportText.Name(dimension)).AppendLine();
        var categories = CategoriesOf(breakdowns);
        var rows = new List<IReadOnlyList<string>>();
        foreach (var (key, label) in categories)
        {
            rows.Add([Escape(label), .. breakdowns.Select(b => CountCell(b, key))]);
        }

        rows.Add(["**Total**", .. breakdowns.Select(b => ReportText.Number(b.Total))]);
        rows.Add(["Known", .. breakdowns.Select(b => b.HasKnown ? ReportText.Number(b.Known) : Missing(b))]);
        if (dimension != ReportDimension.Attribute)
        {
            rows.Add(["Normalised Blau", .. breakdowns.Select(b => b.HasNormalizedBlau ? ReportText.Fixed(b.NormalizedBlau, 3) : Missing(b))]);
            rows.Add(["Pielou evenness", .. breakdowns.Select(b => b.HasPielouEvenness ? ReportText.Fixed(b.PielouEvenness, 3) : Missing(b))]);
        }

        Table(
            md,
            [ReportText.Name(dimension), .. breakdowns.Select(b => ReportText.Name(b.Population))],
            [Align.Left, .. breakdowns.Select(_ => Align.Right)],
            rows);
        md.AppendLine(dimension == ReportDimension.Attribute
            ? "A person may have several attributes, or none: rows need not add up to the total. Shares are of the known values."
            : "Shares are of the known values; the unknown rows are counted beside them.").AppendLine();
    }

    /// <summary>The categories of a dimension in report order, across its populations.</summary>
    private static List<(string Key, string Label)> CategoriesOf(IEnumerable<DimensionBreakdown> breakdowns)
    {
        var categories = new List<(string Key, string Label)>();
        foreach (var category in breakdowns.SelectMany(b => b.Categories))
        {
            if (!categories.Exists(c => c.Key == category.Category))
            {
                categories.Add((category.Category, category.Label.Length > 0 ? category.Label : category.Category));
            }
        }

        return categories;
    }

    private static string CountCell(DimensionBreakdown breakdown, string key)
    {
        if (breakdown.Withheld)
        {
            return ReportText.Withheld;
        }

        var cell = breakdown.Categories.FirstOrDefault(c => c.Category == key);
        if (cell is null)
        {
            return "–";
        }

        if (cell.Suppressed || !cell.HasCount)
        {
            return ReportText.Suppressed;
        }

        return cell.HasShare ? $"{ReportText.Number(cell.Count)} ({ReportText.Percent(cell.Share)})" : ReportText.Number(cell.Count);
    }

    /// <summary>What stands for a figure the report left out: hidden with suppressed cells, or not defined.</summary>
    private static string Missing(DimensionBreakdown breakdown) =>
        breakdown.Withheld ? ReportText.Withheld : breakdown.Categories.Any(c => c.Suppressed) ? "not shown" : "–";

    private static void CrossTab(StringBuilder md, DiversityReport report, CrossTab table)
    {
        md.Append("## ").Append(ReportText.Name(table.Rows)).Append(" × ").Append(ReportText.Name(table.Columns))
            .Append(" (").Append(ReportText.Name(table.Population).ToLowerInvariant()).AppendLine(")").AppendLine();
        var rowKeys = table.Cells.Select(c => c.Row).Distinct().ToList();
        var columnKeys = table.Cells.Select(c => c.Column).Distinct().ToList();
        var rows = rowKeys.Select(row => (IReadOnlyList<string>)
        [
            Escape(LabelOf(report, table.Rows, row)),
            .. columnKeys.Select(column => table.Cells.FirstOrDefault(c => c.Row == row && c.Column == column) is { } cell
                ? cell.Suppressed || !cell.HasCount ? ReportText.Suppressed : ReportText.Number(cell.Count)
                : "–"),
        ]).ToList();
        Table(
            md,
            ["", .. columnKeys.Select(c => Escape(LabelOf(report, table.Columns, c)))],
            [Align.Left, .. columnKeys.Select(_ => Align.Right)],
            rows);
    }

    /// <summary>A category's label, from any breakdown of its dimension.</summary>
    public static string LabelOf(DiversityReport report, ReportDimension dimension, string key) =>
        report.Breakdowns.Where(b => b.Dimension == dimension).SelectMany(b => b.Categories)
            .FirstOrDefault(c => c.Category == key && c.Label.Length > 0)?.Label ?? key;

    private static void Balance(StringBuilder md, BalanceSummary? balance)
    {
        if (balance is null)
        {
            return;
        }

        md.AppendLine("## Session balance").AppendLine();
        if (balance.Sessions > 0 && ReportText.VerdictUncounted(balance))
        {
            md.Append("Under `").Append(balance.Policy).Append("`, the verdict is withheld: ").Append(ReportText.VerdictsWithheld)
                .Append(' ').AppendLine(ReportText.SinglePanelVerdict).AppendLine();
            return;
        }

        md.Append("Under `").Append(balance.Policy).Append("`: ")
            .Append(ReportText.Number(balance.Balanced)).Append(" of ").Append(ReportText.Number(balance.Sessions))
            .Append(" sessions balanced");
        if (balance.Sessions > 0)
        {
            md.Append(" (").Append(ReportText.Percent(balance.BalancedShare)).Append(')');
        }

        md.Append(", ").Append(ReportText.Number(balance.Unbalanced)).Append(" unbalanced, ")
            .Append(ReportText.Number(balance.Indeterminate)).AppendLine(" indeterminate.").AppendLine();
        if (balance.VerdictsWithheld)
        {
            md.Append("The sessions are not named: ").AppendLine(ReportText.VerdictsWithheld).AppendLine();
        }
        else if (balance.NotBalanced.Count > 0)
        {
            Table(
                md,
                ["Session not balanced", "Verdict"],
                [Align.Left, Align.Left],
                balance.NotBalanced.Select(s => (IReadOnlyList<string>)[$"{Escape(s.DisplayName)} (`{s.Session}`)", ReportText.Name(s.Verdict)]).ToList());
        }
    }

    private static void Concentration(StringBuilder md, SpeakerConcentration? concentration)
    {
        if (concentration is null)
        {
            return;
        }

        md.AppendLine("## Who holds the seats").AppendLine();
        md.Append(ReportText.Number(concentration.Panellists)).Append(" panellists hold ")
            .Append(ReportText.Number(concentration.Seats)).Append(" seats; ")
            .Append(ReportText.Number(concentration.SeatsHeldByRepeatPanellists)).Append(" seats (")
            .Append(ReportText.Percent(concentration.RepeatSeatShare)).AppendLine(") are held by people with more than one.")
            .Append(ReportText.Number(concentration.Newcomers)).Append(" panellists (")
            .Append(ReportText.Percent(concentration.NewcomerShare))
            .AppendLine(") had no seat or registration at an earlier meeting of the forum.").AppendLine();
        if (concentration.Top.Count > 0)
        {
            Table(
                md,
                ["Most seats", "Seats"],
                [Align.Left, Align.Right],
                concentration.Top.Select(h => (IReadOnlyList<string>)[Escape(h.DisplayName.Length > 0 ? h.DisplayName : h.Stakeholder), ReportText.Number(h.Seats)]).ToList());
        }
    }

    private static void ReportCards(StringBuilder md, ReportCardSummary? cards)
    {
        if (cards is null)
        {
            return;
        }

        md.AppendLine("## Gender report cards").AppendLine();
        md.Append("Cards filed for ").Append(ReportText.Number(cards.SessionsWithCard)).Append(" sessions");
        if (cards.SessionsWithCounts > 0)
        {
            md.Append("; ").Append(ReportText.Number(cards.SessionsWithCounts)).Append(" with counts: ")
                .Append(ReportText.Number(cards.Participants)).Append(" participants, ")
                .Append(ReportText.Number(cards.Women)).Append(" women");
            if (cards.HasWomenShare)
            {
                md.Append(" (").Append(ReportText.Percent(cards.WomenShare)).Append(')');
            }
        }

        md.AppendLine(".").AppendLine();
        if (cards.Bands.Count > 0)
        {
            Table(
                md,
                ["Women's share (cards giving a band only)", "Sessions"],
                [Align.Left, Align.Right],
                cards.Bands.OrderBy(b => b.Key, StringComparer.Ordinal)
                    .Select(b => (IReadOnlyList<string>)[ReportText.Humanize(b.Key, "WOMEN_SHARE_BAND_"), ReportText.Number(b.Value)]).ToList());
        }

        if (cards.GenderDiscussion.Count > 0)
        {
            Table(
                md,
                ["Gender equality discussed", "Sessions"],
                [Align.Left, Align.Right],
                cards.GenderDiscussion.OrderBy(b => b.Key, StringComparer.Ordinal)
                    .Select(b => (IReadOnlyList<string>)[ReportText.Humanize(b.Key, "GENDER_DISCUSSION_"), ReportText.Number(b.Value)]).ToList());
        }
    }

    private static void Baseline(StringBuilder md, DiversityReport report, BaselineComparison baseline)
    {
        md.Append("## Baseline: ").Append(ReportText.Name(baseline.Dimension).ToLowerInvariant()).Append(" of ")
            .Append(ReportText.Name(baseline.Population).ToLowerInvariant()).Append(" against ")
            .AppendLine(baseline.Reference == "registrants" ? "the registrants" : "the given shares").AppendLine();
        Table(
            md,
            ["Category", "Reference share", "Observed", "Expected", "P(as few or fewer)", "Panels without", "Expected without", "P(as many or more without)"],
            [Align.Left, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right],
            baseline.Categories.Select(c => (IReadOnlyList<string>)
            [
                Escape(LabelOf(report, baseline.Dimension, c.Category)),
                ReportText.Percent(c.ReferenceShare),
                c.HasObserved && !c.Suppressed ? $"{ReportText.Number(c.Observed)} of {ReportText.Number(c.ObservedTotal)}" : ReportText.Suppressed,
                c.Suppressed ? ReportText.Suppressed : ReportText.Fixed(c.Expected, 1),
                c.HasProbabilityAtMost && !c.Suppressed ? ReportText.Probability(c.ProbabilityAtMost) : ReportText.Suppressed,
                c.HasPanelsWithout && !c.Suppressed ? ReportText.Number(c.PanelsWithout) : ReportText.Suppressed,
                ReportText.Fixed(c.PanelsWithoutExpected, 1),
                c.HasProbabilityPanelsWithoutAtLeast && !c.Suppressed ? ReportText.Probability(c.ProbabilityPanelsWithoutAtLeast) : ReportText.Suppressed,
            ]).ToList());
        md.AppendLine("Probabilities are of drawing the panels at random from the reference: small values mean the make-up is unlikely to be chance.").AppendLine();
    }

    private enum Align
    {
        Left,
        Right,
    }

    private static void Table(StringBuilder md, IReadOnlyList<string> header, IReadOnlyList<Align> align, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        md.Append("| ").AppendJoin(" | ", header).AppendLine(" |");
        md.Append("| ").AppendJoin(" | ", align.Select(a => a == Align.Right ? "---:" : "---")).AppendLine(" |");
        foreach (var row in rows)
        {
            md.Append("| ").AppendJoin(" | ", row).AppendLine(" |");
        }

        md.AppendLine();
    }

    /// <summary>Names and labels as literal text: Markdown's own characters escaped, one line.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '|' or '#')
            {
                escaped.Append('\\').Append(c);
            }
            else
            {
                escaped.Append(c is '\r' or '\n' ? ' ' : c);
            }
        }

        return escaped.ToString();
    }
}
