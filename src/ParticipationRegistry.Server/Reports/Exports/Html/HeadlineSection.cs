using System.Xml.Linq;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Server.Reports.Exports.Html.Markup;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The headline: figure cards and a few sentences that say them.</summary>
internal static class HeadlineSection
{
    private const string Woman = "GENDER_WOMAN";

    public static XElement Render(DiversityReport report)
    {
        var women = report.View(ReportDimension.Gender, ApiPopulation.Panellists)?.Cell(Woman);
        var womenInRoom = report.View(ReportDimension.Gender, ApiPopulation.Registrants)?.Cell(Woman);
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

    private static List<string> Sentences(DiversityReport report, CellView? women, CellView? womenInRoom)
    {
        var sentences = new List<string>
        {
            $"{ReportText.Grouped(report.Panellists)} {ReportText.Plural(report.Panellists, "person", "people")} held {ReportText.Grouped(report.Seats)} {ReportText.Plural(report.Seats, "seat", "seats")} on {ReportText.Grouped(report.Sessions)} {ReportText.Plural(report.Sessions, "session", "sessions")}; "
                + (report.Registrants > 0 ? $"{ReportText.Grouped(report.Registrants)} registered to attend." : "no registrations are recorded."),
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
            sentences.Add($"Balanced under {balance.Policy}: {ReportText.Number(balance.Balanced)} of {ReportText.Number(balance.Sessions)} {ReportText.Plural(balance.Sessions, "session", "sessions")} ({ReportText.Percent(balance.BalancedShare)}).");
        }

        return sentences;
    }

    private static XElement Card(string value, string label) =>
        H("div", A("class", "card"),
            H("span", A("class", value.Any(char.IsLetter) ? "value word" : "value"), value),
            H("span", A("class", "label"), label));
}
