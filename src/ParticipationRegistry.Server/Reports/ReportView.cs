using ParticipationRegistry.V1;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports;

/// <summary>How a figure is shown to the caller.</summary>
public enum Disclosure
{
    /// <summary>The count is shown.</summary>
    Open,

    /// <summary>The count is hidden: its published value is below the threshold (or its people's is).</summary>
    Suppressed,

    /// <summary>The whole breakdown or table is hidden (personal data of one panel, or of too many variants).</summary>
    Withheld,
}

/// <summary>One category of a breakdown as the caller may see it: the one place that says what a hidden cell shows.</summary>
public sealed record CellView(string Key, string Label, bool Known, long? Count, double? Share, Disclosure Disclosure)
{
    public bool Hidden => Disclosure != Disclosure.Open;

    /// <summary>The count as text, or the word that stands for it when it is hidden.</summary>
    public string Text => Words.For(Count, Disclosure);
}

/// <summary>One population along one dimension as the caller may see it: what the API, CSV, Markdown and HTML all show.</summary>
public sealed record BreakdownView(
    ReportDimension Dimension,
    ApiPopulation Population,
    long Total,
    long? Known,
    double? NormalizedBlau,
    double? PielouEvenness,
    bool Withheld,
    IReadOnlyList<CellView> Cells,
    long? SelfDeclared = null)
{
    public bool AnyHidden => Withheld || Cells.Any(c => c.Hidden);

    /// <summary>What stands for a figure derived from hidden cells (the known total, the indices).</summary>
    public string HiddenText => Withheld ? Words.Withheld : AnyHidden ? Words.NotShown : Words.None;

    public CellView? Cell(string key) => Cells.FirstOrDefault(c => c.Key == key);

    /// <summary>
    /// Projects a breakdown through its disclosure decision. Exact: every figure. Protected: the
    /// published values, shares of the published known total (attributes: of the public total), and
    /// indices of the published values unless a known cell is hidden. Withheld: nothing but the total.
    /// </summary>
    public static BreakdownView Of(Breakdown breakdown, CellDecision decision)
    {
        ArgumentNullException.ThrowIfNull(breakdown);
        ArgumentNullException.ThrowIfNull(decision);
        var counts = decision.Published ?? breakdown.Counts.Select(n => (long?)n).ToList();
        // Attributes are multi-valued: shares are of all people, and "known" is those with any attribute.
        var isAttribute = breakdown.Dimension == Reports.Dimension.Attribute;
        var known = decision.Withheld ? null : decision.Published is null ? breakdown.KnownUnits.Count : decision.PublishedKnown;
        var shareBase = isAttribute ? breakdown.Total : known;
        var cells = new List<CellView>(breakdown.Categories.Count);
        for (var i = 0; i < breakdown.Categories.Count; i++)
        {
            var category = breakdown.Categories[i];
            var disclosure = decision.Withheld ? Disclosure.Withheld : counts[i] is null ? Disclosure.Suppressed : Disclosure.Open;
            var count = decision.Withheld ? null : counts[i];
            var share = count is { } n && category.Known && shareBase > 0 ? (double)n / shareBase.Value : (double?)null;
            cells.Add(new CellView(category.Key, category.Label, category.Known, count, share, disclosure));
        }

        var knownHidden = decision.Withheld || cells.Any(c => c.Known && c.Hidden);
        var indices = knownHidden ? null : ReportMath.IndicesOf(breakdown with { Counts = cells.Select(c => c.Count ?? 0).ToList() });
        return new BreakdownView(
            ApiEnums.ToApi(breakdown.Dimension),
            ApiEnums.ToApi(breakdown.Population),
            breakdown.Total,
            known,
            indices?.NormalizedBlau,
            indices?.PielouEvenness,
            decision.Withheld,
            cells);
    }

    /// <summary>The view of a breakdown the API returned (a report of another meeting in a comparison, say).</summary>
    public static BreakdownView FromProto(DimensionBreakdown proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        var cells = proto.Categories.Select(c =>
        {
            var (count, disclosure) = Words.FromWire(c.HasCount, c.Count, c.Suppressed, proto.Withheld);
            return new CellView(c.Category, c.Label, c.Known, count, c.HasShare ? c.Share : null, disclosure);
        });
        var known = proto.HasKnown ? proto.Known : (long?)null;
        var blau = proto.HasNormalizedBlau ? proto.NormalizedBlau : (double?)null;
        var pielou = proto.HasPielouEvenness ? proto.PielouEvenness : (double?)null;
        return new BreakdownView(proto.Dimension, proto.Population, proto.Total, known, blau, pielou, proto.Withheld, cells.ToList(), proto.HasSelfDeclared ? proto.SelfDeclared : null);
    }

    public DimensionBreakdown ToProto()
    {
        var proto = new DimensionBreakdown { Dimension = Dimension, Population = Population, Total = Total, Withheld = Withheld };
        if (Known is { } known) proto.Known = known;
        if (NormalizedBlau is { } blau) proto.NormalizedBlau = blau;
        if (PielouEvenness is { } pielou) proto.PielouEvenness = pielou;
        if (SelfDeclared is { } declared) proto.SelfDeclared = declared;
        foreach (var cell in Cells)
        {
            var category = new CategoryCount { Category = cell.Key, Label = cell.Label, Known = cell.Known, Suppressed = cell.Hidden };
            if (cell.Count is { } count) category.Count = count;
            if (cell.Share is { } share) category.Share = share;
            proto.Categories.Add(category);
        }

        return proto;
    }
}

