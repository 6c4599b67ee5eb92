using System.Data.Common;
using System.Text.Json;
using Dapper;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>What an unmerge did: the duplicate as restored, the person it had been merged into, and the seats and registrations given back or skipped.</summary>
public sealed record UnmergeResult(StakeholderRow Restored, StakeholderName Primary, IReadOnlyList<string> MovedBack, IReadOnlyList<string> Skipped);

/// <summary>
/// UnmergeStakeholder in one write, and the erasure of the records merges keep. A merge moves the duplicate's own
/// row to merged_stakeholders (migration 0020) and lists in stakeholder_aliases.moved the seats and registrations it
/// moved; an unmerge moves the row back, with those seats and registrations the primary still holds.
/// </summary>
public sealed partial class SqliteStakeholderStore
{
    /// <summary>The columns merged_stakeholders shares with stakeholders: the whole record, as a merge found it.</summary>
    internal const string KeptColumns = StakeholderColumns + ", record_key, erase_time";

    private sealed record Merged(string Target, string Moved);

    public Task<UnmergeResult> UnmergeStakeholderAsync(StakeholderName name, long? expectedPrimaryVersion) =>
        database.WriteAsync((connection, transaction) =>
        {
            var id = name.StakeholderId;
            var merged = connection.QueryFirstOrDefault<Merged>(
                "SELECT stakeholder_id AS Target, moved AS Moved FROM stakeholder_aliases WHERE alias_id = @id", new { id }, transaction);
            if (merged is null)
            {
                throw connection.ExecuteScalar<long>("SELECT count(*) FROM stakeholders WHERE id = @id", new { id }, transaction) > 0
                    ? RegistryException.FailedPrecondition(
                        ErrorReason.StakeholderNotMerged, name.ToString(), $"{name} is a stakeholder of its own, not the old name of a merged one; nothing to undo.")
                    : RegistryException.NotFound(ErrorReason.StakeholderNotFound, name.ToString(), "name");
            }

            var primary = new StakeholderName(merged.Target);
            var (primaryVersion, primaryErased) = connection.QuerySingle<(long, long)>(
                "SELECT version, CASE WHEN erase_time IS NOT NULL OR erased = 1 THEN 1 ELSE 0 END FROM stakeholders WHERE id = @Target", merged, transaction);
            if (primaryErased == 1)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.StakeholderErased, primary.ToString(), $"{name} was merged into {primary}, which was erased since (and with it the record kept of {name}); nothing to restore.");
            }

