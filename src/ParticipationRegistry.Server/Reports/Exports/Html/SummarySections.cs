using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The sections without charts: who holds the seats, the gender report cards, the baselines.</summary>
internal static class SummarySections
{
    public static XElement? Concentration(SpeakerConcentration? concentration)
    {
        if (concentration is null)
        {
            return null;
        }

        return H("section",
            H("h2", "Who holds the seats"),
            H("p",
                $"{ReportText.Number(concentration.Panellists)} panellists hold {ReportText.Number(concentration.Seats)} seats; ",
                $"{ReportText.Number(concentration.SeatsHeldByRepeatPanellists)} seats ({ReportText.Percent(concentration.RepeatSeatShare)}) are held by people with more than one. ",
                $"{ReportText.Number(concentration.Newcomers)} panellists ({ReportText.Percent(concentration.NewcomerShare)}) are newcomers: no seat or registration at an earlier meeting of the forum."),
            concentration.Top.Count == 0 ? null : H("table",
                H("caption", "Most seats"),
                H("thead", H("tr", ColumnHead("Panellist"), ColumnHead("Seats"))),
                H("tbody", concentration.Top.Select(h => H("tr",
                    RowHead(h.DisplayName.Length > 0 ? h.DisplayName : h.Stakeholder),
                    H("td", ReportText.Number(h.Seats)))))));
    }

    public static XElement? ReportCards(ReportCardSummary? cards)
    {
        if (cards is null)
        {
            return null;
        }

        var lines = new List<(string Label, string Value)>
        {
            ("Sessions with a report card", ReportText.Number(cards.SessionsWithCard)),
            ("… giving audience counts", ReportText.Number(cards.SessionsWithCounts)),
            ("Participants counted", ReportText.Number(cards.Participants)),
            ("Women among them", ReportText.Number(cards.Women)),
            ("Women's share of audiences", cards.HasWomenShare ? ReportText.Percent(cards.WomenShare) : Words.None),
        };
        lines.AddRange(ReportText.Counted(cards.Bands, "WOMEN_SHARE_BAND_").Select(b => ($"Women's share “{b.Label}” (band only)", b.Count)));
        lines.AddRange(ReportText.Counted(cards.GenderDiscussion, "GENDER_DISCUSSION_").Select(b => ($"Gender equality {b.Label}", b.Count)));
        return H("section",
            H("h2", "Gender report cards"),
            H("table",
                H("caption", "The sessions' gender report cards, together"),
                H("tbody", lines.Select(l => H("tr", RowHead(l.Label), H("td", l.Value))))));
    }

    public static XElement Baseline(DiversityReport report, BaselineComparison baseline)
    {
        return H("section",
            H("h2", $"Baseline: {ReportText.Name(baseline.Dimension).ToLowerInvariant()} of {ReportText.Name(baseline.Population).ToLowerInvariant()}"),
            H("p", A("class", "note"),
                $"Against {(baseline.Reference == "registrants" ? "the meeting's registrants" : "the shares given")}: the count expected if panels were drawn at random from the reference, and how likely so few (or so many panels without anyone of the category) would be by chance."),
            H("table",
                H("caption", $"{ReportText.Name(baseline.Dimension)} of {ReportText.Name(baseline.Population).ToLowerInvariant()} against the reference"),
                H("thead", H("tr", ReportText.BaselineColumns.Select(h => ColumnHead(h)))),
                H("tbody", baseline.Categories.Select(c => H("tr",
                    RowHead(ReportText.LabelOf(report, baseline.Dimension, c.Category)),
                    ReportText.BaselineCells(c).Select(Cell))))));

        static XElement Cell(string text) => text == Words.Suppressed ? H("td", A("class", "suppressed"), text) : H("td", text);
    }
}
