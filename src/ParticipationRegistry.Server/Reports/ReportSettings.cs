using ParticipationRegistry.Server.Balance;

namespace ParticipationRegistry.Server.Reports;

/// <summary>What a report is asked for, validated (<see cref="ReportRequests"/> makes them).</summary>
/// <param name="SuppressionThreshold">k: gender and attribute counts from 1 to k−1 are suppressed; 0 when personal data was asked for.</param>
/// <param name="GivenShares">Reference shares given by the caller for the baseline; empty: the meeting's registrants.</param>
public sealed record ReportSettings(
    int SuppressionThreshold,
    IReadOnlyList<(Dimension Rows, Dimension Columns, Population Population)> CrossTabs,
    string PolicyName,
    IReadOnlyList<BalanceRule> Rules,
    Dimension BaselineDimension,
    IReadOnlyList<(string Category, double Share)> GivenShares)
{
    public bool Suppressing => SuppressionThreshold > 1;
}
