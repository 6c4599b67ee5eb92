using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiDimension = ParticipationRegistry.V1.ReportDimension;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// Report requests checked and turned into what the builder takes, for the gRPC service and the HTTP
/// pages alike: INVALID_ARGUMENT with one violation per bad field, NOT_FOUND for an unknown policy,
/// PERMISSION_DENIED for personal data (<c>include_personal_data</c>, a threshold below the default)
/// or an unpublished policy asked for without personal-data rights over the report's people.
/// </summary>
public sealed class ReportRequests(PolicyResolver policies, PersonalDataRights rights, Caller caller)
{
    public const int DefaultSuppressionThreshold = 3;
    public const int MaxSuppressionThreshold = 100;
    public const int MaxCompared = 20;

    public (SessionName Session, ReportSettings Settings) Session(GetSessionDiversityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var session = ResourceName.Parse<SessionName>(request.Name, "name");
        return (session, Settings(request.Options, rights.OverSession(caller, session), session.MeetingId, session));
    }

    public (SeatScope Scope, ReportSettings Settings) Meeting(GetMeetingDiversityRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var meeting = ResourceName.Parse<MeetingName>(request.Name, "name");
        var violations = new Violations();
        Defined(request.Kinds, "kinds", violations);
        Defined(request.States, "states", violations);
        Defined(request.Roles, "roles", violations);
        Defined(request.Confirmations, "confirmations", violations);
        violations.ThrowIfAny();
        var scope = new SeatScope(
            meeting.MeetingId,
            null,
            request.Kinds.Select(k => (int)k).ToList(),
            request.States.Select(s => (int)s).ToList(),
            request.Themes.ToList(),
            request.Roles.Select(r => (int)r).ToList(),
            request.Confirmations.Select(c => (int)c).ToList());
        return (scope, Settings(request.Options, rights.Full(caller), meeting.MeetingId, kinds: scope.Kinds));
    }

    public (IReadOnlyList<MeetingName> Meetings, ReportSettings Settings) Compare(CompareMeetingsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var violations = new Violations();
        var meetings = ComparedMeetings(request.Names, violations, "names", i => $"names[{i}]");
        violations.ThrowIfAny();
        return (meetings, Settings(request.Options, rights.Full(caller)));
    }

    /// <summary>The settings of a report page, which offers only the threshold, personal data, the policy and the layout.</summary>
    /// <summary>Why <c>self_declared_only</c> is refused without <c>include_personal_data</c>, on every route.</summary>
    public const string SelfDeclaredNeedsPersonalData = "Needs include_personal_data: the public figures are not offered restricted to self-declared data.";

    public ReportSettings PageSettings(
        bool includePersonalData, int suppressionThreshold, string policy, MeetingName meeting, ReportLayout layout = ReportLayout.Unspecified, bool selfDeclaredOnly = false)
    {
        var full = rights.Full(caller);
        RequireRights(full, includePersonalData, suppressionThreshold, "");
        var judges = policies.ForMeeting(policy, meeting.MeetingId, "policy", requirePublished: !full);
        return new ReportSettings(
            Threshold(includePersonalData, suppressionThreshold), [], judges.Default.Name, judges.Default.Rules, Dimension.Gender, [], full, layout, selfDeclaredOnly,
            judges.PerKind ? judges : null);
    }

    /// <summary>
    /// The meetings of a comparison: 2 to <see cref="MaxCompared"/> distinct meeting names. Adds a
    /// violation of <paramref name="listField"/> for their number, of <paramref name="nameField"/> for a bad or repeated one.
    /// </summary>
    /// <param name="howToList">How to write the list, said when the number is wrong (the pages' comma-separated parameter).</param>
    public static List<MeetingName> ComparedMeetings(IReadOnlyList<string> names, Violations violations, string listField, Func<int, string> nameField, string? howToList = null)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(violations);
        ArgumentNullException.ThrowIfNull(nameField);
        if (names.Count is < 2 or > MaxCompared)
        {
            violations.Add(listField, howToList is null ? $"Give 2 to {MaxCompared} meetings." : $"Give 2 to {MaxCompared} meetings, {howToList}.");
        }

        var meetings = new List<MeetingName>();
        for (var i = 0; i < names.Count; i++)
        {
            if (ResourceName.Check<MeetingName>(names[i], violations, nameField(i)) is not { } meeting)
            {
                continue;
            }

            if (meetings.Contains(meeting))
            {
                violations.Add(nameField(i), $"{names[i]} is listed twice.");
            }
            else
            {
                meetings.Add(meeting);
            }
        }

