using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>What a report is asked for, validated (<see cref="ReportRequests"/> makes them).</summary>
/// <param name="SuppressionThreshold">k: published (perturbed) gender and attribute counts below k are hidden; 0 when personal data was asked for (exact figures).</param>
/// <param name="GivenShares">Reference shares given by the caller for the baseline; empty: the meeting's registrants.</param>
/// <param name="NamesEveryone">The caller may see every seat holder's name (personal-data rights over the report's people);
/// otherwise the top seat holders are named only when all their seats in scope are published and they did not refuse publication.</param>
/// <param name="Layout">How the group and region breakdowns are laid out (<see cref="IgfLayout"/>).</param>
/// <param name="SelfDeclaredOnly">Gender and attributes count only where the person declared them (only with personal data).</param>
/// <param name="Judges">A meeting report's policies by session kind when it names none (<see cref="PolicyResolver.ForMeeting"/>);
/// null: <paramref name="PolicyName"/> judges every session.</param>
public sealed record ReportSettings(
    int SuppressionThreshold,
    IReadOnlyList<(Dimension Rows, Dimension Columns, Population Population)> CrossTabs,
    string PolicyName,
    IReadOnlyList<BalanceRule> Rules,
    Dimension BaselineDimension,
    IReadOnlyList<(string Category, double Share)> GivenShares,
    bool NamesEveryone = true,
    ReportLayout Layout = ReportLayout.Unspecified,
    bool SelfDeclaredOnly = false,
    MeetingPolicies? Judges = null)
{
    /// <summary>The policy judging a session of <paramref name="kind"/>.</summary>
    public NamedPolicy PolicyFor(int kind) => Judges?.For(kind) ?? new NamedPolicy(PolicyName, Rules);

    /// <summary>The public view (perturbed, small values hidden): every report but one asking for personal data.</summary>
    public bool Suppressing => SuppressionThreshold > 0;

    /// <summary>
    /// The report holds personal data, never to be cached: counts the default threshold would hide, or,
    /// in a format that prints the top seat holders (<paramref name="withSeatHolders"/>), names shown thanks to the caller's rights.
    /// </summary>
    public bool CarriesPersonalData(bool withSeatHolders) =>
        SuppressionThreshold < ReportRequests.DefaultSuppressionThreshold || (withSeatHolders && NamesEveryone);
}
