using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Tests.Access;

/// <summary>The cache of keys in front of authentication, on a clock the test moves.</summary>
public sealed class KeyCacheTests
{
    private static readonly byte[] Hash = [1, 2, 3];

    private readonly ManualClock clock = new();
    private int loads;

    [Fact]
    public void A_key_is_read_once_while_its_copy_is_younger_than_the_lifetime()
    {
        var cache = new KeyCache(clock);

        var first = cache.Find(Hash, Load("k1"));
        clock.Advance(KeyCache.Lifetime - TimeSpan.FromMilliseconds(1));
        var second = cache.Find(Hash, Load("k1"));

        Assert.Equal(1, loads);
        Assert.Same(first, second);
        Assert.Equal("k1", second!.Caller.KeyId);
    }

    [Fact]
    public void A_key_is_read_again_once_its_copy_is_as_old_as_the_lifetime()
    {
        var cache = new KeyCache(clock);
        cache.Find(Hash, Load("k1"));

        clock.Advance(KeyCache.Lifetime);
        var reread = cache.Find(Hash, Load("k1", revoked: true));

        Assert.Equal(2, loads);
        Assert.NotNull(reread!.Row.RevokeTime);
    }

    [Fact]
    public void Clear_makes_the_next_call_read_the_key_again()
    {
        var cache = new KeyCache(clock);
        cache.Find(Hash, Load("k1"));

        cache.Clear();
        var reread = cache.Find(Hash, Load("k1", revoked: true));

        Assert.Equal(2, loads);
        Assert.NotNull(reread!.Row.RevokeTime);
    }

    [Fact]
    public void A_row_read_while_the_cache_is_cleared_is_used_once_and_not_kept()
    {
        var cache = new KeyCache(clock);
        var stale = cache.Find(Hash, hash =>
        {
            cache.Clear(); // a revocation lands while the row is being read
            return Load("k1")(hash);
        });

        var next = cache.Find(Hash, Load("k1", revoked: true));

        Assert.Null(stale!.Row.RevokeTime);
        Assert.NotNull(next!.Row.RevokeTime);
    }

    [Fact]
    public void An_unknown_secret_is_never_cached()
    {
        var cache = new KeyCache(clock);

        Assert.Null(cache.Find(Hash, _ => { loads++; return null; }));
        Assert.Null(cache.Find(Hash, _ => { loads++; return null; }));

        Assert.Equal(2, loads);
    }

    private Func<byte[], ApiKeyRow?> Load(string id, bool revoked = false) => _ =>
    {
        loads++;
        return new ApiKeyRow { Id = id, Role = (int)V1.Role.Editor, RevokeTime = revoked ? "2026-01-01T00:00:00Z" : null };
    };

    private sealed class ManualClock : TimeProvider
    {
        private long ticks = 1;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => ticks;

        public void Advance(TimeSpan by) => ticks += by.Ticks;
    }
}
