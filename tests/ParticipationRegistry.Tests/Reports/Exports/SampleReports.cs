using System.Globalization;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.Exports;

/// <summary>
/// Diversity reports built by hand, shaped as the builder shapes them (every category of a
/// dimension, known first; shares, known totals and indices left out of a breakdown with a
/// suppressed cell), so the renderers are tested without the statistics.
/// </summary>
internal static class SampleReports
{
    /// <summary>What a suppressed cell really holds in <see cref="Meeting"/>: never in the report, so never in an export.</summary>
    public const long HiddenNonBinaryPanellists = 1;
    public const long HiddenDeclinedPanellists = 2;

    /// <summary>Shapes the panellists' gender as the builder does when it withholds a breakdown whole.</summary>
    public static void WithholdPanellistGender(DiversityReport report)
    {
        var gender = report.Breakdowns.Single(b => b.Population == Population.Panellists && b.Dimension == ReportDimension.Gender);
        gender.Withheld = true;
        gender.ClearKnown();
        foreach (var category in gender.Categories)
        {
            category.ClearCount();
            category.ClearShare();
            category.Suppressed = true;
        }
    }

    public static readonly (string Key, string Label, bool Known)[] Groups =
    [
        ("STAKEHOLDER_GROUP_GOVERNMENT", "Government", true),
        ("STAKEHOLDER_GROUP_CIVIL_SOCIETY", "Civil society", true),
        ("STAKEHOLDER_GROUP_PRIVATE_SECTOR", "Private sector", true),
        ("STAKEHOLDER_GROUP_TECHNICAL_COMMUNITY", "Technical community", true),
        ("STAKEHOLDER_GROUP_INTERGOVERNMENTAL_ORGANIZATION", "Intergovernmental organization", true),
        ("STAKEHOLDER_GROUP_UNSPECIFIED", "not recorded", false),
    ];

    public static readonly (string Key, string Label, bool Known)[] Regions =
    [
        ("REGIONAL_GROUP_AFRICAN", "African", true),
        ("REGIONAL_GROUP_ASIA_PACIFIC", "Asia-Pacific", true),
        ("REGIONAL_GROUP_EASTERN_EUROPEAN", "Eastern European", true),
        ("REGIONAL_GROUP_LATIN_AMERICAN_CARIBBEAN", "GRULAC", true),
        ("REGIONAL_GROUP_WESTERN_EUROPEAN_OTHERS", "WEOG", true),
        ("REGIONAL_GROUP_UNSPECIFIED", "unassigned", false),
    ];

    public static readonly (string Key, string Label, bool Known)[] Genders =
    [
        ("GENDER_WOMAN", "Woman", true),
        ("GENDER_MAN", "Man", true),
        ("GENDER_NON_BINARY", "Non-binary", true),
        ("GENDER_SELF_DESCRIBED", "Self-described", true),
        ("GENDER_UNSPECIFIED", "not recorded", false),
        ("GENDER_DECLINED", "declined", false),
    ];

    public static readonly (string Key, string Label, bool Known)[] Developing =
    [
        ("DEVELOPING", "LDC, LLDC or SIDS", true),
        ("OTHER", "Other country", true),
        ("NO_COUNTRY", "no country", false),
    ];

    public static readonly (string Key, string Label, bool Known)[] Roles =
    [
        ("PARTICIPANT_ROLE_SPEAKER", "Speaker", true),
        ("PARTICIPANT_ROLE_MODERATOR", "Moderator", true),
        ("PARTICIPANT_ROLE_REMOTE_MODERATOR", "Remote moderator", true),
        ("PARTICIPANT_ROLE_RAPPORTEUR", "Rapporteur", true),
        ("PARTICIPANT_ROLE_ORGANIZER", "Organizer", true),
        ("PARTICIPANT_ROLE_UNSPECIFIED", "not recorded", false),
    ];

    public static readonly (string Key, string Label, bool Known)[] Attributes =
    [
        ("STAKEHOLDER_ATTRIBUTE_YOUTH", "Youth", true),
        ("STAKEHOLDER_ATTRIBUTE_ACADEMIA", "Academia", true),
        ("STAKEHOLDER_ATTRIBUTE_PARLIAMENTARIAN", "Parliamentarian", true),
        ("STAKEHOLDER_ATTRIBUTE_MEDIA", "Media", true),
        ("STAKEHOLDER_ATTRIBUTE_PERSON_WITH_DISABILITY", "Person with disability", true),
        ("NO_ATTRIBUTE", "none", false),
    ];

