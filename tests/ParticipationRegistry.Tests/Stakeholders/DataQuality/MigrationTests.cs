using Microsoft.Data.Sqlite;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>Migrations 0017 and 0019 fill the search keys of people recorded before them, with the registry's own normalisation.</summary>
// Upgrades an old SQLite file (schema 16, PRAGMA user_version).
[Trait("Engine", "SqliteOnly")]
public sealed class MigrationTests
{
    /// <summary>What takes a registry back from schema 19, 18 or 17 to 16 (ADD COLUMN cannot run twice; 0019's column and 0018's table go first).</summary>
    public const string UndoSchema17 = UndoSchema19 + """
        DROP TABLE duplicate_pairs;
        DROP TABLE stakeholder_name_tokens;
        DROP TABLE stakeholder_not_duplicates;
        DROP TABLE stakeholder_aliases;
        DROP INDEX stakeholders_by_name_key;
        DROP INDEX stakeholders_by_email;
        DROP INDEX stakeholders_by_sorted_name_key;
        DROP INDEX stakeholders_by_block_first;
        DROP INDEX stakeholders_by_block_last;
        ALTER TABLE stakeholders DROP COLUMN name_key;
        ALTER TABLE stakeholders DROP COLUMN sorted_name_key;
        ALTER TABLE stakeholders DROP COLUMN affiliation_key;
        ALTER TABLE stakeholders DROP COLUMN block_first;
        ALTER TABLE stakeholders DROP COLUMN block_last;
        PRAGMA user_version = 16;

        """;

    /// <summary>What takes a registry back from schema 19 to 18 (the keys it computed stay, as they were).</summary>
    public const string UndoSchema19 = """
        ALTER TABLE stakeholders DROP COLUMN organization_key;
        DROP INDEX stakeholder_name_tokens_by_token;
        ALTER TABLE stakeholder_name_tokens DROP COLUMN name_key;
        CREATE INDEX stakeholder_name_tokens_by_token ON stakeholder_name_tokens (kind, token, stakeholder_id);
        DROP INDEX stakeholders_by_name_block;
        DROP INDEX stakeholders_by_sorted_name_key;
        CREATE INDEX stakeholders_by_sorted_name_key ON stakeholders (sorted_name_key, id) WHERE sorted_name_key <> '';

        """;

    /// <summary>
    /// Schema 18's keys of "राम शर्मा" and "रमा शर्मा": its normalisation dropped every mark, vowel signs too, so both
    /// were "रम शरम", and their pair was SAME_NORMALISED_NAME + SAME_COUNTRY (0.75).
    /// </summary>
    private const string KeysOfSchema18 = UndoSchema19 + """
        UPDATE stakeholders SET name_key = 'रम शरम', sorted_name_key = 'रम शरम', block_first = 'रम श', block_last = 'र शरम'
        WHERE display_name IN ('राम शर्मा', 'रमा शर्मा');
        UPDATE stakeholder_name_tokens SET token = 'शरम'
        WHERE stakeholder_id IN (SELECT id FROM stakeholders WHERE display_name IN ('राम शर्मा', 'रमा शर्मा')) AND kind = 0;
        DELETE FROM duplicate_pairs;
        INSERT INTO duplicate_pairs (stakeholder_a, stakeholder_b, rank, reasons)
        SELECT min(id), max(id), 25, (1 << 2) | (1 << 7) FROM stakeholders WHERE display_name IN ('राम शर्मा', 'रमा शर्मा');
        PRAGMA user_version = 18;

        """;

    [Fact]
    public async Task Keys_stored_by_schema_18_are_computed_again_with_vowel_signs_kept_and_organisation_keys_and_the_pairs_follow()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                foreach (var name in new[] { "राम शर्मा", "रमा शर्मा", "Wolfgang Kleinwächter" })
                {
                    await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = name, CountryCode = "IN" } });
                }

                var organization = await registry.Stakeholders.CreateOrganizationAsync(new CreateOrganizationRequest
                {
                    Organization = new Organization { DisplayName = "IT for Change", StakeholderGroup = StakeholderGroup.CivilSociety },
                });
                await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
                {
                    Stakeholder = new Stakeholder { DisplayName = "Parminder Jeet Singh", Organization = organization.Name },
                });
            }

            using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "registry.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = KeysOfSchema18;
                command.ExecuteNonQuery();
                command.CommandText = "SELECT count(*) FROM duplicate_pairs";
                Assert.Equal(1L, command.ExecuteScalar());
            }

            SqliteConnection.ClearAllPools();
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                var found = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "रमा" });
                Assert.Equal(["रमा शर्मा"], found.Stakeholders.Select(s => s.DisplayName));
                var bySurname = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "शर्मा" });
                Assert.Equal(2, bySurname.Stakeholders.Count);
                var latin = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "kleinwachter" });
                Assert.Single(latin.Stakeholders);
                // organization_key is new in 0019: filled for people recorded before it.
                var byOrganization = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "it for change" });
                Assert.Equal(["Parminder Jeet Singh"], byOrganization.Stakeholders.Select(s => s.DisplayName));
                var candidates = await registry.Stakeholders.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest());
                Assert.DoesNotContain(candidates.Candidates, c => c.Reasons.Contains(DuplicateReason.SameNormalisedName));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task People_recorded_before_schema_17_are_found_and_proposed_after_it()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                foreach (var (name, affiliation) in new[] { ("Wolfgang Kleinwächter", "University of Aarhus"), ("Wolfgang Kleinwacther", "University of Aarhus"), ("Μαρία Παπαδοπούλου", "") })
                {
                    await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = name, Affiliation = affiliation } });
                }
            }

            using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "registry.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = UndoSchema17;
                command.ExecuteNonQuery();
            }

            SqliteConnection.ClearAllPools();
            await using (var registry = await TestRegistry.StartAsync(folder: folder))
            {
                var found = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "KLEINWACHTER" });
                Assert.Equal(["Wolfgang Kleinwächter"], found.Stakeholders.Select(s => s.DisplayName));
                var greek = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "παπαδοπουλου" });
                Assert.Single(greek.Stakeholders);
                var byAffiliation = await registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "aarhus" });
                Assert.Equal(2, byAffiliation.Stakeholders.Count);
                var candidates = await registry.Stakeholders.ListDuplicateCandidatesAsync(new ListDuplicateCandidatesRequest());
                Assert.Contains(DuplicateReason.NameTransposition, Assert.Single(candidates.Candidates).Reasons);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
