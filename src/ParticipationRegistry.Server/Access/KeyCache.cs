using System.Collections.Concurrent;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// Keys recently read, by the hash of their secret, so that authentication reads the database once per
/// key every <see cref="Lifetime"/> rather than on every call. A key change made through this process
/// (create, revoke, an organiser's new session) clears it at once; a change made by another process
/// on the same database (a revocation from a second server) is seen within <see cref="Lifetime"/>.
/// </summary>
public sealed class KeyCache(TimeProvider clock)
{
    /// <summary>How long a key read from the database is trusted without reading it again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(2);

    // Unknown secrets are never cached, so this bounds only the keys in use; past it the cache starts over.
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private long generation;

    /// <summary>The key whose secret hashes to <paramref name="secretHash"/>: cached, else read by <paramref name="load"/> (null: no such key, not cached).</summary>
    public CachedKey? Find(byte[] secretHash, Func<byte[], ApiKeyRow?> load)
    {
        var id = Convert.ToBase64String(secretHash);
        var now = clock.GetTimestamp();
        if (entries.TryGetValue(id, out var entry) && clock.GetElapsedTime(entry.ReadAt, now) < Lifetime)
        {
            return entry.Key;
        }

        // A Clear() while the row is read means the row may predate the change: use it once, keep it not.
        var before = Interlocked.Read(ref generation);
        var row = load(secretHash);
        if (row is null)
        {
            entries.TryRemove(id, out _);
            return null;
        }

        var key = new CachedKey(row, new Caller(row.Id, (V1.Role)row.Role, row.Sessions.ToHashSet(), row.Meetings.ToHashSet(), row.Forums.ToHashSet()));
        if (Interlocked.Read(ref generation) == before)
        {
            if (entries.Count >= MaxEntries)
            {
                entries.Clear();
            }

            entries[id] = new Entry(key, now);
        }

        return key;
    }

    /// <summary>Forgets every cached key: called after any change to keys or their scopes in this process.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    private sealed record Entry(CachedKey Key, long ReadAt);
}

/// <summary>A key as read (for its revocation and expiry) and the caller it makes.</summary>
public sealed record CachedKey(ApiKeyRow Row, Caller Caller);
