using System.Globalization;
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
    ];

    public const string Suppressed = "suppressed";
    public const string Withheld = "withheld";

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

    /// <summary>Said when even the verdict counts are withheld: they would be a single session's verdict.</summary>
    public const string SinglePanelVerdict = "It would be that of a single session's panel.";

    /// <summary>The summary's verdicts are withheld and not even counted (one session's panel).</summary>
    public static bool VerdictUncounted(BalanceSummary balance) =>
        balance.VerdictsWithheld && balance.Balanced + balance.Unbalanced + balance.Indeterminate == 0;

    public static string Name(ApiPopulation population) => population switch
    {
        ApiPopulation.Seats => "Seats",
        ApiPopulation.Panellists => "Panellists",
        ApiPopulation.Registrants => "Registrants",
        ApiPopulation.RegistrantsOnsite => "Registrants onsite",
        ApiPopulation.RegistrantsRemote => "Registrants remote",
        _ => ProtoEnums.NameOf(population),
    };

    public static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Balanced => "balanced",
        Verdict.Unbalanced => "unbalanced",
        Verdict.Indeterminate => "indeterminate",
        _ => "not checked",
    };

    /// <summary>A session kind's enum name (<c>SESSION_KIND_WORKSHOP</c>) as people say it; other text as given.</summary>
    public static string KindName(string kind) =>
        ProtoEnums.Values<SessionKind>().TryGetValue(kind, out var value) ? (SessionKind)value switch
        {
            SessionKind.Workshop => "Workshops",
            SessionKind.MainSession => "Main sessions",
            SessionKind.OpenForum => "Open forums",
            SessionKind.DynamicCoalition => "Dynamic coalitions",
            SessionKind.BestPracticeForum => "Best practice forums",
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
