using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>What a caller asked for, as far as what they may see depends on it.</summary>
/// <param name="SuppressionThreshold">k: published gender and attribute counts below k are hidden; 0 (personal data asked for, with rights) means exact figures.</param>
/// <param name="Layout">The group and region layout (<see cref="IgfLayout"/>): the IGF's takes press and media out of the groups by an attribute.</param>
public sealed record DisclosureRequest(
    SeatScope Scope,
    int SuppressionThreshold,
    IReadOnlyList<(Dimension Rows, Dimension Columns, Population Population)> CrossTabs,
    IReadOnlyList<BalanceRule> Rules,
    ReportLayout Layout = ReportLayout.Unspecified)
{
    /// <summary>The public view: every report but one asking for personal data (which needs rights) is protected.</summary>
    public bool Suppressing => SuppressionThreshold > 0;

    public static DisclosureRequest Of(SeatScope scope, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(scope, settings.SuppressionThreshold, settings.CrossTabs, settings.Rules, settings.Layout);
    }
}

/// <summary>The figures a report's disclosure is decided on.</summary>
/// <param name="Cubes">The report's cubes by population (only the populations the report shows; the seats come with the panellists of the same scope).</param>
/// <param name="PanelsByKind">Per session kind, how many of the meeting's sessions have a seat; read only when needed.</param>
/// <param name="MostSeats">The most seats one person holds in scope (public in the programme): a seat cell's noise spans it (<see cref="CellKey.SeatPerturbation"/>).</param>
public sealed record DisclosureFigures(
    IReadOnlyDictionary<Population, IReadOnlyList<CubeRow>> Cubes,
    Func<IReadOnlyDictionary<int, int>> PanelsByKind,
    int MostSeats);

/// <summary>What a caller sees of one requested cross-tab: exact (<paramref name="Published"/> null), withheld whole, or each cell's published value (null: hidden).</summary>
public sealed record CrossTabDecision(Dimension Rows, Dimension Columns, Population Population, bool Withheld, long?[,]? Published);

/// <summary>What a caller sees of every breakdown and cross-tab of one report.</summary>
public sealed record DisclosurePlan(IReadOnlyDictionary<(Population Population, Dimension Dimension), CellDecision> Breakdowns, IReadOnlyList<CrossTabDecision> CrossTabs)
{
    public CellDecision Of(Population population, Dimension dimension) => Breakdowns[(population, dimension)];
}

/// <summary>
/// Every rule of the README's Privacy section, in one place: given what a caller asked for and the
/// figures, which breakdowns and cross-tabs are exact, withheld whole or protected (perturbed with
/// <see cref="CellKey"/>, small values hidden), and which balance verdicts may be named or counted.
/// Pure: the caller reads the store and hands the figures in.
/// </summary>
public sealed class DisclosurePolicy(DisclosureRequest request)
{
    /// <summary>An aggregate of fewer panels than this is one session's composition.</summary>
    public const int MinPanels = 2;

    /// <summary>Gender and attributes: the dimensions that are personal data; the others are on a published programme.</summary>
    public static bool IsPersonal(Dimension dimension) => dimension is Dimension.Gender or Dimension.Attribute;

    /// <summary>The decisions for every breakdown of the populations in <paramref name="figures"/> and every requested cross-tab among them.</summary>
    public DisclosurePlan Plan(DisclosureFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var decider = new Decider(request, figures);
        var breakdowns = new Dictionary<(Population, Dimension), CellDecision>();
        foreach (var population in figures.Cubes.Keys)
        {
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                if (dimension != Dimension.Role || population == Population.Seats)
                {
                    breakdowns[(population, dimension)] = decider.Of(population, dimension);
                }
            }
        }

