using System.Globalization;
using Google.Protobuf.Collections;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports.Exports;

/// <summary>
/// Words and number formats the exports share, so CSV, Markdown and HTML name and round things
/// alike. Invariant culture throughout: the output does not depend on the server's locale.
/// </summary>
public static class ReportText
{
    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The order dimensions are shown in: the IGF's published three first.</summary>
    public static readonly IReadOnlyList<ReportDimension> DimensionOrder =
    [
        ReportDimension.StakeholderGroup,
        ReportDimension.RegionalGroup,
        ReportDimension.Gender,
        ReportDimension.DevelopingCountry,
        ReportDimension.Attribute,
        ReportDimension.Role,
    ];

    public static readonly IReadOnlyList<ApiPopulation> PopulationOrder =
    [
        ApiPopulation.Seats,
        ApiPopulation.Panellists,
        ApiPopulation.Registrants,
        ApiPopulation.RegistrantsOnsite,
        ApiPopulation.RegistrantsRemote,
        ApiPopulation.RegistrantsCheckedIn,
    ];

    /// <summary>The meeting's display name, or its resource name when it has none.</summary>
    public static string Title(DiversityReport report) => report.DisplayName.Length > 0 ? report.DisplayName : report.Name;

    /// <summary>What the report hides and why, for the top of every human-readable export.</summary>
    public static string PrivacyNote(DiversityReport report) => report.Perturbed
        ? $"{ProtectedNote(report.SuppressionThreshold)} Totals are exact; shares and indices are of the perturbed counts, so approximate."
            + (report.Breakdowns.Any(b => b.Withheld)
                ? " The panels' gender and attributes are withheld whole: they are those of a single session, which are personal data."
                : "")
        : "This report includes personal data: no counts are suppressed.";

    /// <summary>What protects a perturbed report's gender and attribute figures (see docs/PRIVACY.md).</summary>
    public static string ProtectedNote(int threshold) =>
        $"Figures are protected: gender and attribute counts are perturbed (people by up to ±2, seats by up to twice the most seats one person holds) and counts below {Number(threshold)} (after perturbation) are hidden.";

    /// <summary>A category's label, from any breakdown of its dimension.</summary>
    public static string LabelOf(DiversityReport report, ReportDimension dimension, string key) =>
        report.Breakdowns.Where(b => b.Dimension == dimension).SelectMany(b => b.Categories)
            .FirstOrDefault(c => c.Category == key && c.Label.Length > 0)?.Label ?? key;

    /// <summary>The headings of a baseline table: the category, then <see cref="BaselineCells"/>.</summary>
    public static readonly IReadOnlyList<string> BaselineColumns =
        ["Category", "Reference share", "Observed", "Expected", "P(as few or fewer)", "Panels without", "Expected without", "P(as many or more without)"];

    /// <summary>
    /// A baseline category's figures after its label: reference share, observed, expected, P(as few),
    /// panels without, expected without, P(as many without); hidden ones as <see cref="Words.Suppressed"/>.
    /// </summary>
    public static string[] BaselineCells(BaselineCategory c) =>
    [
        Percent(c.ReferenceShare),
        c.HasObserved && !c.Suppressed ? $"{Number(c.Observed)} of {Number(c.ObservedTotal)}" : Words.Suppressed,
        c.Suppressed ? Words.Suppressed : Fixed(c.Expected, 1),
        c.HasProbabilityAtMost && !c.Suppressed ? Probability(c.ProbabilityAtMost) : Words.Suppressed,
        c.HasPanelsWithout && !c.Suppressed ? Number(c.PanelsWithout) : Words.Suppressed,
        Fixed(c.PanelsWithoutExpected, 1),
        c.HasProbabilityPanelsWithoutAtLeast && !c.Suppressed ? Probability(c.ProbabilityPanelsWithoutAtLeast) : Words.Suppressed,
    ];

