using System.Security.Cryptography;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Tests.Storage.Upgrades;

/// <summary>
/// A migration that shipped is never edited: databases made by it exist, and the upgrade fixtures built from the
/// current files would change with it silently. Storage/Migrations/shipped.sha256 (the format of <c>sha256sum</c>)
/// pins every shipped SQLite and PostgreSQL migration; the server's embedded copy of each must have that hash.
/// A migration not yet in the list must come after every pinned one: a new migration, whose hash is appended when it is merged.
/// </summary>
public sealed class ShippedMigrationTests
{
    private const string Prefix = "Migrations.";

    [Fact]
    public void Every_shipped_migration_has_the_hash_it_shipped_with()
    {
        var pinned = Pinned();
        Assert.True(pinned.Count >= 2 * 17, $"shipped.sha256 lists only {pinned.Count} migrations.");
        var embedded = Embedded();
        var edited = pinned
            .Where(p => !embedded.TryGetValue(p.Key, out var hash) || hash != p.Value)
            .Select(p => embedded.TryGetValue(p.Key, out var now) ? $"{p.Key} was edited (now {now})" : $"{p.Key} was removed")
            .ToList();
        Assert.True(edited.Count == 0,
            $"A shipped migration changed: {string.Join("; ", edited)}. Databases made by it already exist: add a new migration instead " +
            "(next free number in Storage/Migrations and Storage/Migrations/postgres), and put the shipped file back as it was.");
    }

    [Fact]
    public void A_migration_not_yet_pinned_is_numbered_after_every_pinned_one()
    {
        var pinned = Pinned();
        foreach (var dialect in new[] { "", "postgres/" })
        {
            var last = pinned.Keys.Where(p => Dialect(p) == dialect).Max(Number);
            var unpinned = Embedded().Keys.Where(p => Dialect(p) == dialect && !pinned.ContainsKey(p)).ToList();
            Assert.All(unpinned, p => Assert.True(Number(p) > last,
                $"{p} is not in shipped.sha256 but is numbered before the last shipped migration {last:D4}: add a new migration instead of inserting one."));
        }
    }

    /// <summary>Each pinned version is pinned in both dialects, and no version up to the last pinned one is left out.</summary>
    [Fact]
    public void The_pinned_list_covers_both_dialects_of_every_version_it_names()
    {
        var pinned = Pinned();
        var versions = pinned.Keys.GroupBy(Number).Where(g => g.Count() != 2).Select(g => g.Key).ToList();
        Assert.True(versions.Count == 0, $"shipped.sha256 pins only one dialect of version(s) {string.Join(", ", versions)}.");
        Assert.Equal(Migrator.Available.Select(m => m.Version).Where(v => v <= pinned.Keys.Max(Number)), pinned.Keys.Select(Number).Distinct().Order());
    }

    private static string Dialect(string path) => path.StartsWith("postgres/", StringComparison.Ordinal) ? "postgres/" : "";

    private static int Number(string path) => int.Parse(Path.GetFileName(path).AsSpan(0, 4), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>shipped.sha256: "HASH  NAME" lines, NAME relative to Storage/Migrations.</summary>
    private static Dictionary<string, string> Pinned()
    {
        using var stream = typeof(ShippedMigrationTests).Assembly.GetManifestResourceStream("Migrations.shipped.sha256")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split("  ", 2))
            .ToDictionary(parts => parts[1], parts => parts[0], StringComparer.Ordinal);
    }

    /// <summary>The migrations the server carries, by the same relative name, with the SHA-256 of their bytes.</summary>
    private static Dictionary<string, string> Embedded()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .ToDictionary(
                n => n[Prefix.Length..].StartsWith("postgres.", StringComparison.Ordinal) ? "postgres/" + n[(Prefix.Length + "postgres.".Length)..] : n[Prefix.Length..],
                n =>
                {
                    using var stream = assembly.GetManifestResourceStream(n)!;
                    return Convert.ToHexStringLower(SHA256.HashData(stream));
                },
                StringComparer.Ordinal);
    }
}