    /// <summary>Renders under a culture writing 1.234,5 and ~1: output must not change.</summary>
    public static string UnderCommaCulture(Func<string> render)
    {
        var culture = CultureInfo.CurrentCulture;
        try
        {
            var commas = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            commas.NumberFormat.NumberDecimalSeparator = ",";
            commas.NumberFormat.NumberGroupSeparator = ".";
            commas.NumberFormat.PercentDecimalSeparator = ",";
            commas.NumberFormat.NegativeSign = "~";
            CultureInfo.CurrentCulture = commas;
            return render();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    /// <summary>
    /// A breakdown; a null count is a suppressed cell. Without suppressed cells, shares, the known
    /// total and the indices are filled in as the builder does.
    /// </summary>
    public static DimensionBreakdown Breakdown(
        ReportDimension dimension, Population population, (string Key, string Label, bool Known)[] categories, long total, params long?[] counts)
    {
        Assert.Equal(categories.Length, counts.Length);
        var breakdown = new DimensionBreakdown { Dimension = dimension, Population = population, Total = total };
        var anySuppressed = counts.Any(c => c is null);
        var known = categories.Select((c, i) => c.Known ? counts[i] ?? 0 : 0).Sum();
        for (var i = 0; i < categories.Length; i++)
        {
            var cell = new CategoryCount { Category = categories[i].Key, Label = categories[i].Label, Known = categories[i].Known };
            if (counts[i] is { } count)
            {
                cell.Count = count;
                if (!anySuppressed && categories[i].Known && known > 0)
                {
                    cell.Share = (double)count / known;
                }
            }
            else
            {
                cell.Suppressed = true;
            }

            breakdown.Categories.Add(cell);
        }

        if (!anySuppressed)
        {
            breakdown.Known = known;
            if (dimension != ReportDimension.Attribute && known > 0)
            {
                var shares = categories.Select((c, i) => c.Known ? (double)counts[i]!.Value / known : 0).Where(p => p > 0).ToList();
                var k = categories.Count(c => c.Known);
                breakdown.NormalizedBlau = (1 - shares.Sum(p => p * p)) / (1 - (1.0 / k));
                breakdown.PielouEvenness = -shares.Sum(p => p * Math.Log(p)) / Math.Log(k);
            }
        }

        return breakdown;
    }

    /// <summary>A meeting with panels and registrations; the panellists' gender has two suppressed cells.</summary>
    public static DiversityReport Meeting(string id = "igf-2019", string displayName = "IGF 2019, Berlin")
    {
        var report = new DiversityReport
        {
            Name = $"meetings/{id}",
            DisplayName = displayName,
            Sessions = 14,
            Seats = 131,
            Panellists = 113,
            Registrants = 1272,
            SuppressionThreshold = 3,
            Perturbed = true,
            Breakdowns =
            {
                Breakdown(ReportDimension.StakeholderGroup, Population.Seats, Groups, 131, 30, 41, 22, 27, 6, 5),
                Breakdown(ReportDimension.RegionalGroup, Population.Seats, Regions, 131, 19, 24, 9, 14, 58, 7),
                Breakdown(ReportDimension.Gender, Population.Seats, Genders, 131, 48, 70, null, 0, 8, null),
                Breakdown(ReportDimension.DevelopingCountry, Population.Seats, Developing, 131, 21, 103, 7),
                Breakdown(ReportDimension.Attribute, Population.Seats, Attributes, 131, 12, 19, null, 6, null, 94),
                Breakdown(ReportDimension.Role, Population.Seats, Roles, 131, 98, 16, 4, 9, 4, 0),
                Breakdown(ReportDimension.StakeholderGroup, Population.Panellists, Groups, 113, 26, 35, 19, 23, 6, 4),
                Breakdown(ReportDimension.RegionalGroup, Population.Panellists, Regions, 113, 17, 21, 8, 12, 49, 6),
                Breakdown(ReportDimension.Gender, Population.Panellists, Genders, 113, 41, 63, null, 0, 6, null),
                Breakdown(ReportDimension.DevelopingCountry, Population.Panellists, Developing, 113, 18, 89, 6),
                Breakdown(ReportDimension.Attribute, Population.Panellists, Attributes, 113, 10, 17, null, 5, null, 81),
                Breakdown(ReportDimension.StakeholderGroup, Population.Registrants, Groups, 1272, 201, 388, 262, 297, 61, 63),
                Breakdown(ReportDimension.RegionalGroup, Population.Registrants, Regions, 1272, 142, 231, 118, 96, 602, 83),
                Breakdown(ReportDimension.Gender, Population.Registrants, Genders, 1272, 512, 598, 7, 3, 140, 12),
                Breakdown(ReportDimension.DevelopingCountry, Population.Registrants, Developing, 1272, 231, 958, 83),
                Breakdown(ReportDimension.Attribute, Population.Registrants, Attributes, 1272, 148, 211, 9, 44, 6, 901),
                Breakdown(ReportDimension.StakeholderGroup, Population.RegistrantsOnsite, Groups, 803, 150, 231, 170, 180, 40, 32),
                Breakdown(ReportDimension.StakeholderGroup, Population.RegistrantsRemote, Groups, 469, 51, 157, 92, 117, 21, 31),
            },
            CrossTabs =
            {
                new CrossTab
                {
                    Rows = ReportDimension.StakeholderGroup,
                    Columns = ReportDimension.Gender,
                    Population = Population.Panellists,
                    Cells =
                    {
                        new CrossTabCell { Row = "STAKEHOLDER_GROUP_GOVERNMENT", Column = "GENDER_WOMAN", Count = 9 },
                        new CrossTabCell { Row = "STAKEHOLDER_GROUP_GOVERNMENT", Column = "GENDER_MAN", Count = 17 },
                        new CrossTabCell { Row = "STAKEHOLDER_GROUP_CIVIL_SOCIETY", Column = "GENDER_WOMAN", Suppressed = true },
                        new CrossTabCell { Row = "STAKEHOLDER_GROUP_CIVIL_SOCIETY", Column = "GENDER_MAN", Suppressed = true },
                    },
                },
            },
            Balance = new BalanceSummary
            {
                Policy = "policies/multistakeholder-balance",
                Sessions = 14,
                Balanced = 9,
                Unbalanced = 3,
                Indeterminate = 2,
                BalancedShare = 9.0 / 14,
                NotBalanced =
                {
                    new SessionVerdict { Session = $"meetings/{id}/sessions/ws-12", DisplayName = "Data governance, \"a fair deal\"?", Verdict = Verdict.Unbalanced, Policy = "policies/multistakeholder-balance" },
                    new SessionVerdict { Session = $"meetings/{id}/sessions/ws-31", DisplayName = "=HYPERLINK(\"x\") <b>& friends</b>", Verdict = Verdict.Unbalanced, Policy = "policies/multistakeholder-balance" },
                    new SessionVerdict { Session = $"meetings/{id}/sessions/ws-44", DisplayName = "Youth | Internet, tomorrow", Verdict = Verdict.Unbalanced, Policy = "policies/multistakeholder-balance" },
                    new SessionVerdict { Session = $"meetings/{id}/sessions/of-2", DisplayName = "Open forum: UNESCO", Verdict = Verdict.Indeterminate, Policy = "policies/multistakeholder-balance" },
                    new SessionVerdict { Session = $"meetings/{id}/sessions/ms-1", DisplayName = "Main session\non security", Verdict = Verdict.Indeterminate, Policy = "policies/multistakeholder-balance" },
                },
            },
            Concentration = new SpeakerConcentration
            {
                Seats = 131,
                Panellists = 113,
                SeatsHeldByRepeatPanellists = 29,
                RepeatSeatShare = 29.0 / 131,
                Newcomers = 71,
                NewcomerShare = 71.0 / 113,
                Top =
                {
                    new SeatHolder { Stakeholder = "stakeholders/a", DisplayName = "Anriette Esterhuysen", Seats = 4 },
                    new SeatHolder { Stakeholder = "stakeholders/b", DisplayName = "Vint Cerf", Seats = 3 },
                },
            },
            ReportCards = new ReportCardSummary
            {
                SessionsWithCard = 11,
                SessionsWithCounts = 8,
                Participants = 640,
                Women = 301,
                WomenShare = 301.0 / 640,
                Bands = { ["WOMEN_SHARE_BAND_ABOUT_HALF"] = 2, ["WOMEN_SHARE_BAND_FEW"] = 1 },
                GenderDiscussion = { ["GENDER_DISCUSSION_NOT_RAISED"] = 5, ["GENDER_DISCUSSION_MENTIONED"] = 4, ["GENDER_DISCUSSION_MAIN_FOCUS"] = 2 },
            },
            Baselines =
            {
                new BaselineComparison
                {
                    Dimension = ReportDimension.Gender,
                    Population = Population.Panellists,
                    Reference = "registrants",
                    Categories =
                    {
                        new BaselineCategory { Category = "GENDER_WOMAN", ReferenceShare = 512.0 / 1120, ObservedTotal = 0, Expected = 0, PanelsWithoutExpected = 1.2, Suppressed = true },
                        new BaselineCategory { Category = "GENDER_MAN", ReferenceShare = 598.0 / 1120, ObservedTotal = 0, Expected = 0, PanelsWithoutExpected = 0.4, Suppressed = true },
                    },
                },
            },
        };
        return report;
    }

    /// <summary>A report with nothing suppressed (personal data included), for shares and indices.</summary>
    public static DiversityReport Unsuppressed(string id, string displayName, long women, long men, long notRecorded, long registrantWomen, long registrantMen)
    {
        var panellists = women + men + notRecorded;
        var registrants = registrantWomen + registrantMen;
        return new DiversityReport
        {
            Name = $"meetings/{id}",
            DisplayName = displayName,
            Sessions = 5,
            Seats = panellists,
            Panellists = panellists,
            Registrants = registrants,
            SuppressionThreshold = 0,
            Breakdowns =
            {
                Breakdown(ReportDimension.StakeholderGroup, Population.Panellists, Groups, panellists, women, men / 2, men - (men / 2), 0, 0, notRecorded),
                Breakdown(ReportDimension.Gender, Population.Panellists, Genders, panellists, women, men, 0, 0, notRecorded, 0),
                Breakdown(ReportDimension.StakeholderGroup, Population.Registrants, Groups, registrants, registrantWomen, registrantMen, 0, 0, 0, 0),
                Breakdown(ReportDimension.Gender, Population.Registrants, Genders, registrants, registrantWomen, registrantMen, 0, 0, 0, 0),
            },
            Balance = new BalanceSummary { Policy = "policies/multistakeholder-balance", Sessions = 5, Balanced = 5, BalancedShare = 1 },
        };
    }

    /// <summary>The same meeting by session kind: workshops and main sessions, one with a suppressed gender cell.</summary>
    public static IReadOnlyList<(string Kind, DiversityReport Report)> ByKind() =>
    [
        ("SESSION_KIND_WORKSHOP", new DiversityReport
        {
            Name = "meetings/igf-2019",
            Seats = 88,
            Breakdowns =
            {
                Breakdown(ReportDimension.StakeholderGroup, Population.Seats, Groups, 88, 18, 30, 15, 19, 3, 3),
                Breakdown(ReportDimension.RegionalGroup, Population.Seats, Regions, 88, 14, 17, 6, 10, 36, 5),
                Breakdown(ReportDimension.Gender, Population.Seats, Genders, 88, 34, 48, null, 0, 5, null),
            },
        }),
        ("SESSION_KIND_MAIN_SESSION", new DiversityReport
        {
            Name = "meetings/igf-2019",
            Seats = 25,
            Breakdowns =
            {
                Breakdown(ReportDimension.StakeholderGroup, Population.Seats, Groups, 25, 8, 5, 4, 4, 3, 1),
                Breakdown(ReportDimension.RegionalGroup, Population.Seats, Regions, 25, 3, 4, 2, 2, 13, 1),
                Breakdown(ReportDimension.Gender, Population.Seats, Genders, 25, 7, 15, 0, 0, 3, 0),
            },
        }),
    ];

    /// <summary>Three meetings of a forum, oldest first, with the changes CompareMeetings gives.</summary>
    public static CompareMeetingsResponse Trend()
    {
        var reports = new[]
        {
            Unsuppressed("igf-2017", "IGF 2017, Geneva", 30, 61, 4, 400, 520),
            Unsuppressed("igf-2018", "IGF 2018, Paris", 36, 58, 2, 450, 510),
            Meeting(),
        };
        for (var i = 1; i < reports.Length; i++)
        {
            foreach (var breakdown in reports[i].Breakdowns)
            {
                var before = reports[i - 1].Breakdowns.FirstOrDefault(b => b.Dimension == breakdown.Dimension && b.Population == breakdown.Population);
                foreach (var category in breakdown.Categories)
                {
                    if (category.HasCount && before?.Categories.FirstOrDefault(c => c.Category == category.Category) is { HasCount: true } was)
                    {
                        category.Change = category.Count - was.Count;
                    }
                }
            }
        }

        return new CompareMeetingsResponse { Reports = { reports } };
    }
}