        var crossTabs = request.CrossTabs
            .Where(tab => figures.Cubes.ContainsKey(tab.Population))
            .Select(tab => decider.CrossTab(tab.Rows, tab.Columns, tab.Population))
            .ToList();
        return new DisclosurePlan(breakdowns, crossTabs);
    }

    /// <summary>
    /// A verdict under a required rule that reads gender or attributes is personal data of the session's
    /// panel: publicly such verdicts are never named and never counted. Even perturbed, a count bounds how
    /// many panels a person on several of them can tip (docs/PRIVACY.md, "Verdict counts").
    /// </summary>
    public VerdictDisclosure Verdicts(VerdictTally tally) => Verdicts(tally, [request.Rules]);

    /// <summary>
    /// As <see cref="Verdicts(VerdictTally)"/>, for sessions judged by several policies (<paramref name="judgedBy"/>,
    /// the rules of each that judged a counted session): withheld when any of them reads personal data so.
    /// </summary>
    public VerdictDisclosure Verdicts(VerdictTally tally, IEnumerable<IReadOnlyList<BalanceRule>> judgedBy)
    {
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentNullException.ThrowIfNull(judgedBy);
        var personal = request.Suppressing && judgedBy.Any(rules => rules.Any(r => r.Severity == Severity.Required && r.ReadsPersonalData));
        return personal ? VerdictDisclosure.Withheld : VerdictDisclosure.Exact(tally);
    }

    /// <summary>The decisions of one report.</summary>
    private sealed class Decider(DisclosureRequest request, DisclosureFigures figures)
    {
        private IReadOnlyDictionary<int, int>? panelsByKind;

        private SeatScope Scope => request.Scope;

        private int K => request.SuppressionThreshold;

        private IReadOnlyDictionary<int, int> PanelsByKind => panelsByKind ??= figures.PanelsByKind();

        private bool NamedSession => Scope.SessionId is not null;

        /// <summary>An aggregate of the panels of fewer than two sessions is one session's composition.</summary>
        private bool OnePanelOrFewer => PanelsByKind.Values.Sum() < MinPanels;

        public CellDecision Of(Population population, Dimension dimension)
        {
            if (!request.Suppressing)
            {
                return CellDecision.Exact;
            }

            // Exact group counts with press and media taken out would give the MEDIA attribute's count exactly,
            // and beside the default layout's groups, the groups of the people who have it.
            if (dimension == Dimension.StakeholderGroup && request.Layout == ReportLayout.IgfStatistics)
            {
                return CellDecision.WithheldWhole;
            }

            if (!IsPersonal(dimension))
            {
                return CellDecision.Exact;
            }

            if (WithholdsWhole(population))
            {
                return CellDecision.WithheldWhole;
            }

            var breakdown = ReportMath.BreakdownOf(figures.Cubes[population], dimension, population);
            // A person's many seats must not turn a hidden small number of people into a shown seat count.
            var peopleHidden = population == Population.Seats ? PeopleHidden(dimension) : null;
            var scale = ScaleOf(population);
            var published = new long?[breakdown.Counts.Count];
            for (var i = 0; i < published.Length; i++)
            {
                var value = CellKey.Publish(breakdown.Counts[i], breakdown.KeySums[i], breakdown.Total, scale);
                published[i] = value < K || peopleHidden?[i] == true ? null : value;
            }

            var (known, knownKeySum) = breakdown.KnownUnits;
            var knownValue = CellKey.Publish(known, knownKeySum, breakdown.Total, scale);
            return new CellDecision(false, published, knownValue < K ? null : knownValue);
        }

        public CrossTabDecision CrossTab(Dimension rows, Dimension columns, Population population)
        {
            if (!request.Suppressing || !(IsPersonal(rows) || IsPersonal(columns)))
            {
                return new CrossTabDecision(rows, columns, population, false, null);
            }

            if (NamedSession || Scope.IsRestricted || WithholdsWhole(population))
            {
                return new CrossTabDecision(rows, columns, population, true, null);
            }

            var cube = figures.Cubes[population];
            var table = ReportMath.CrossTabOf(cube, rows, columns);
            var total = cube.Sum(r => r.Count);
            // A cell never shows more than its exact (public) margin: a row of fewer than k is all hidden.
            var rowMargins = IsPersonal(rows) ? null : ReportMath.BreakdownOf(cube, rows, population).Counts;
            var columnMargins = IsPersonal(columns) ? null : ReportMath.BreakdownOf(cube, columns, population).Counts;
            var peopleHidden = population == Population.Seats ? PeopleHidden(rows, columns) : null;
            var published = new long?[table.RowCategories.Count, table.ColumnCategories.Count];
            for (var r = 0; r < published.GetLength(0); r++)
            {
                for (var c = 0; c < published.GetLength(1); c++)
                {
                    var bound = Math.Min(total, Math.Min(rowMargins?[r] ?? total, columnMargins?[c] ?? total));
                    var value = CellKey.Publish(table.Counts[r, c], table.KeySums[r, c], bound, ScaleOf(population));
                    published[r, c] = value < K || peopleHidden?[r, c] == true ? null : value;
                }
            }

            return new CrossTabDecision(rows, columns, population, false, published);
        }

        /// <summary>
        /// A person moves a seat count by as many seats as they hold, so a seat cell's noise spans twice the most
        /// seats one person holds either way: noise of ±2 seats would not hide a person on three panels.
        /// </summary>
        private int ScaleOf(Population population) => population == Population.Seats ? Math.Max(1, figures.MostSeats) : 1;

        /// <summary>Named sessions, one session's panels and restricted panels other than kinds' seats are withheld whole.</summary>
        private bool WithholdsWhole(Population population)
        {
            if (NamedSession)
            {
                return true;
            }

            if (population is not (Population.Seats or Population.Panellists))
            {
                return false;
            }

            if (OnePanelOrFewer)
            {
                return true;
            }

            // A kind of one session is that session; panellists of several kinds do not add up; other
            // restrictions overlap in too many ways.
            return Scope.IsRestricted
                && (population == Population.Panellists || !Scope.IsKindsOnly || Scope.Kinds.Any(kind => PanelsByKind.GetValueOrDefault(kind) == 1));
        }

        /// <summary>Which people cells (the panellists of the same scope) along a dimension the public value would hide.</summary>
        private bool[] PeopleHidden(Dimension dimension)
        {
            var people = ReportMath.BreakdownOf(Panellists, dimension, Population.Panellists);
            return people.Counts.Select((n, i) => CellKey.Publish(n, people.KeySums[i], people.Total) < K).ToArray();
        }

        /// <summary>As <see cref="PeopleHidden(Dimension)"/> for a seats cross-tab; role is a seat's, so a table by role follows the people along its other dimension.</summary>
        private bool[,] PeopleHidden(Dimension rows, Dimension columns)
        {
            var rowCount = ReportMath.CategoriesOf(rows).Count;
            var columnCount = ReportMath.CategoriesOf(columns).Count;
            var hidden = new bool[rowCount, columnCount];
            var alongRows = rows == Dimension.Role ? null : PeopleHidden(rows);
            var alongColumns = columns == Dimension.Role ? null : PeopleHidden(columns);
            CrossTabCounts? people = rows != Dimension.Role && columns != Dimension.Role ? ReportMath.CrossTabOf(Panellists, rows, columns) : null;
            var peopleTotal = Panellists.Sum(r => r.Count);
            for (var r = 0; r < rowCount; r++)
            {
                for (var c = 0; c < columnCount; c++)
                {
                    hidden[r, c] = people is not null
                        ? CellKey.Publish(people.Counts[r, c], people.KeySums[r, c], peopleTotal) < K
                        : (IsPersonal(rows) && alongRows![r]) || (IsPersonal(columns) && alongColumns![c]);
                }
            }

            return hidden;
        }

        private IReadOnlyList<CubeRow> Panellists => figures.Cubes.TryGetValue(Population.Panellists, out var people)
            ? people
            : throw new InvalidOperationException("The seats are protected with the panellists of the same scope.");
    }
}
