using ParticipationRegistry.Server.Reports.Privacy;

namespace ParticipationRegistry.Tests.Reports;

// The perturbation table of docs/PRIVACY.md, checked over all 256 cell keys.
public sealed class CellKeyTests
{
    private static readonly int[] OneUnitEdges = [63, 64, 204, 205, 242, 243];

    private static readonly int[] MoreUnitsEdges = [12, 13, 63, 64, 191, 192, 242, 243, 255];

    private static Dictionary<int, int> Distribution(long count) =>
        Enumerable.Range(0, CellKey.Range).GroupBy(ck => CellKey.Perturbation(count, ck)).ToDictionary(g => g.Key, g => g.Count());

    [Fact]
    public void One_unit_moves_by_minus_one_to_two_with_the_documented_probabilities()
    {
        Assert.Equal(new Dictionary<int, int> { [-1] = 64, [0] = 141, [1] = 38, [2] = 13 }, Distribution(1));
        Assert.Equal(0.0, Distribution(1).Sum(p => p.Key * p.Value) / 256.0, 1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Two_or_more_units_move_by_minus_two_to_two_with_mean_zero_and_variance_0_8(long count)
    {
        var distribution = Distribution(count);

        Assert.Equal(new Dictionary<int, int> { [-2] = 13, [-1] = 51, [0] = 128, [1] = 51, [2] = 13 }, distribution);
        Assert.Equal(0, distribution.Sum(p => p.Key * p.Value));
        Assert.Equal(0.80, distribution.Sum(p => p.Key * p.Key * p.Value) / 256.0, 2);
    }

    [Fact]
    public void The_table_boundaries_are_where_the_documentation_puts_them()
    {
        Assert.Equal([-1, 0, 0, 1, 1, 2], OneUnitEdges.Select(ck => CellKey.Perturbation(1, ck)));
        Assert.Equal([-2, -1, -1, 0, 0, 1, 1, 2, 2], MoreUnitsEdges.Select(ck => CellKey.Perturbation(2, ck)));
    }

    [Fact]
    public void An_empty_cell_is_never_moved()
    {
        Assert.All(Enumerable.Range(0, CellKey.Range), ck => Assert.Equal(0, CellKey.Perturbation(0, ck)));
        Assert.Equal(0, CellKey.Publish(0, 255, 10));
    }

    [Fact]
    public void The_cell_key_is_the_key_sum_modulo_256()
    {
        Assert.Equal(0, CellKey.Of(0));
        Assert.Equal(255, CellKey.Of(255));
        Assert.Equal(4, CellKey.Of(1284));
    }

    // Cell key 0 with two units: −2; with one: −1. Cell key 255: +2.
    [Theory]
    [InlineData(2, 0, 10, 0)]
    [InlineData(2, 255, 10, 4)]
    [InlineData(2, 255, 3, 3)]
    [InlineData(1, 0, 10, 0)]
    public void A_published_value_is_clamped_to_zero_and_the_total(long count, long keySum, long total, long published) =>
        Assert.Equal(published, CellKey.Publish(count, keySum, total));

    [Fact]
    public void The_same_count_and_keys_always_publish_the_same_value()
    {
        var random = new Random(7);
        for (var i = 0; i < 1000; i++)
        {
            var count = random.Next(0, 50);
            var keySum = random.NextInt64(0, 100_000);
            Assert.Equal(CellKey.Publish(count, keySum, 60), CellKey.Publish(count, keySum, 60));
            Assert.Equal(CellKey.Publish(count, keySum, 60), CellKey.Publish(count, keySum + (256 * random.Next(1, 10)), 60));
        }
    }

    [Fact]
    public void Seat_keys_are_a_permutation_of_the_record_keys_and_not_a_shift()
    {
        var seatKeys = Enumerable.Range(0, CellKey.Range).Select(CellKey.SeatKey).ToList();

        Assert.Equal(Enumerable.Range(0, CellKey.Range), seatKeys.Order());
        Assert.Equal(89, CellKey.SeatKey(0));
        Assert.Equal(100, CellKey.SeatKey(91));
        // Seat keys do not add up like record keys: 1 + 2 = 3, but seat keys 94 + 31 = 125, not 156.
        Assert.NotEqual(CellKey.SeatKey(3), (CellKey.SeatKey(1) + CellKey.SeatKey(2)) % CellKey.Range);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    public void Seats_where_one_person_holds_m_move_about_uniformly_within_twice_m_either_way(int mostSeats)
    {
        var distribution = Enumerable.Range(0, CellKey.Range).GroupBy(ck => CellKey.SeatPerturbation(5, ck, mostSeats)).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(Enumerable.Range(-2 * mostSeats, (4 * mostSeats) + 1), distribution.Keys.Order());
        Assert.True(distribution.Values.Max() - distribution.Values.Min() <= 1, string.Join(", ", distribution));
        Assert.All(Enumerable.Range(0, CellKey.Range), ck => Assert.Equal(0, CellKey.SeatPerturbation(0, ck, mostSeats)));
    }

    [Fact]
    public void Seats_where_nobody_holds_two_follow_the_table()
    {
        Assert.All(Enumerable.Range(0, CellKey.Range), ck => Assert.Equal(CellKey.Perturbation(4, ck), CellKey.SeatPerturbation(4, ck, 1)));
        Assert.Equal(CellKey.Publish(4, 255, 10), CellKey.Publish(4, 255, 10, mostSeats: 1));
    }
}
