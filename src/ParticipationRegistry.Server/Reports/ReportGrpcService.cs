using Grpc.Core;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;
using ApiDimension = ParticipationRegistry.V1.ReportDimension;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports;

/// <summary>ReportService: validate, resolve the settings, let the builder assemble.</summary>
public sealed class ReportGrpcService(ReportBuilder builder, PolicyResolver policies) : ReportService.ReportServiceBase
{
    public const int DefaultSuppressionThreshold = 3;
    public const int MaxCompared = 20;

    public override Task<DiversityReport> GetSessionDiversity(GetSessionDiversityRequest request, ServerCallContext context)
    {
        var ids = ResourceNames.Match(request.Name, "meetings", "sessions")
            ?? throw RegistryException.InvalidArgument("name", "Required: meetings/{meeting}/sessions/{session}.");
        return builder.SessionAsync(ids[0], ids[1], Settings(request.Options));
    }

    public override Task<DiversityReport> GetMeetingDiversity(GetMeetingDiversityRequest request, ServerCallContext context)
    {
        var meetingId = ResourceNames.Match(request.Name, "meetings")?[0]
            ?? throw RegistryException.InvalidArgument("name", "Required: meetings/{meeting}.");
        var violations = new Violations();
        Defined(request.Kinds, "kinds", violations);
        Defined(request.States, "states", violations);
        Defined(request.Roles, "roles", violations);
        Defined(request.Confirmations, "confirmations", violations);
        violations.ThrowIfAny();
        var scope = new SeatScope(
            meetingId,
            null,
            request.Kinds.Select(k => (int)k).ToList(),
            request.States.Select(s => (int)s).ToList(),
            request.Themes.ToList(),
            request.Roles.Select(r => (int)r).ToList(),
            request.Confirmations.Select(c => (int)c).ToList());
        return builder.MeetingAsync(scope, Settings(request.Options));
    }

    public override Task<CompareMeetingsResponse> CompareMeetings(CompareMeetingsRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        if (request.Names.Count < 2 || request.Names.Count > MaxCompared)
        {
            violations.Add("names", $"Give 2 to {MaxCompared} meetings.");
        }

        var ids = new List<string>();
        for (var i = 0; i < request.Names.Count; i++)
        {
            if (ResourceNames.Match(request.Names[i], "meetings")?[0] is not { } id)
            {
                violations.Add($"names[{i}]", "Must be a meeting name, meetings/{meeting}.");
            }
            else if (ids.Contains(id))
            {
                violations.Add($"names[{i}]", "Listed twice.");
            }
            else
            {
                ids.Add(id);
            }
        }

        violations.ThrowIfAny();
        return builder.CompareAsync(ids, Settings(request.Options));
    }

    private ReportSettings Settings(ReportOptions? options)
    {
        options ??= new ReportOptions();
        var violations = new Violations();
        var at = violations.At("options");
        if (options.SuppressionThreshold is < 0 or > 100)
        {
            at.Add("suppression_threshold", "Must be from 0 (meaning 3) to 100.");
        }

        var crossTabs = new List<(Dimension, Dimension, Population)>();
        for (var i = 0; i < options.CrossTabs.Count; i++)
        {
            var tab = options.CrossTabs[i];
            var line = at.At($"cross_tabs[{i}]");
            var rows = Dimension(tab.Rows, "rows", line);
            var columns = Dimension(tab.Columns, "columns", line);
            var population = tab.Population == ApiPopulation.Unspecified ? Population.Panellists : PopulationOf(tab.Population, line);
            if (rows is { } r && columns is { } c)
            {
                if (r == c)
                {
                    line.Add("columns", "Cross two different dimensions.");
                }
                else if ((r == Reports.Dimension.Role || c == Reports.Dimension.Role) && population != Population.Seats)
                {
                    line.Add("population", "The role dimension counts seats: use POPULATION_SEATS.");
                }
                else
                {
                    crossTabs.Add((r, c, population));
                }
            }
        }

        var baseline = options.BaselineDimension == ApiDimension.Unspecified ? Reports.Dimension.Gender : Dimension(options.BaselineDimension, "baseline_dimension", at) ?? Reports.Dimension.Gender;
        if (baseline == Reports.Dimension.Role)
        {
            at.Add("baseline_dimension", "Baselines compare people: role is not one of their dimensions.");
        }

        var categories = ReportMath.CategoriesOf(baseline).Where(c => c.Known).Select(c => c.Key).ToHashSet();
        var shares = new List<(string, double)>();
        for (var i = 0; i < options.ReferenceShares.Count; i++)
        {
            var share = options.ReferenceShares[i];
            if (!categories.Contains(share.Category))
            {
                at.Add($"reference_shares[{i}].category", $"Must be a known category of the baseline dimension: {string.Join(", ", categories)}.");
            }
            else if (!(share.Share is >= 0 and <= 1))
            {
                at.Add($"reference_shares[{i}].share", "Must be from 0 to 1.");
            }
            else
            {
                shares.Add((share.Category, share.Share));
            }
        }

        violations.ThrowIfAny();
        var (policyName, rules) = policies.Resolve(options.Policy, "options.policy");
        var threshold = options.IncludePersonalData ? 0 : options.SuppressionThreshold == 0 ? DefaultSuppressionThreshold : options.SuppressionThreshold;
        return new ReportSettings(threshold, crossTabs, policyName, rules, baseline, shares);
    }

    private static Dimension? Dimension(ApiDimension value, string field, Violations violations)
    {
        if (value == ApiDimension.Unspecified || !Enum.IsDefined(value))
        {
            violations.Add(field, "Must be a ReportDimension other than REPORT_DIMENSION_UNSPECIFIED.");
            return null;
        }

        return (Dimension)((int)value - 1);
    }

    private static Population PopulationOf(ApiPopulation value, Violations violations)
    {
        if (!Enum.IsDefined(value))
        {
            violations.Add("population", "Must be a Population value.");
            return Population.Panellists;
        }

        return (Population)((int)value - 1);
    }

    private static void Defined<TEnum>(IEnumerable<TEnum> values, string field, Violations violations)
        where TEnum : struct, Enum
    {
        var i = 0;
        foreach (var value in values)
        {
            if (!Enum.IsDefined(value) || Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                violations.Add($"{field}[{i}]", $"Must be a {typeof(TEnum).Name} value other than the unspecified one.");
            }

            i++;
        }
    }
}
