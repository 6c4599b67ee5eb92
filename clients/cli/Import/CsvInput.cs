using nietras.SeparatedValues;
using ParticipationRegistry.Cli.Cli;

namespace ParticipationRegistry.Cli.Import;

/// <summary>One data row of an import file: its line number (the header is line 1) and its fields by field name.</summary>
public sealed record InputRow(int Line, IReadOnlyDictionary<string, string> Values)
{
    /// <summary>The field's text, trimmed; empty when the file has no such column or the cell is empty.</summary>
    public string this[string field] => Values.TryGetValue(field, out var value) ? value : "";
}

/// <summary>
/// Reads an import file with Sep (UTF-8 with or without a byte order mark; a header line; comma separated, or
/// semicolon, tab or pipe as the header shows; RFC 4180 quotes) and maps its columns to
/// fields: <c>--map column=field</c> first, then every column whose name equals a field's, ignoring case,
/// spaces and hyphens (<c>Session ID</c> is <c>session_id</c>). Columns that map to no field are ignored.
/// </summary>
public static class CsvInput
{
    public static (IReadOnlyList<InputRow> Rows, IReadOnlyList<string> Ignored) Read(
        string path, IReadOnlyCollection<string> fields, IReadOnlyCollection<string> required, IEnumerable<string> maps)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"No such file: {path}");
        }

        var mapping = ParseMaps(maps, fields);
        // A StreamReader drops the byte order mark spreadsheets write; Sep then detects the separator from the header.
        using var file = new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var reader = Sep.Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(file);
        var header = reader.Header.ColNames;
        var columnOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (column, field) in mapping)
        {
            var index = IndexOf(header, c => c.Trim().Equals(column, StringComparison.OrdinalIgnoreCase));
            columnOf[field] = index >= 0 ? index
                : throw new UsageException($"--map {column}={field}: the file has no column '{column}' (its columns: {string.Join(", ", header)}).");
        }

        foreach (var field in fields.Where(f => !columnOf.ContainsKey(f)))
        {
            var index = IndexOf(header, c => Normalise(c) == field);
            if (index >= 0)
            {
                columnOf[field] = index;
            }
        }

        var missing = required.Where(f => !columnOf.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            throw new UsageException(
                $"{path}: no column for {string.Join(", ", missing)} (its columns: {string.Join(", ", header)}). Name the columns so, or map them: --map \"Your column\"={missing[0]}.");
        }

        var used = columnOf.Values.ToHashSet();
        var ignored = header.Where((_, i) => !used.Contains(i)).ToList();
        var rows = new List<InputRow>();
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var empty = true;
            foreach (var (field, index) in columnOf)
            {
                var text = index < row.ColCount ? SpreadsheetText.Unprotect(row[index].ToString().Trim()) : "";
                values[field] = text;
                empty &= text.Length == 0;
            }

            if (!empty)
            {
                rows.Add(new InputRow(row.LineNumberFrom, values));
            }
        }

        return (rows, ignored);
    }

    /// <summary>Lower case, spaces and hyphens as underscores: <c>Session ID</c> → <c>session_id</c>.</summary>
    public static string Normalise(string column) => column.Trim().ToLowerInvariant().Replace(' ', '_').Replace('-', '_');

    private static List<(string Column, string Field)> ParseMaps(IEnumerable<string> maps, IReadOnlyCollection<string> fields)
    {
        var result = new List<(string, string)>();
        foreach (var map in maps)
        {
            var cut = map.LastIndexOf('=');
            var field = cut > 0 ? Normalise(map[(cut + 1)..]) : "";
            if (cut <= 0 || !fields.Contains(field))
            {
                throw new UsageException($"--map '{map}': write column=field, where field is one of {string.Join(", ", fields)}.");
            }

            result.Add((map[..cut].Trim(), field));
        }

        return result;
    }

    private static int IndexOf(IReadOnlyList<string> header, Func<string, bool> match)
    {
        for (var i = 0; i < header.Count; i++)
        {
            if (match(header[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
