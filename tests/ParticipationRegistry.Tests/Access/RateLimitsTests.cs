using ParticipationRegistry.Server.Access;

namespace ParticipationRegistry.Tests.Access;

/// <summary>The token bucket itself, on a clock the test moves.</summary>
public sealed class RateLimitsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks { get; set; } = 1;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void A_bucket_holds_two_seconds_refills_at_the_rate_and_says_how_long_to_wait()
    {
        var clock = new ManualClock();
        var limits = new RateLimits(10, clock);

        for (var i = 0; i < 20; i++)
        {
            Assert.Null(limits.TryTake("key:a", 1));
        }

        Assert.Equal(TimeSpan.FromSeconds(1), limits.TryTake("key:a", RateLimits.ExpensiveCost));
        Assert.Null(limits.TryTake("key:b", RateLimits.ExpensiveCost));
        clock.Advance(0.5);
        Assert.Null(limits.TryTake("key:a", 5));
        Assert.NotNull(limits.TryTake("key:a", 1));
        clock.Advance(60);
        for (var i = 0; i < 20; i++)
        {
            Assert.Null(limits.TryTake("key:a", 1));
        }

        Assert.NotNull(limits.TryTake("key:a", 1));
    }

    [Fact]
    public void A_rate_of_zero_never_refuses()
    {
        var limits = new RateLimits(0, new ManualClock());

        Assert.All(Enumerable.Range(0, 1000), _ => Assert.Null(limits.TryTake("address:127.0.0.1", RateLimits.ExpensiveCost)));
    }

    [Fact]
    public void Idle_callers_are_forgotten_without_freeing_a_busy_one()
    {
        var clock = new ManualClock();
        var limits = new RateLimits(1, clock);
        Assert.Null(limits.TryTake("key:busy", RateLimits.ExpensiveCost));
        for (var i = 0; i < 10_001; i++)
        {
            limits.TryTake($"address:10.0.{i / 256}.{i % 256}", 1);
        }

        clock.Advance(1);
        limits.TryTake("address:192.0.2.1", 1); // a sweep: no bucket is full again yet
        Assert.Equal(10_003, limits.Callers);
        Assert.NotNull(limits.TryTake("key:busy", RateLimits.ExpensiveCost));

        clock.Advance(10);
        limits.TryTake("address:192.0.2.2", 1); // every bucket is full again: all forgotten
        Assert.Equal(1, limits.Callers);
        Assert.Equal(1, RateLimits.RetryAfterSeconds(TimeSpan.FromMilliseconds(10)));
    }
}