    /// <summary>A map of enum names to session counts, in key order, the names shortened for people.</summary>
    public static IEnumerable<(string Label, string Count)> Counted(MapField<string, int> counts, string prefix) =>
        counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (Humanize(c.Key, prefix), Number(c.Value)));

    public static string Plural(long n, string one, string many) => n == 1 ? one : many;

    public static string Name(ReportDimension dimension) => dimension switch
    {
        ReportDimension.StakeholderGroup => "Stakeholder group",
        ReportDimension.RegionalGroup => "Regional group",
        ReportDimension.Gender => "Gender",
        ReportDimension.Attribute => "Attributes",
        ReportDimension.Role => "Role",
        ReportDimension.DevelopingCountry => "LDC, LLDC or SIDS country",
        _ => ProtoEnums.NameOf(dimension),
    };

    /// <summary>Why a balance summary names no session (<c>BalanceSummary.verdicts_withheld</c>).</summary>
    public const string VerdictsWithheld =
        "the policy judges gender or attributes, so a session's verdict would say something of its panel's, which is personal data.";

    /// <summary>Said when even the verdict counts are withheld (<c>BalanceSummary.counts_withheld</c>).</summary>
    public const string SinglePanelVerdict = "Counts are given only for an unrestricted report judging enough sessions, so that no session's verdict can be worked out.";

    /// <summary>The summary's verdicts are withheld and not even counted.</summary>
    public static bool VerdictUncounted(BalanceSummary balance) => balance.CountsWithheld;

    public static string Name(ApiPopulation population) => population switch
    {
        ApiPopulation.Seats => "Seats",
        ApiPopulation.Panellists => "Panellists",
        ApiPopulation.Registrants => "Registrants",
        ApiPopulation.RegistrantsOnsite => "Registrants onsite",
        ApiPopulation.RegistrantsRemote => "Registrants remote",
        ApiPopulation.RegistrantsCheckedIn => "Registrants checked in",
        _ => ProtoEnums.NameOf(population),
    };

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Balanced => "balanced",
        Verdict.Unbalanced => "unbalanced",
        Verdict.Indeterminate => "indeterminate",
        _ => "not checked",
    };

    /// <summary>
    /// The policies of a balance summary as people read them: <c>policies/a</c>, or when sessions of some
    /// kinds were judged by their own, <c>policies/a (Workshops: policies/b)</c>; <paramref name="quote"/> marks each name.
    /// </summary>
    public static string Policies(BalanceSummary balance, Func<string, string>? quote = null)
    {
        ArgumentNullException.ThrowIfNull(balance);
        quote ??= name => name;
        return balance.KindPolicies.Count == 0
            ? quote(balance.Policy)
            : $"{quote(balance.Policy)} ({string.Join("; ", balance.KindPolicies.Select(k => $"{KindName(ProtoEnums.NameOf(k.Kind))}: {quote(k.Policy)}"))})";
    }

    /// <summary>A session kind's enum name (<c>SESSION_KIND_WORKSHOP</c>) as people say it; other text as given.</summary>
    public static string KindName(string kind) =>
        ProtoEnums.Values<SessionKind>().TryGetValue(kind, out var value) ? (SessionKind)value switch
        {
            SessionKind.Workshop => "Workshops",
            SessionKind.MainSession => "Main sessions",
            SessionKind.OpenForum => "Open forums",
            SessionKind.DynamicCoalition => "Dynamic coalitions",
            SessionKind.BestPracticeForum => "Best practice forums",
            SessionKind.LightningTalk => "Lightning talks",
            SessionKind.TownHall => "Town halls",
            SessionKind.NetworkingSession => "Networking sessions",
            SessionKind.LaunchAndAwards => "Launches and awards",
            SessionKind.DayZeroEvent => "Day 0 events",
            SessionKind.NriSession => "NRI sessions",
            SessionKind.PolicyNetwork => "Policy network sessions",
            SessionKind.ParliamentaryTrack => "Parliamentary track",
            SessionKind.YouthTrack => "Youth track",
            SessionKind.HighLevelSession => "High-level sessions",
            SessionKind.Other => "Other sessions",
            _ => "Kind not recorded",
        } : kind;

    /// <summary>The enum value name of a category-like map key, shortened for people (<c>WOMEN_SHARE_BAND_ABOUT_HALF</c> → "about half").</summary>
    public static string Humanize(string enumName, string prefix) =>
        (enumName.StartsWith(prefix, StringComparison.Ordinal) ? enumName[prefix.Length..] : enumName)
            .Replace('_', ' ')
            .ToLowerInvariant();

    public static string Number(long value) => value.ToString(Invariant);

    /// <summary>Thousands separated, for headline figures (12,345).</summary>
    public static string Grouped(long value) => value.ToString("#,0", Invariant);

    /// <summary>A share as a percentage with one decimal (38.5%).</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + "%";

    /// <summary>A share as a whole percentage (39%), for chart labels.</summary>
    public static string WholePercent(double share) => (share * 100).ToString("0", Invariant) + "%";

    public static string Fixed(double value, int digits) => value.ToString("F" + Number(digits), Invariant);

    /// <summary>A probability: three significant digits, small ones in scientific notation.</summary>
    public static string Probability(double p) => p switch
    {
        0 => "0",
        < 0.001 => p.ToString("0.00E+0", Invariant),
        _ => p.ToString("0.000", Invariant),
    };

    /// <summary>Round-trip text of a double (what CSV carries, so parsing gives the same value back).</summary>
    public static string Exact(double value) => value.ToString("R", Invariant);
}