        return meetings;
    }

    /// <summary>PERMISSION_DENIED when personal data is asked for (under <paramref name="prefix"/>) without rights over the report's people.</summary>
    private static void RequireRights(bool rightsOverPeople, bool includePersonalData, int suppressionThreshold, string prefix)
    {
        if (rightsOverPeople)
        {
            return;
        }

        if (includePersonalData)
        {
            throw RegistryException.PermissionDenied(
                "include_personal_data shows every count, small ones included: only an editor or admin key (or an organiser's key, for its own session) may ask for it.",
                prefix + "include_personal_data");
        }

        if (suppressionThreshold is > 0 and < DefaultSuppressionThreshold)
        {
            throw RegistryException.PermissionDenied(
                $"A suppression_threshold below {DefaultSuppressionThreshold} shows small counts of personal data: only an editor or admin key (or an organiser's key, for its own session) may ask for it.",
                prefix + "suppression_threshold");
        }
    }

    /// <summary>The threshold a report applies: none with personal data, 0 standing for the default.</summary>
    private static int Threshold(bool includePersonalData, int requested) =>
        includePersonalData ? 0 : requested == 0 ? DefaultSuppressionThreshold : requested;

    /// <param name="meetingId">A meeting's or session's report: without a policy asked for, the forum's policies judge it.</param>
    /// <param name="session">A session's report: judged by the one policy of its kind.</param>
    /// <param name="kinds">A meeting report's session kinds (empty: all); the policies of those present are resolved.</param>
    private ReportSettings Settings(ReportOptions? options, bool rightsOverPeople, string? meetingId = null, SessionName? session = null, IReadOnlyCollection<int>? kinds = null)
    {
        options ??= new ReportOptions();
        var policy = meetingId is null || session is null ? options.Policy : policies.OrForumDefault(options.Policy, meetingId, session);
        var violations = new Violations();
        var at = violations.At("options");
        if (options.SuppressionThreshold is < 0 or > MaxSuppressionThreshold)
        {
            at.Add("suppression_threshold", $"Must be from 0 (meaning {DefaultSuppressionThreshold}) to {MaxSuppressionThreshold}.");
        }

        var crossTabs = CrossTabs(options, at);
        var baseline = options.BaselineDimension == ApiDimension.Unspecified ? Dimension.Gender : DimensionOf(options.BaselineDimension, "baseline_dimension", at) ?? Dimension.Gender;
        if (baseline == Dimension.Role)
        {
            at.Add("baseline_dimension", "Baselines compare people: role is not one of their dimensions.");
        }

        var shares = ReferenceShares(options, baseline, at);
        if (!Enum.IsDefined(options.Layout))
        {
            at.Add("layout", "Not a ReportLayout value.");
        }

        if (options.SelfDeclaredOnly && !options.IncludePersonalData)
        {
            at.Add("self_declared_only", SelfDeclaredNeedsPersonalData);
        }

        violations.ThrowIfAny();
        RequireRights(rightsOverPeople, options.IncludePersonalData, options.SuppressionThreshold, "options.");
        // A meeting's sessions: each judged by its kind's policy (as ListSessionBalances does).
        var judges = meetingId is not null && session is null ? policies.ForMeeting(policy, meetingId, "options.policy", !rightsOverPeople, kinds) : null;
        var (policyName, rules) = judges is not null ? (judges.Default.Name, judges.Default.Rules)
            : rightsOverPeople ? policies.Resolve(policy, "options.policy") : policies.ResolvePublished(policy, "options.policy");
        return new ReportSettings(
            Threshold(options.IncludePersonalData, options.SuppressionThreshold), crossTabs, policyName, rules, baseline, shares, rightsOverPeople, options.Layout,
            options.SelfDeclaredOnly, judges is { PerKind: true } ? judges : null);
    }

    private static List<(Dimension, Dimension, Population)> CrossTabs(ReportOptions options, Violations at)
    {
        var crossTabs = new List<(Dimension, Dimension, Population)>();
        for (var i = 0; i < options.CrossTabs.Count; i++)
        {
            var tab = options.CrossTabs[i];
            var line = at.At($"cross_tabs[{i}]");
            var rows = DimensionOf(tab.Rows, "rows", line);
            var columns = DimensionOf(tab.Columns, "columns", line);
            var population = tab.Population == ApiPopulation.Unspecified ? Population.Panellists : PopulationOf(tab.Population, line);
            if (rows is not { } r || columns is not { } c)
            {
                continue;
            }

            if (r == c)
            {
                line.Add("columns", "Cross two different dimensions.");
            }
            else if ((r == Dimension.Role || c == Dimension.Role) && population != Population.Seats)
            {
                line.Add("population", "The role dimension counts seats: use POPULATION_SEATS.");
            }
            else
            {
                crossTabs.Add((r, c, population));
            }
        }

        return crossTabs;
    }

    private static List<(string, double)> ReferenceShares(ReportOptions options, Dimension baseline, Violations at)
    {
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
            else if (shares.Any(s => s.Item1 == share.Category))
            {
                at.Add($"reference_shares[{i}].category", $"{share.Category} is given twice; give each category once.");
            }
            else
            {
                shares.Add((share.Category, share.Share));
            }
        }

        // A small tolerance for shares written as decimals (0.1 + 0.2 + 0.7).
        if (shares.Sum(s => s.Item2) > 1 + 1e-9)
        {
            at.Add("reference_shares", "The shares add up to more than 1; they are shares of one population.");
        }

        return shares;
    }

    private static Dimension? DimensionOf(ApiDimension value, string field, Violations violations)
    {
        if (value == ApiDimension.Unspecified || !Enum.IsDefined(value))
        {
            violations.Add(field, "Must be a ReportDimension other than REPORT_DIMENSION_UNSPECIFIED.");
            return null;
        }

        return ApiEnums.FromApi(value);
    }

    private static Population PopulationOf(ApiPopulation value, Violations violations)
    {
        if (!Enum.IsDefined(value))
        {
            violations.Add("population", "Must be a Population value.");
            return Population.Panellists;
        }

        return ApiEnums.FromApi(value);
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
