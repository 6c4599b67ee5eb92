using Google.Protobuf.WellKnownTypes;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Stakeholders.Duplicates;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>The duplicate candidates stored as people are written (migration 0018): every write changes the list at once, as the whole-registry computation would.</summary>
public sealed class StoredPairsTests
{
    private static async Task<Stakeholder> PersonAsync(TestRegistry registry, string name, string country = "", string affiliation = "", string email = "") =>
        await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = name, CountryCode = country, Affiliation = affiliation, Email = email },
        });

    private static async Task<List<string>> PairsAsync(TestRegistry registry)
    {
        var pairs = new List<string>();
        var token = "";
        do
        {
            // Pages of two: the keyset of the page token walks the stored index.
            var page = await registry.Stakeholders.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest { PageSize = 2, PageToken = token });
            pairs.AddRange(page.Candidates.Select(c => $"{c.Stakeholders[0]} {c.Stakeholders[1]} {c.Confidence:0.00} {string.Join(',', c.Reasons)}"));
            token = page.NextPageToken;
        }
        while (token.Length > 0);

        return pairs;
    }

    private static string Pair(Stakeholder x, Stakeholder y) =>
        string.CompareOrdinal(x.Name, y.Name) < 0 ? $"{x.Name} {y.Name}" : $"{y.Name} {x.Name}";

    private static List<string> Names(List<string> pairs) => pairs.Select(p => string.Join(' ', p.Split(' ').Take(2))).ToList();

    [Fact]
    public async Task A_create_an_update_a_merge_an_erasure_and_a_delete_change_the_list_at_once()
    {
        await using var registry = await TestRegistry.StartAsync();
        var first = await PersonAsync(registry, "Mervi Kultamaa", "FI", "Ministry for Foreign Affairs of Finland");
        var second = await PersonAsync(registry, "Mervi Kultamaa", "FI");
        Assert.Equal([Pair(first, second)], Names(await PairsAsync(registry)));

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = second.Name, DisplayName = "Avri Doria" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        Assert.Empty(await PairsAsync(registry));

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = second.Name, DisplayName = "Mervi Kultama" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        var third = await PersonAsync(registry, "MERVI KULTAMAA", "FI", "Ministry for Foreign Affairs of Finland");
        var batch = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Kultamaa Mervi", CountryCode = "FI" } } },
        });
        var fourth = batch.Stakeholders.Single();
        var all = await PairsAsync(registry);
        // Of the six pairs, "mervi kultama" and "kultamaa mervi" share no block.
        Assert.Equal(5, all.Count);
        // Most likely first: the same name, country and organisation.
        Assert.StartsWith($"{Pair(first, third)} 0.99 ", all[0], StringComparison.Ordinal);

        await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = first.Name, Duplicates = { third.Name } });
        Assert.Equal([Pair(first, second), Pair(first, fourth)], Names(await PairsAsync(registry)).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(await PairsAsync(registry), p => p.Contains(third.Name, StringComparison.Ordinal));

        await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = second.Name });
        Assert.Equal([Pair(first, fourth)], Names(await PairsAsync(registry)));

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = fourth.Name });
        Assert.Empty(await PairsAsync(registry));
    }

    [Fact]
    public async Task A_shared_email_pairs_two_people_and_a_marked_pair_stays_out_after_a_write()
    {
        await using var registry = await TestRegistry.StartAsync();
        var markus = await PersonAsync(registry, "Markus Kummer", email: "mk@isoc.example");
        var other = await PersonAsync(registry, "M. Kummer", email: "MK@isoc.example");
        Assert.Equal([$"{Pair(markus, other)} 0.95 {DuplicateReason.SameEmail}"], await PairsAsync(registry));

        await registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = markus.Name, Other = other.Name });
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = other.Name, DisplayName = "Markus Kummer" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        Assert.Empty(await PairsAsync(registry));
    }

    /// <summary>
    /// In a block of more than 50 people a person is paired with its 5 neighbours on each side in the block's order, as the
    /// whole-registry scan pairs them: the newest of 60 namesakes (the largest id) with the 5 before it, whichever side is written.
    /// </summary>
    [Fact]
    public async Task In_a_block_of_more_than_fifty_a_new_person_is_paired_with_its_five_neighbours()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 60).Select(_ => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Ahmed Ali", CountryCode = "EG" } }) },
        });
        var before = await PairsAsync(registry);
        var newest = await PersonAsync(registry, "Ahmed Ali", "EG");
        var after = await PairsAsync(registry);

        var neighbours = created.Stakeholders.Select(s => s.Name).Order(StringComparer.Ordinal).TakeLast(5).ToList();
        var added = Names(after.Except(before).ToList());
        Assert.Equal(neighbours.Select(n => $"{n} {newest.Name}").Order(StringComparer.Ordinal), added.Order(StringComparer.Ordinal));
        Assert.Empty(before.Except(after));
    }

    /// <summary>Migration 0018 fills the table with the whole-registry computation: after any writes, the same list as the one kept write by write.</summary>
    [Fact]
    public async Task The_migration_stores_the_same_list_as_the_writes_kept()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            List<string> kept;
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                var people = new List<Stakeholder>();
                foreach (var (name, country, affiliation, email) in new[]
                {
                    ("Wolfgang Kleinwächter", "DE", "University of Aarhus", ""), ("Wolfgang Kleinwacther", "", "University of Aarhus", ""),
                    ("W. Kleinwächter", "DE", "", "wk@example.org"), ("Kleinwächter Wolfgang", "DK", "Aarhus University", "WK@example.org"),
                    ("Ahmed Ali", "EG", "Cairo University", ""), ("Ahmed Ali", "PK", "Ministry of IT and Telecom", ""), ("Ali Ahmed", "EG", "", ""),
                    ("Izumi Aizu", "JP", "Institute for InfoSocionomics", ""), ("Izumi Aizu", "JP", "Institute for InfoSocinomics", ""),
                })
                {
                    people.Add(await PersonAsync(registry, name, country, affiliation, email));
                }

                await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { Name = people[5].Name, CountryCode = "EG" },
                    UpdateMask = new FieldMask { Paths = { "country_code" } },
                });
                await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = people[7].Name, Duplicates = { people[8].Name } });
                await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = people[1].Name });
                await registry.Stakeholders.MarkNotDuplicateAsync(new MarkNotDuplicateRequest { Name = people[4].Name, Other = people[6].Name });
                kept = await PairsAsync(registry);
            }

            Assert.True(kept.Count == 4, string.Join('\n', kept));
            using (var connection = TestDatabases.Open(folder))
            {
                using var command = connection.CreateCommand();
                command.CommandText = TestDatabases.OnPostgres
                    ? $"{MigrationTests.UndoSchema19} DROP TABLE duplicate_pairs; UPDATE schema_version SET version = 17;"
                    : $"{MigrationTests.UndoSchema19} DROP TABLE duplicate_pairs; PRAGMA user_version = 17;";
                command.ExecuteNonQuery();
            }

            SqliteConnection.ClearAllPools();
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                Assert.Equal(kept, await PairsAsync(registry));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestDatabases.Drop(folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A page is one read of the stored index in its order: no sort, whatever the page token or the minimum.</summary>
    // SQLite's EXPLAIN QUERY PLAN: about SQLite's planner.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task The_list_reads_its_index_in_order_and_a_write_reads_only_block_indexes()
    {
        var plan = await QueryPlans.PlanOf(DuplicatePairs.ListSql, new { maxRank = 60, rank = 5, a = "a", b = "b", full = 1, sameEmail = 2, nameReasons = 60, limit = 51 });
        Assert.Contains(plan, line => line.Contains("duplicate_pairs_by_rank", StringComparison.Ordinal) && line.Contains('>', StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));

        foreach (var sql in DuplicatePairs.NeighbourQueries)
        {
            var neighbours = await QueryPlans.PlanOf(sql, new { });
            Assert.Contains(neighbours, line => line.Contains("USING INDEX stakeholders_by_", StringComparison.Ordinal));
            Assert.DoesNotContain(neighbours, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }

        // SQLite's statement learns whether a name block is large from its index alone, reading no row of the table (the email
        // block reads its few rows: its partial index's condition names the column).
        var sqlite = await QueryPlans.PlanOf(DuplicatePairs.NeighbourQueries.First(), new { });
        foreach (var index in new[] { "stakeholders_by_name_block", "stakeholders_by_sorted_name_key", "stakeholders_by_block_first", "stakeholders_by_block_last" })
        {
            Assert.Contains(sqlite, line => line.Contains($"USING COVERING INDEX {index} ", StringComparison.Ordinal));
        }
    }
}
