using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ParticipationRegistry.Server.Reports.Exports.Html;

/// <summary>The XHTML and SVG element builders the page is written with.</summary>
internal static class Markup
{
    public static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>The width, in SVG units, of every chart.</summary>
    public const double ChartWidth = 960;

    private static readonly HashSet<string> VoidElements = ["meta", "br", "hr", "img", "link", "col", "wbr"];

    /// <summary>An XHTML element; non-void elements always get an end tag, which HTML parsers need.</summary>
    public static XElement H(string name, params object?[] content)
    {
        var element = new XElement(Xhtml + name, content);
        if (element.IsEmpty && !VoidElements.Contains(name))
        {
            element.Add("");
        }

        return element;
    }

    public static XElement S(string name, params object?[] content) => new(Svg + name, content);

    public static XAttribute A(string name, string value) => new(name, value);

    /// <summary>A number in SVG geometry: at most three decimals, invariant.</summary>
    public static string N(double value) => value.ToString("0.###", ReportText.Invariant);

    /// <summary>Text cut to about <paramref name="width"/> units at <paramref name="charWidth"/> per character, with an ellipsis.</summary>
    public static string Fit(string text, double width, double charWidth)
    {
        var max = Math.Max(4, (int)(width / charWidth));
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }

    /// <summary>A column heading.</summary>
    public static XElement ColumnHead(params object?[] content) => H("th", A("scope", "col"), content);

    /// <summary>A row heading.</summary>
    public static XElement RowHead(params object?[] content) => H("th", A("scope", "row"), content);

    /// <summary>A chart: an image with a title and a description that screen readers announce.</summary>
    public static XElement SvgChart(string id, string title, string description, double height, IEnumerable<object> content) =>
        S("svg",
            A("role", "img"),
            A("aria-labelledby", $"{id}-title {id}-desc"),
            A("viewBox", $"0 0 {N(ChartWidth)} {N(Math.Ceiling(height))}"),
            A("width", N(ChartWidth)),
            A("height", N(Math.Ceiling(height))),
            A("id", id),
            S("title", A("id", $"{id}-title"), title),
            S("desc", A("id", $"{id}-desc"), description),
            content);

    /// <summary>The page as text: a doctype, then the XHTML indented by one space, LF line ends.</summary>
    public static string Serialize(XElement html)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Replace,
        };
        var text = new StringBuilder("<!DOCTYPE html>\n");
        using (var writer = XmlWriter.Create(text, settings))
        {
            html.WriteTo(writer);
        }

        return text.Append('\n').ToString();
    }
}

/// <summary>Per-page state: chart ids, unique within the page, in order.</summary>
internal sealed class HtmlPage
{
    private int _charts;

    public string NextChartId() => $"chart-{ReportText.Number(++_charts)}";
}
