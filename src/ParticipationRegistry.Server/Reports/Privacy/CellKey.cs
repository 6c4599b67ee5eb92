namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>
/// The cell-key perturbation of public counts (docs/PRIVACY.md): a cell's key is the sum of its units'
/// record keys modulo 256, and a fixed table turns the count and the key into the published value, so
/// the same cell always shows the same value and differencing two reports gives noise. Pure.
/// </summary>
public static class CellKey
{
    /// <summary>Record keys and cell keys are from 0 to this minus one.</summary>
    public const int Range = 256;

    /// <summary>
    /// A seat's key: its person's record key through a fixed permutation of 0–255 (the polynomial
    /// 89 + 167k + 94k² mod 256), so that a seats cell of people with one seat each is not keyed like their
    /// people cell; if it were, the two would differ only when someone in them held several seats.
    /// </summary>
    public static int SeatKey(int recordKey) => (89 + (167 * recordKey) + (94 * recordKey * recordKey)) % Range;

    /// <summary><see cref="SeatKey"/> in SQL, of the participants' column <c>p.person_key</c>.</summary>
    public const string SeatKeySql = "(89 + 167 * p.person_key + 94 * p.person_key * p.person_key) % 256";

    /// <summary>The cell key of units whose record keys add up to <paramref name="keySum"/>.</summary>
    public static int Of(long keySum) => (int)(((keySum % Range) + Range) % Range);

    /// <summary>
    /// D(n, ck): 0 for an empty cell; for one unit −1, 0, +1, +2 with probabilities 64, 141, 38, 13 of 256;
    /// for more −2, −1, 0, +1, +2 with 13, 51, 128, 51, 13 of 256 (mean 0, variance 0.80).
    /// </summary>
    public static int Perturbation(long count, int cellKey) => count switch
    {
        <= 0 => 0,
        1 => cellKey switch
        {
            < 64 => -1,
            < 205 => 0,
            < 243 => 1,
            _ => 2,
        },
        _ => cellKey switch
        {
            < 13 => -2,
            < 64 => -1,
            < 192 => 0,
            < 243 => 1,
            _ => 2,
        },
    };

    /// <summary>
    /// The perturbation of a seats cell where one person holds up to <paramref name="mostSeats"/> seats: the table
    /// when that is 1; otherwise 0 for an empty cell and, for any other, ⌊ck·(4m + 1)/256⌋ − 2m, about uniform
    /// on −2m..2m, so that a person's m seats in or out of the cell stay within the noise.
    /// </summary>
    public static int SeatPerturbation(long count, int cellKey, int mostSeats) =>
        count <= 0 ? 0 : mostSeats <= 1 ? Perturbation(count, cellKey) : (cellKey * ((4 * mostSeats) + 1) / Range) - (2 * mostSeats);

    /// <summary>
    /// The published value of a cell: its count plus the perturbation (<see cref="SeatPerturbation"/> with
    /// <paramref name="mostSeats"/> for seats; 1 means the table), within 0 and the population's public <paramref name="total"/>.
    /// </summary>
    public static long Publish(long count, long keySum, long total, int mostSeats = 1) =>
        Math.Clamp(count + SeatPerturbation(count, Of(keySum), mostSeats), 0, Math.Max(total, 0));
}
