namespace ParticipationRegistry.Cli.Cli;

/// <summary>
/// Text the CLI writes into a CSV that a spreadsheet opens: a cell a spreadsheet would run as a formula
/// (it starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return — a display name
/// from a public registration form, say) is written with a leading apostrophe, as the server's own CSV
/// exports do, and the imports take that apostrophe off again, so an exported programme reads back as it was.
/// </summary>
public static class SpreadsheetText
{
    private static bool Risky(char first) => first is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';

    /// <summary>The cell to write.</summary>
    public static string Protect(string text) => text.Length > 0 && Risky(text[0]) ? "'" + text : text;

    /// <summary>The value a cell written by <see cref="Protect"/> (or by the server's exports) stands for.</summary>
    public static string Unprotect(string cell) => cell.Length > 1 && cell[0] == '\'' && Risky(cell[1]) ? cell[1..] : cell;
}
