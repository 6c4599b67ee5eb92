using System.Text;
using Google.Protobuf.Collections;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// A diversity report as a Markdown document for people: the headline, one table per dimension with
/// the populations side by side, then cross-tabs, balance, concentration, report cards and baselines.
/// Hidden cells read as the view's words, never a number.
/// </summary>
public static class MarkdownExport
{
    public static string Render(DiversityReport report)
    {
        var md = new StringBuilder();
        md.Append("# Diversity report: ").AppendLine(Escape(ReportText.Title(report))).AppendLine();
        md.Append('`').Append(report.Name).AppendLine("`").AppendLine();
        md.AppendLine(Escape(ReportText.PrivacyNote(report))).AppendLine();

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

    private static void Dimension(StringBuilder md, DiversityReport report, ReportDimension dimension)
    {
        var views = ReportText.PopulationOrder.Select(p => report.View(dimension, p)).OfType<BreakdownView>().ToList();
        if (views.Count == 0)
        {
            return;
        }

        md.Append("## ").AppendLine(ReportText.Name(dimension)).AppendLine();
        var categories = views.SelectMany(v => v.Cells).DistinctBy(c => c.Key).ToList();
        var rows = new List<IReadOnlyList<string>>();
        foreach (var category in categories)
        {
            rows.Add([Escape(category.Name()), .. views.Select(v => CountCell(v, category.Key))]);
        }

        rows.Add(["**Total**", .. views.Select(v => ReportText.Number(v.Total))]);
        rows.Add(["Known", .. views.Select(v => v.Known is { } known ? ReportText.Number(known) : v.HiddenText)]);
        if (views.Any(v => v.SelfDeclared is not null))
        {
            rows.Add(["Self-declared", .. views.Select(v => v.SelfDeclared is { } declared ? ReportText.Number(declared) : Words.None)]);
        }

        if (dimension != ReportDimension.Attribute)
        {
            rows.Add(["Normalised Blau", .. views.Select(v => v.NormalizedBlau is { } blau ? ReportText.Fixed(blau, 3) : v.HiddenText)]);
            rows.Add(["Pielou evenness", .. views.Select(v => v.PielouEvenness is { } pielou ? ReportText.Fixed(pielou, 3) : v.HiddenText)]);
        }

        Table(
            md,
            [ReportText.Name(dimension), .. views.Select(v => ReportText.Name(v.Population))],
            [Align.Left, .. views.Select(_ => Align.Right)],
            rows);
        md.AppendLine(dimension == ReportDimension.Attribute
            ? "A person may have several attributes, or none: rows need not add up to the total. Shares are of the known values."
            : "Shares are of the known values; the unknown rows are counted beside them.").AppendLine();
    }

    /// <summary>A category's count (and share), the view's word when hidden, a dash when the breakdown lacks it.</summary>
    private static string CountCell(BreakdownView view, string key) => view.Withheld ? Words.Withheld : view.Cell(key) switch
    {
        null => Words.None,
        { Hidden: true } cell => cell.Text,
        { Share: { } share } cell => $"{cell.Text} ({ReportText.Percent(share)})",
        var cell => cell.Text,
    };

    private static void CrossTab(StringBuilder md, DiversityReport report, CrossTab proto)
    {
        var table = CrossTabView.FromProto(proto);
        md.Append("## ").Append(ReportText.Name(table.Rows)).Append(" × ").Append(ReportText.Name(table.Columns))
            .Append(" (").Append(ReportText.Name(table.Population).ToLowerInvariant()).AppendLine(")").AppendLine();
        var rowKeys = table.Cells.Select(c => c.Row).Distinct().ToList();
        var columnKeys = table.Cells.Select(c => c.Column).Distinct().ToList();
        var rows = rowKeys.Select(row => (IReadOnlyList<string>)
        [
            Escape(ReportText.LabelOf(report, table.Rows, row)),
            .. columnKeys.Select(column => table.Cells.FirstOrDefault(c => c.Row == row && c.Column == column)?.Text ?? Words.None),
        ]).ToList();
        Table(
            md,
            ["", .. columnKeys.Select(c => Escape(ReportText.LabelOf(report, table.Columns, c)))],
            [Align.Left, .. columnKeys.Select(_ => Align.Right)],
            rows);
    }

    private static string Code(string text) => $"`{text}`";

    private static void Balance(StringBuilder md, BalanceSummary? balance)
    {
        if (balance is null)
        {
            return;
        }

        md.AppendLine("## Session balance").AppendLine();
        if (balance.Sessions > 0 && ReportText.VerdictUncounted(balance))
        {
            md.Append("Under ").Append(ReportText.Policies(balance, Code)).Append(", the verdict is withheld: ").Append(ReportText.VerdictsWithheld)
                .Append(' ').AppendLine(ReportText.SinglePanelVerdict).AppendLine();
            return;
        }

        md.Append("Under ").Append(ReportText.Policies(balance, Code)).Append(": ")
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
        SessionCounts(md, "Women's share (cards giving a band only)", cards.Bands, "WOMEN_SHARE_BAND_");
        SessionCounts(md, "Gender equality discussed", cards.GenderDiscussion, "GENDER_DISCUSSION_");
    }

    private static void SessionCounts(StringBuilder md, string heading, MapField<string, int> counts, string prefix)
    {
        if (counts.Count > 0)
        {
            Table(md, [heading, "Sessions"], [Align.Left, Align.Right], ReportText.Counted(counts, prefix).Select(c => (IReadOnlyList<string>)[c.Label, c.Count]).ToList());
        }
    }

    private static void Baseline(StringBuilder md, DiversityReport report, BaselineComparison baseline)
    {
        md.Append("## Baseline: ").Append(ReportText.Name(baseline.Dimension).ToLowerInvariant()).Append(" of ")
            .Append(ReportText.Name(baseline.Population).ToLowerInvariant()).Append(" against ")
            .AppendLine(baseline.Reference == "registrants" ? "the registrants" : "the given shares").AppendLine();
        Table(
            md,
            ReportText.BaselineColumns,
            [Align.Left, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right, Align.Right],
            baseline.Categories.Select(c => (IReadOnlyList<string>)
                [Escape(ReportText.LabelOf(report, baseline.Dimension, c.Category)), .. ReportText.BaselineCells(c)]).ToList());
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
