using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace ParticipationRegistry.Server.Common;

/// <summary>Times are stored as fixed-width ISO-8601 UTC text, so text order is time order.</summary>
public static class Times
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string ToText(DateTimeOffset time) => time.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string ToText(Timestamp? timestamp) => timestamp is null ? "" : ToText(timestamp.ToDateTimeOffset());

    public static Timestamp? ToTimestamp(string text) => string.IsNullOrEmpty(text)
        ? null
        : Timestamp.FromDateTime(DateTime.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal));

    public static Timestamp ToTimestampRequired(string text) => ToTimestamp(text)!;

    public static string ToText(Google.Type.Date? date) => date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)
        ? ""
        : new DateOnly(date.Year, date.Month, date.Day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Google.Type.Date? ToDate(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var date = DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Google.Type.Date { Year = date.Year, Month = date.Month, Day = date.Day };
    }

    /// <summary>A full calendar date (no partial dates): year 1–9999 with a real month and day.</summary>
    public static bool IsValid(Google.Type.Date date) =>
        date.Year is >= 1 and <= 9999 && date.Month is >= 1 and <= 12 && date.Day >= 1
        && date.Day <= DateTime.DaysInMonth(date.Year, date.Month);
}
