using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The sections without charts: the headline, who holds the seats, the gender report cards, the baselines.</summary>
internal static class SummarySections
{
    /// <summary>The headline: figure cards and a few sentences that say them.</summary>
    public static XElement Headline(DiversityReport report)
    {
        var women = report.WomenAmong(V1.Population.Panellists);
        var womenInRoom = report.WomenAmong(V1.Population.Registrants);
        var balance = report.Balance;
        var cards = new List<XElement>
        {
            Card(ReportText.Grouped(report.Sessions), "sessions"),
            Card(ReportText.Grouped(report.Seats), "seats on panels"),
            Card(ReportText.Grouped(report.Panellists), "panellists"),
            Card(ReportText.Grouped(report.Registrants), "registrants"),
            women switch
            {
                { Share: { } share } => Card(ReportText.WholePercent(share), "women among panellists of known gender"),
                { Count: { } count } => Card(ReportText.Grouped(count), $"women among {ReportText.Grouped(report.Panellists)} panellists"),
                { Hidden: true } => Card(women.Text, "women among panellists"),
                _ => Card(Words.None, "women among panellists"),
            },
        };
        if (balance is not null && balance.Sessions > 0)
        {
            cards.Add(ReportText.VerdictUncounted(balance)
                ? Card(Words.Withheld, "balance verdict")
                : Card($"{ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)}", "sessions balanced"));
        }

        return H("section", A("class", "headline"), A("aria-label", "Headline figures"),
            H("div", A("class", "cards"), cards),
            H("p", A("class", "summary"), string.Join(" ", Sentences(report, women, womenInRoom))));
    }

    private static string CheckedIn(DiversityReport report) =>
        report.RegistrantsCheckedIn > 0 ? $", {ReportText.Grouped(report.RegistrantsCheckedIn)} checked in" : "";

    private static List<string> Sentences(DiversityReport report, CellView? women, CellView? womenInRoom)
    {
        var sentences = new List<string>
        {
            $"{ReportText.Grouped(report.Panellists)} {ReportText.Plural(report.Panellists, "person", "people")} held {ReportText.Grouped(report.Seats)} {ReportText.Plural(report.Seats, "seat", "seats")} on {ReportText.Grouped(report.Sessions)} {ReportText.Plural(report.Sessions, "session", "sessions")}; "
                + (report.Registrants > 0 ? $"{ReportText.Grouped(report.Registrants)} registered to attend{CheckedIn(report)}." : "no registrations are recorded."),
        };
        if (women?.Share is { } share)
        {
            sentences.Add(womenInRoom?.Share is { } roomShare
                ? $"Women were {ReportText.Percent(share)} of panellists with a recorded gender, against {ReportText.Percent(roomShare)} of registrants."
                : $"Women were {ReportText.Percent(share)} of panellists with a recorded gender.");
        }
        else if (women?.Count is { } count && report.Panellists > 0)
        {
            sentences.Add($"{ReportText.Grouped(count)} of the {ReportText.Grouped(report.Panellists)} panellists ({ReportText.Percent((double)count / report.Panellists)}) are women.");
        }

        var balance = report.Balance;
        if (balance is not null && balance.Sessions > 0 && !ReportText.VerdictUncounted(balance))
        {
            sentences.Add($"Balanced under {ReportText.Policies(balance)}: {ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)} {ReportText.Plural(balance.Sessions, "session", "sessions")} ({ReportText.Percent(balance.BalancedShare)}).");
        }

        return sentences;
    }

    private static XElement Card(string value, string label) =>
        H("div", A("class", "card"),
            H("span", A("class", value.Any(char.IsLetter) ? "value word" : "value"), value),
            H("span", A("class", "label"), label));

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
