using ParticipationRegistry.Server.Balance;

namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>What a caller asked for, as far as what they may see depends on it.</summary>
/// <param name="SuppressionThreshold">k: counts from 1 to k−1 are suppressed; 1 or less (personal data asked for) means none are.</param>
public sealed record DisclosureRequest(
    SeatScope Scope,
    int SuppressionThreshold,
    IReadOnlyList<(Dimension Rows, Dimension Columns, Population Population)> CrossTabs,
    IReadOnlyList<BalanceRule> Rules)
{
    public bool Suppressing => SuppressionThreshold > 1;

    public static DisclosureRequest Of(SeatScope scope, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(scope, settings.SuppressionThreshold, settings.CrossTabs, settings.Rules);
    }
}

/// <summary>The figures a report's disclosure is decided on.</summary>
/// <param name="Cubes">The report's cubes by population (only the populations the report shows).</param>
/// <param name="PanelsByKind">Per session kind, how many of the meeting's sessions have a seat; read only when needed.</param>
/// <param name="SeatCubeByKind">The meeting's seats by kind (<see cref="CubeRow.Attendance"/> holds the kind); needed when the scope is kinds alone.</param>
public sealed record DisclosureFigures(
    IReadOnlyDictionary<Population, IReadOnlyList<CubeRow>> Cubes,
    Func<IReadOnlyDictionary<int, int>> PanelsByKind,
    IReadOnlyList<CubeRow>? SeatCubeByKind = null);

/// <summary>Which cells of one requested cross-tab a caller sees (<paramref name="Suppressed"/> null: all shown unless withheld).</summary>
public sealed record CrossTabDecision(Dimension Rows, Dimension Columns, Population Population, bool Withheld, bool[,]? Suppressed);

/// <summary>What a caller sees of every breakdown and cross-tab of one report.</summary>
public sealed record DisclosurePlan(IReadOnlyDictionary<(Population Population, Dimension Dimension), CellDecision> Breakdowns, IReadOnlyList<CrossTabDecision> CrossTabs)
{
    public CellDecision Of(Population population, Dimension dimension) => Breakdowns[(population, dimension)];
}

