using System.Text.RegularExpressions;

namespace ParticipationRegistry.Server.Common;

public static partial class Ids
{
    /// <summary>
    /// A server-generated id: a UUIDv7, so it never carries a name and new rows land at the end of
    /// the primary-key index.
    /// </summary>
    public static string New() => Guid.CreateVersion7().ToString("D");

    /// <summary>A caller-chosen id (AIP-122): lower case letters, digits and hyphens, 1–63 characters.</summary>
    public static bool IsValidUserId(string id) => UserId().IsMatch(id);

    public const string UserIdRule = "must match ^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$ (e.g. igf-2012)";

    [GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex UserId();
}
