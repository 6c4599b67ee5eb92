using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>The report's figures as the API's messages; cells go through <see cref="BreakdownView"/> and <see cref="CrossTabView"/>, so every format hides them alike.</summary>
public static class ReportProto
{
    public static DimensionBreakdown Breakdown(IReadOnlyList<CubeRow> cube, Population population, Dimension dimension, DisclosurePlan plan, ReportLayout layout)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return BreakdownView.Of(IgfLayout.BreakdownOf(cube, dimension, population, layout), plan.Of(population, dimension)).ToProto();
    }

    public static CrossTab CrossTab(IReadOnlyList<CubeRow> cube, CrossTabDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var table = ReportMath.CrossTabOf(cube, decision.Rows, decision.Columns);
        return CrossTabView.Of(table, decision.Population, decision.Published, decision.Withheld).ToProto();
    }

    /// <summary>The concentration of seats; a top seat holder is named only when <paramref name="namesEveryone"/> or the person is nameable to anyone.</summary>
    public static SpeakerConcentration Concentration(PanellistFigures panellists, long seats, long people, bool namesEveryone)
    {
        ArgumentNullException.ThrowIfNull(panellists);
        return new SpeakerConcentration
        {
            Seats = seats,
            Panellists = people,
            Top =
            {
                panellists.Top.Select(h => namesEveryone || h.Nameable
                    ? new SeatHolder { Stakeholder = new StakeholderName(h.StakeholderId).ToString(), DisplayName = h.DisplayName, Seats = h.Seats }
                    : new SeatHolder { DisplayName = PersonalDataRights.UnnamedPanellist, Seats = h.Seats }),
            },
            SeatsHeldByRepeatPanellists = panellists.SeatsHeldByRepeatPanellists,
            RepeatSeatShare = seats == 0 ? 0 : (double)panellists.SeatsHeldByRepeatPanellists / seats,
            Newcomers = panellists.Newcomers,
            NewcomerShare = people == 0 ? 0 : (double)panellists.Newcomers / people,
        };
    }

    public static ReportCardSummary ReportCards(ReportCardTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var summary = new ReportCardSummary
        {
            SessionsWithCard = totals.SessionsWithCard,
            SessionsWithCounts = totals.SessionsWithCounts,
            Participants = totals.Participants,
            Women = totals.Women,
        };
        if (totals.Participants > 0)
        {
            summary.WomenShare = (double)totals.Women / totals.Participants;
        }

        foreach (var (band, sessions) in totals.Bands)
        {
            summary.Bands[ProtoEnums.NameOf((WomenShareBand)band)] = sessions;
        }

        foreach (var (answer, sessions) in totals.Discussion)
        {
            summary.GenderDiscussion[ProtoEnums.NameOf((GenderDiscussion)answer)] = sessions;
        }

        return summary;
    }
}