            var kept = connection.QueryFirstOrDefault<(long RecordKey, string? EraseTime, string CarriedAliases)>(
                "SELECT record_key, erase_time, carried_aliases FROM merged_stakeholders WHERE id = @id", new { id }, transaction);
            if (kept == default)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.StakeholderNotMerged, name.ToString(), $"{name} was merged into {primary} before the registry kept merged records; undo it by hand (README, \"Undo\").");
            }

            if (kept.EraseTime is not null)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.StakeholderErased, name.ToString(), $"{name} was erased after its merge into {primary}: its record keeps no personal data to restore.");
            }

            var now = Times.ToText(clock.GetUtcNow());
            // The primary's version is checked in the statement that bumps it: the seats it holds change.
            if (connection.Execute(
                    "UPDATE stakeholders SET update_time = @now, version = version + 1 WHERE id = @Target AND version = @expected",
                    new { merged.Target, now, expected = expectedPrimaryVersion ?? primaryVersion },
                    transaction) == 0)
            {
                throw RegistryException.EtagMismatch(primary.ToString());
            }

            connection.Execute(
                $"""
                INSERT INTO stakeholders ({KeptColumns}) SELECT {KeptColumns} FROM merged_stakeholders WHERE id = @id;
                UPDATE stakeholders SET update_time = @now, version = version + 1 WHERE id = @id;
                UPDATE stakeholder_aliases SET stakeholder_id = @id WHERE stakeholder_id = @Target AND alias_id IN @carried;
                DELETE FROM stakeholder_aliases WHERE alias_id = @id;
                """,
                new { id, now, merged.Target, carried = JsonSerializer.Deserialize<List<string>>(kept.CarriedAliases) ?? [] },
                transaction);
            var movedBack = new List<string>();
            var skipped = new List<string>();
            foreach (var moved in JsonSerializer.Deserialize<List<string>>(merged.Moved) ?? [])
            {
                (MoveBack(connection, transaction, moved, merged.Target, id, kept.RecordKey, now) ? movedBack : skipped).Add(moved);
            }

            var restored = ExistingStakeholder(connection, transaction, name);
            RefreshSnapshots(connection, transaction, restored);
            SearchKeys.Write(connection, transaction, id, SearchKeys.Of(connection, transaction, restored));
            return new UnmergeResult(restored, primary, movedBack, skipped);
        });

    /// <summary>Gives seat or registration <paramref name="moved"/> back to <paramref name="id"/> if <paramref name="holder"/> still holds it.</summary>
    private static bool MoveBack(DbConnection connection, DbTransaction transaction, string moved, string holder, string id, long recordKey, string now)
    {
        if (Seat(moved) is { } seat)
        {
            return connection.Execute(
                """
                UPDATE participants SET stakeholder_id = @id, person_key = @recordKey, update_time = @now, version = version + 1
                WHERE meeting_id = @MeetingId AND session_id = @SessionId AND id = @ParticipantId AND stakeholder_id = @holder
                """,
                new { seat.MeetingId, seat.SessionId, seat.ParticipantId, holder, id, recordKey, now },
                transaction) == 1;
        }

        return Registration(moved) is { } registration && connection.Execute(
            """
            UPDATE registrations SET stakeholder_id = @id, person_key = @recordKey, update_time = @now, version = version + 1
            WHERE meeting_id = @MeetingId AND id = @RegistrationId AND stakeholder_id = @holder
            """,
            new { registration.MeetingId, registration.RegistrationId, holder, id, recordKey, now },
            transaction) == 1;
    }

    private static ParticipantName? Seat(string name) => ResourceName.TryParse<ParticipantName>(name, out var seat) ? seat : null;

    private static RegistrationName? Registration(string name) => ResourceName.TryParse<RegistrationName>(name, out var registration) ? registration : null;

    /// <summary>Blanks the kept records of every duplicate merged into <paramref name="primary"/> (its erasure or forced delete).</summary>
    private static void EraseMergedRecords(DbConnection connection, DbTransaction transaction, string primary, string now) =>
        connection.Execute(
            $"""
            UPDATE merged_stakeholders
            SET {Provenance.ErasedPerson}
            WHERE erase_time IS NULL AND id IN (SELECT alias_id FROM stakeholder_aliases WHERE stakeholder_id = @primary)
            """,
            new { primary, now },
            transaction);

    /// <summary>
    /// EraseStakeholder of an old name: blanks the record kept of that duplicate, and the copies of its name, affiliation and
    /// organisation that the seats and registrations it brought still carry as history (seats of HELD sessions,
    /// registrations to ended meetings: the merge left them as they were; the others follow the primary). The primary
    /// itself is not erased. Returns the kept record, and whether this call erased it.
    /// </summary>
    private (StakeholderRow Record, bool Erased) EraseMergedRecord(
        DbConnection connection, DbTransaction transaction, StakeholderName name, string primary, long? expectedVersion)
    {
        var record = KeptRecord(connection, transaction, name)
            ?? throw RegistryException.FailedPrecondition(
                ErrorReason.StakeholderMerged, new StakeholderName(primary).ToString(),
                $"{name} was merged into {new StakeholderName(primary)} before the registry kept merged records; erase that person.");
        if (connection.ExecuteScalar<string?>("SELECT erase_time FROM merged_stakeholders WHERE id = @Id", new { record.Id }, transaction) is not null)
        {
            return (record, false);
        }

        var now = Times.ToText(clock.GetUtcNow());
        if (connection.Execute(
                $"""
                UPDATE merged_stakeholders
                SET {Provenance.ErasedPerson}
                WHERE id = @Id AND version = @expected
                """,
                new { record.Id, now, expected = expectedVersion ?? record.Version },
                transaction) == 0)
        {
            throw RegistryException.EtagMismatch(name.ToString());
        }

        var moved = JsonSerializer.Deserialize<List<string>>(
            connection.ExecuteScalar<string>("SELECT moved FROM stakeholder_aliases WHERE alias_id = @Id", new { record.Id }, transaction) ?? "[]") ?? [];
        foreach (var seat in moved.Select(Seat).OfType<ParticipantName>())
        {
            connection.Execute(
                $"""
                UPDATE participants SET snap_display_name = '', snap_affiliation = '', snap_organization_id = NULL
                WHERE meeting_id = @MeetingId AND session_id = @SessionId AND id = @ParticipantId AND stakeholder_id = @primary
                  AND EXISTS (SELECT 1 FROM sessions s WHERE s.meeting_id = participants.meeting_id AND s.id = participants.session_id AND s.state = {HeldState})
                """,
                new { seat.MeetingId, seat.SessionId, seat.ParticipantId, primary },
                transaction);
        }

        foreach (var registration in moved.Select(Registration).OfType<RegistrationName>())
        {
            connection.Execute(
                """
                UPDATE registrations SET snap_display_name = '', snap_affiliation = '', snap_organization_id = NULL
                WHERE meeting_id = @MeetingId AND id = @RegistrationId AND stakeholder_id = @primary
                  AND EXISTS (SELECT 1 FROM meetings m WHERE m.id = registrations.meeting_id AND m.end_date <> '' AND m.end_date < @today)
                """,
                new { registration.MeetingId, registration.RegistrationId, primary, today = Today() },
                transaction);
        }

        return (KeptRecord(connection, transaction, name)!, true);
    }

    private static StakeholderRow? KeptRecord(DbConnection connection, DbTransaction? transaction, StakeholderName name) =>
        connection.QueryFirstOrDefault<StakeholderRow>(
            $"SELECT {StakeholderColumns} FROM merged_stakeholders WHERE id = @id", new { id = name.StakeholderId }, transaction);
}
