using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports;

/// <summary>A report's baseline: its panellists against reference shares (given, or the meeting's registrants).</summary>
public sealed class ReportBaselines(IReportStore store)
{
    /// <summary>
    /// The comparison along the settings' baseline dimension, or null when there is no reference (no
    /// shares given and no registrant with a known value). <paramref name="report"/> holds the panellists'
    /// breakdowns as the caller sees them.
    /// </summary>
    public BaselineComparison? Of(SeatScope scope, ReportSettings settings, IReadOnlyDictionary<Population, IReadOnlyList<CubeRow>> cubes, DiversityReport report)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(cubes);
        ArgumentNullException.ThrowIfNull(report);
        var dimension = settings.BaselineDimension;
        if (Reference(settings, cubes, report) is not var (reference, source))
        {
            return null;
        }

        var observed = report.Breakdowns.Single(b => b.Dimension == ApiEnums.ToApi(dimension) && b.Population == ApiPopulation.Panellists);
        // Everything is computed from the figures as the caller sees them (published values when
        // protected). A hidden known total leaves only the reference and what follows from the panels'
        // sizes (public); a count of panels without a category is exact, so public reports of gender or
        // attributes leave it out.
        var knownHidden = !observed.HasKnown;
        var observedTotal = knownHidden ? 0 : observed.Known;
        var exactPanels = !report.Perturbed || !Privacy.DisclosurePolicy.IsPersonal(dimension);
        var comparison = new BaselineComparison
        {
            Dimension = ApiEnums.ToApi(dimension),
            Population = ApiPopulation.Panellists,
            Reference = source,
        };
        var lines = reference
            .Select(r => (r.Category, r.Share, Cell: observed.Categories.FirstOrDefault(c => c.Category == r.Category)))
            .Where(r => r.Cell is { Known: true })
            .ToList();
        // Panels by size, with how many lack each category: the chance of a panel of n seats having none
        // is (1 − share)^n.
        var sizes = store.PanelSizes(scope, dimension, lines.Select(l => CategoryValue(dimension, l.Category)).ToList());
        for (var i = 0; i < lines.Count; i++)
        {
            var (category, share, cell) = lines[i];
            var without = sizes.Sum(s => s.Without[i]);
            var chances = sizes.SelectMany(s => Enumerable.Repeat(Math.Pow(1 - share, s.Seats), (int)s.Panels)).ToList();
            var line = new BaselineCategory
            {
                Category = category,
                ReferenceShare = share,
                ObservedTotal = observedTotal,
                Expected = observedTotal * share,
                PanelsWithoutExpected = chances.Sum(),
                Suppressed = knownHidden || !cell!.HasCount || cell.Suppressed,
            };
            if (!line.Suppressed)
            {
                line.Observed = cell!.Count;
                // A published count may exceed the published known total by its perturbation.
                line.ProbabilityAtMost = Probability.BinomialAtMost(Math.Min(cell.Count, observedTotal), observedTotal, share);
            }

            if (!line.Suppressed && exactPanels)
            {
                line.PanelsWithout = (int)without;
                line.ProbabilityPanelsWithoutAtLeast = Probability.PoissonBinomialAtLeast((int)without, chances);
            }

            comparison.Categories.Add(line);
        }

        return comparison;
    }

    /// <summary>The stored number behind a category key of a dimension.</summary>
    public static int CategoryValue(Dimension dimension, string key) => dimension switch
    {
        Dimension.StakeholderGroup => ProtoEnums.Values<StakeholderGroup>()[key],
        Dimension.RegionalGroup => ProtoEnums.Values<RegionalGroup>()[key],
        Dimension.Gender => ProtoEnums.Values<Gender>()[key],
        Dimension.Attribute => ProtoEnums.Values<StakeholderAttribute>()[key],
        Dimension.Role => ProtoEnums.Values<ParticipantRole>()[key],
        _ => key == "DEVELOPING" ? 1 : key == "OTHER" ? 0 : -1,
    };

    /// <summary>The reference shares and where they come from, or null when there are none.</summary>
    /// <remarks>The registrants' shares of a public report are those it publishes (a hidden category's is left out).</remarks>
    private static (IReadOnlyList<(string Category, double Share)> Shares, string Source)? Reference(
        ReportSettings settings, IReadOnlyDictionary<Population, IReadOnlyList<CubeRow>> cubes, DiversityReport report)
    {
        if (settings.GivenShares.Count > 0)
        {
            return (settings.GivenShares, "given");
        }

        if (report.Perturbed && Privacy.DisclosurePolicy.IsPersonal(settings.BaselineDimension))
        {
            var registrants = report.Breakdowns.FirstOrDefault(b => b.Dimension == ApiEnums.ToApi(settings.BaselineDimension) && b.Population == ApiPopulation.Registrants);
            var published = registrants?.Categories.Where(c => c.Known && c.HasShare && !c.Suppressed).Select(c => (c.Category, c.Share)).ToList();
            return published is { Count: > 0 } ? (published, "registrants") : null;
        }

        if (!cubes.TryGetValue(Population.Registrants, out var room) || room.Sum(r => r.Count) == 0)
        {
            return null;
        }

        var roomBreakdown = ReportMath.BreakdownOf(room, settings.BaselineDimension, Population.Registrants);
        var known = roomBreakdown.Known;
        if (known == 0)
        {
            return null;
        }

        var shares = roomBreakdown.Categories.Select((c, i) => (c, i)).Where(x => x.c.Known)
            .Select(x => (x.c.Key, (double)roomBreakdown.Counts[x.i] / known)).ToList();
        return (shares, "registrants");
    }
}
