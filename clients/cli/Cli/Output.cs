using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>How results are shown: one resource as JSON (every field, proto names), lists as tables.</summary>
public static class Output
{
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithIndentation().WithPreserveProtoFieldNames(true));

    /// <summary>The message as indented JSON with proto field names, e.g. <c>"display_name"</c>.</summary>
    public static string ToJson(IMessage message) => Json.Format(message);

    public static void Print(Invocation invocation, IMessage message) =>
        invocation.Context.Output.WriteLine(ToJson(message));

    /// <summary>A table with the given header, no borders but a line under the header, text escaped.</summary>
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)));
        }

        return table;
    }

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => (Spectre.Console.Rendering.IRenderable)new Text(c ?? "")).ToArray());

    /// <summary>A timestamp as ISO 8601 UTC (<c>2012-11-07T05:00:00Z</c>); empty when unset.</summary>
    public static string Time(Timestamp? time) =>
        time is null ? "" : time.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Parses ISO 8601 with an offset or Z (<c>2012-11-07T09:00:00+04:00</c>); a date-time without one is UTC.</summary>
    public static bool TryParseTime(string text, out Timestamp time)
    {
        time = new Timestamp();
        if (!DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return false;
        }

        time = Timestamp.FromDateTimeOffset(parsed);
        return true;
    }

    public static Timestamp ParseTime(string text, string what) =>
        TryParseTime(text, out var time) ? time : throw new UsageException($"{what}: '{text}' is not an ISO 8601 time such as 2012-11-07T09:00:00+04:00.");
}