/// <summary>One cell of a cross-tab as the caller may see it.</summary>
public sealed record CrossTabCellView(string Row, string Column, long? Count, Disclosure Disclosure)
{
    public bool Hidden => Disclosure != Disclosure.Open;

    /// <summary>The count as text, or the word that stands for it when it is hidden.</summary>
    public string Text => Words.For(Count, Disclosure);
}

/// <summary>Two dimensions crossed, for one population, as the caller may see them.</summary>
public sealed record CrossTabView(ReportDimension Rows, ReportDimension Columns, ApiPopulation Population, bool Withheld, IReadOnlyList<CrossTabCellView> Cells)
{
    /// <summary>Projects a cross-tab through its disclosure decision (<paramref name="published"/> null: exact; a null value: hidden).</summary>
    public static CrossTabView Of(CrossTabCounts table, Population population, long?[,]? published, bool withheld)
    {
        ArgumentNullException.ThrowIfNull(table);
        var cells = new List<CrossTabCellView>(table.RowCategories.Count * table.ColumnCategories.Count);
        for (var r = 0; r < table.RowCategories.Count; r++)
        {
            for (var c = 0; c < table.ColumnCategories.Count; c++)
            {
                var count = withheld ? null : published is null ? table.Counts[r, c] : published[r, c];
                var disclosure = withheld ? Disclosure.Withheld : count is null ? Disclosure.Suppressed : Disclosure.Open;
                cells.Add(new CrossTabCellView(table.RowCategories[r].Key, table.ColumnCategories[c].Key, count, disclosure));
            }
        }

        return new CrossTabView(ApiEnums.ToApi(table.Rows), ApiEnums.ToApi(table.Columns), ApiEnums.ToApi(population), withheld, cells);
    }

    public static CrossTabView FromProto(CrossTab proto)
    {
        ArgumentNullException.ThrowIfNull(proto);
        var cells = proto.Cells.Select(c =>
        {
            var (count, disclosure) = Words.FromWire(c.HasCount, c.Count, c.Suppressed, proto.Withheld);
            return new CrossTabCellView(c.Row, c.Column, count, disclosure);
        });
        return new CrossTabView(proto.Rows, proto.Columns, proto.Population, proto.Withheld, cells.ToList());
    }

    public CrossTab ToProto()
    {
        var proto = new CrossTab { Rows = Rows, Columns = Columns, Population = Population, Withheld = Withheld };
        foreach (var cell in Cells)
        {
            var protoCell = new CrossTabCell { Row = cell.Row, Column = cell.Column, Suppressed = cell.Hidden };
            if (cell.Count is { } count) protoCell.Count = count;
            proto.Cells.Add(protoCell);
        }

        return proto;
    }
}

/// <summary>
/// What a caller sees of one breakdown: exact (<see cref="Published"/> null), withheld whole, or
/// protected: each cell's published value (null: hidden) and the published known total (null: hidden).
/// </summary>
public sealed record CellDecision(bool Withheld, IReadOnlyList<long?>? Published, long? PublishedKnown)
{
    public static readonly CellDecision Exact = new(false, null, null);

    public static readonly CellDecision WithheldWhole = new(true, null, null);
}

/// <summary>Conversions between the report domain's enums and the API's (the API's have an unspecified zero).</summary>
public static class ApiEnums
{
    public static ReportDimension ToApi(Dimension dimension) => (ReportDimension)((int)dimension + 1);

    public static ApiPopulation ToApi(Population population) => (ApiPopulation)((int)population + 1);

    public static Dimension FromApi(ReportDimension dimension) => (Dimension)((int)dimension - 1);

    public static Population FromApi(ApiPopulation population) => (Population)((int)population - 1);
}

/// <summary>The words that stand for hidden figures, in every format.</summary>
public static class Words
{
    public const string Suppressed = "suppressed";
    public const string Withheld = "withheld";
    public const string NotShown = "not shown";
    public const string None = "–";

    /// <summary>A count as text, or the word that stands for it when it is hidden.</summary>
    public static string For(long? count, Disclosure disclosure) => disclosure switch
    {
        Disclosure.Withheld => Withheld,
        Disclosure.Suppressed => Suppressed,
        _ => count!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>What an API cell says: a count without the suppressed flag is shown, anything else hidden.</summary>
    internal static (long? Count, Disclosure Disclosure) FromWire(bool hasCount, long count, bool suppressed, bool withheld) =>
        withheld ? (hasCount && !suppressed ? count : null, Disclosure.Withheld)
        : hasCount && !suppressed ? (count, Disclosure.Open)
        : (null, Disclosure.Suppressed);
}
