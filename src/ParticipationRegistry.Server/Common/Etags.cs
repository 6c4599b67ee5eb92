using System.Globalization;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Etags are the row's version counter, quoted. Writes compare the version inside the UPDATE's
/// WHERE clause, never read-then-write.
/// </summary>
public static class Etags
{
    public static string Format(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version the caller expects, or null when no etag was sent. An etag we could not have
    /// issued expects a version no row has, so the write fails as stale.
    /// </summary>
    public static long? Expected(string etag)
    {
        if (string.IsNullOrEmpty(etag))
        {
            return null;
        }

        return etag.Length > 2 && etag[0] == '"' && etag[^1] == '"'
            && long.TryParse(etag.AsSpan(1, etag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }
}
