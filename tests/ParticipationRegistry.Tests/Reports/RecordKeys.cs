using Dapper;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Public reports in tests: fixing every person's record key so a cell's perturbation can be worked out
/// by hand, and what an attacker who knows the documented table can tell from a published cell.
/// </summary>
internal static class RecordKeys
{
    /// <summary>Gives every person (and their seats' and registrations' copies) the record key <paramref name="key"/>.</summary>
    public static void SetAll(TestRegistry registry, int key)
    {
        using var connection = registry.OpenDatabase();
        connection.Execute(
            """
            UPDATE stakeholders SET record_key = @key;
            UPDATE participants SET person_key = @key;
            UPDATE registrations SET person_key = @key;
            """,
            new { key = (long)key });
    }

    /// <summary>
    /// Gives every person (and their seats' and registrations' copies) a record key drawn from
    /// <paramref name="seed"/> and their name, so a person keeps it across calls; call it after they are seated.
    /// </summary>
    public static void SetFromSeed(TestRegistry registry, int seed)
    {
        using var connection = registry.OpenDatabase();
        var people = connection.Query<(string Id, string Name)>("SELECT id, display_name FROM stakeholders").ToList();

        using var transaction = connection.BeginTransaction();
        foreach (var (id, name) in people)
        {
            connection.Execute(
                "UPDATE stakeholders SET record_key = @key WHERE id = @id",
                new { key = (long)(int)Hash($"{seed}/{name}")[0], id },
                transaction);
        }

        connection.Execute(
            """
            UPDATE participants SET person_key = (SELECT record_key FROM stakeholders WHERE stakeholders.id = participants.stakeholder_id);
            UPDATE registrations SET person_key = (SELECT record_key FROM stakeholders WHERE stakeholders.id = registrations.stakeholder_id);
            """,
            transaction: transaction);
        transaction.Commit();
    }

    private static byte[] Hash(string text) => System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));

    /// <summary>The value a cell of <paramref name="count"/> units, each with record key <paramref name="key"/>, publishes.</summary>
    public static long Published(long count, int key, long total) => CellKey.Publish(count, count * key, total);

    /// <summary>
    /// The value a seats cell of <paramref name="count"/> seats of people with record key <paramref name="key"/>
    /// publishes (seat keys, <see cref="CellKey.SeatKey"/>) where one person holds up to <paramref name="mostSeats"/> seats.
    /// </summary>
    public static long PublishedSeats(long count, int key, long total, int mostSeats = 1) => CellKey.Publish(count, count * CellKey.SeatKey(key), total, mostSeats);

    /// <summary>Every value the documented table can publish for a true count of <paramref name="count"/>.</summary>
    public static HashSet<long> Publishable(long count, long total) =>
        [.. Enumerable.Range(0, CellKey.Range).Select(ck => Math.Clamp(count + CellKey.Perturbation(count, ck), 0, total))];

    /// <summary>Whether a true count agrees with what the cell shows, under the documented table and threshold <paramref name="k"/>.</summary>
    public static bool Consistent(CategoryCount cell, long count, long total, int k = 3) =>
        cell.Suppressed ? Publishable(count, total).Any(v => v < k) : Publishable(count, total).Contains(cell.Count);

    /// <summary>The true counts from 0 to <paramref name="total"/> that agree with the cell.</summary>
    public static List<long> Candidates(CategoryCount cell, long total, int k = 3) =>
        [.. Enumerable.Range(0, (int)total + 1).Select(n => (long)n).Where(n => Consistent(cell, n, total, k))];
}