/// <summary>
/// Every rule of the README's Privacy section, in one place: given what a caller asked for and the
/// figures, which cells are open, suppressed or withheld, and which balance verdicts may be named or
/// counted. Pure: the caller reads the store and hands the figures in.
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
    /// panel: publicly such verdicts are never named, and their counts are withheld for a restricted
    /// report or fewer than k panels judged (differencing would single sessions out), perturbed otherwise.
    /// </summary>
    public VerdictDisclosure Verdicts(VerdictTally tally)
    {
        ArgumentNullException.ThrowIfNull(tally);
        var personal = request.Suppressing && request.Rules.Any(r => r.Severity == Severity.Required && r.ReadsPersonalData);
        if (!personal)
        {
            return VerdictDisclosure.Exact(tally);
        }

        var scope = request.Scope;
        return scope.SessionId is not null || scope.IsRestricted || tally.PanelsJudged < request.SuppressionThreshold
            ? VerdictDisclosure.Withheld
            : VerdictDisclosure.Perturbed(tally);
    }

    /// <summary>The decisions of one report, each made once (the tables by attendance and kind reuse them).</summary>
    private sealed class Decider(DisclosureRequest request, DisclosureFigures figures)
    {
        private readonly Dictionary<(Population, Dimension), CellDecision> decided = [];
        private IReadOnlyDictionary<int, int>? panelsByKind;

        private SeatScope Scope => request.Scope;

        private int K => request.SuppressionThreshold;

        private IReadOnlyDictionary<int, int> PanelsByKind => panelsByKind ??= figures.PanelsByKind();

        private bool NamedSession => Scope.SessionId is not null;

        /// <summary>An aggregate of the panels of fewer than two sessions is one session's composition.</summary>
        private bool OnePanelOrFewer => PanelsByKind.Values.Sum() < MinPanels;

        public CellDecision Of(Population population, Dimension dimension)
        {
            if (!request.Suppressing || !IsPersonal(dimension))
            {
                return CellDecision.Open(ReportMath.CategoriesOf(dimension).Count);
            }

            if (!decided.TryGetValue((population, dimension), out var decision))
            {
                decision = Decide(population, dimension);
                decided[(population, dimension)] = decision;
            }

            return decision;
        }

        public CrossTabDecision CrossTab(Dimension rows, Dimension columns, Population population)
        {
            var personal = request.Suppressing && (IsPersonal(rows) || IsPersonal(columns));
            if (!personal)
            {
                return new CrossTabDecision(rows, columns, population, false, null);
            }

            if (WithholdsCrossTabs(population))
            {
                return new CrossTabDecision(rows, columns, population, true, null);
            }

            var suppressed = CrossTabCells(population, rows, columns);
            // The seats and the people holding them have the same empty cells, so a zero withheld in one
            // table would be shown in the other: a cell withheld in either is withheld in both.
            if (population is Population.Seats or Population.Panellists && rows != Dimension.Role && columns != Dimension.Role)
            {
                var twin = CrossTabCells(population == Population.Seats ? Population.Panellists : Population.Seats, rows, columns);
                for (var r = 0; r < suppressed.GetLength(0); r++)
                {
                    for (var c = 0; c < suppressed.GetLength(1); c++)
                    {
                        suppressed[r, c] |= twin[r, c];
                    }
                }
            }

            return new CrossTabDecision(rows, columns, population, false, suppressed);
        }

        private bool WithholdsCrossTabs(Population population) =>
            NamedSession || Scope.IsRestricted || population is Population.RegistrantsOnsite or Population.RegistrantsRemote
            || (population is Population.Seats or Population.Panellists && OnePanelOrFewer);

        // A cross-tab's row and column totals are the breakdowns: a total they withhold stays withheld here.
        private bool[,] CrossTabCells(Population population, Dimension rows, Dimension columns) => Suppression.ForCrossTab(
            ReportMath.CrossTabOf(figures.Cubes[population], rows, columns).Counts, K,
            Of(population, rows).Suppressed, Of(population, columns).Suppressed);

        private CellDecision Decide(Population population, Dimension dimension)
        {
            var size = ReportMath.CategoriesOf(dimension).Count;
            if (NamedSession)
            {
                return CellDecision.WithheldWhole(size);
            }

            if (population is Population.Seats or Population.Panellists && OnePanelOrFewer)
            {
                return CellDecision.WithheldWhole(size);
            }

            if (Scope.IsRestricted && population is Population.Seats or Population.Panellists)
            {
                // A kind of one session is that session; panellists of several kinds do not add up.
                var oneSessionKind = Scope.Kinds.Any(kind => PanelsByKind.GetValueOrDefault(kind) == 1);
                return population == Population.Seats && Scope.IsKindsOnly && !oneSessionKind ? FromKindTable(dimension) : CellDecision.WithheldWhole(size);
            }

            if (population is Population.RegistrantsOnsite or Population.RegistrantsRemote)
            {
                return FromAttendanceTable(population, dimension);
            }

            return new CellDecision(false, Suppression.ForBreakdown(Counts(figures.Cubes[population], dimension, population), K));
        }

        private CellDecision FromAttendanceTable(Population population, Dimension dimension)
        {
            var all = Counts(figures.Cubes[Population.Registrants], dimension, Population.Registrants);
            var onsite = Counts(figures.Cubes[Population.RegistrantsOnsite], dimension, Population.RegistrantsOnsite);
            var remote = Counts(figures.Cubes[Population.RegistrantsRemote], dimension, Population.RegistrantsRemote);
            var table = Suppression.ForVariants(Table([onsite, remote], all.Count), all, Of(Population.Registrants, dimension).Suppressed, K);
            var row = population == Population.RegistrantsOnsite ? 0 : 1;
            return new CellDecision(false, Enumerable.Range(0, all.Count).Select(c => table[row, c]).ToArray());
        }

        private CellDecision FromKindTable(Dimension dimension)
        {
            var seatsByKind = figures.SeatCubeByKind
                ?? throw new InvalidOperationException("A report restricted to kinds alone is decided on the meeting's seats by kind.");
            // Kinds of one session are never shown: they stay in the table's hidden rest, and when the
            // rest is one session's panel, all of it must stay unknown, not just its small counts.
            var kinds = seatsByKind.Select(r => r.Attendance).Distinct().Where(kind => PanelsByKind.GetValueOrDefault(kind) >= MinPanels).Order().ToList();
            var rows = kinds.Select(kind => Counts(KindCube.SeatsOf(seatsByKind, [kind]), dimension, Population.Seats)).ToList();
            var whole = Counts(seatsByKind, dimension, Population.Seats);
            var restSessions = PanelsByKind.Where(p => !kinds.Contains(p.Key)).Sum(p => p.Value);
            // The whole meeting's cells, decided exactly as its own report decides them.
            var wholeSuppressed = Suppression.ForBreakdown(whole, K);
            var table = Suppression.ForVariants(Table(rows, whole.Count), whole, wholeSuppressed, K, restIsPersonal: restSessions == 1);
            var suppressed = new bool[whole.Count];
            for (var r = 0; r < kinds.Count; r++)
            {
                if (!Scope.Kinds.Contains(kinds[r]))
                {
                    continue;
                }

                for (var c = 0; c < whole.Count; c++)
                {
                    suppressed[c] |= table[r, c];
                }
            }

            return new CellDecision(false, suppressed);
        }

        private static IReadOnlyList<long> Counts(IEnumerable<CubeRow> cube, Dimension dimension, Population population) =>
            ReportMath.BreakdownOf(cube, dimension, population).Counts;

        private static long[,] Table(List<IReadOnlyList<long>> rows, int columns)
        {
            var table = new long[rows.Count, columns];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < rows[r].Count; c++)
                {
                    table[r, c] = rows[r][c];
                }
            }

            return table;
        }
    }
}
