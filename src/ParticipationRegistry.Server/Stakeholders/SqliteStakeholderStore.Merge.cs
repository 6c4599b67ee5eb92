using System.Data.Common;
using System.Text.Json;
using Dapper;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>What a merge did: the primary as written, and the seats and registrations it moved to it.</summary>
public sealed record MergeResult(StakeholderRow Primary, IReadOnlyList<string> MovedParticipants, IReadOnlyList<string> MovedRegistrations);

/// <summary>
/// MergeStakeholders in one write, and the aliases merged names leave: GetStakeholder of an old name
/// returns the primary; a write through an old name is refused with STAKEHOLDER_MERGED naming it. Each
/// duplicate's own row moves to merged_stakeholders, for UnmergeStakeholder (see .Unmerge).
/// </summary>
public sealed partial class SqliteStakeholderStore
{
    public Task<MergeResult> MergeStakeholdersAsync(
        StakeholderName primary, IReadOnlyList<StakeholderName> duplicates, long? expectedVersion, Func<StakeholderRow, StakeholderRow> change) =>
        database.WriteAsync((connection, transaction) =>
        {
            var current = Mergeable(connection, transaction, primary, "primary");
            if (expectedVersion is { } expected && expected != current.Version)
            {
                throw RegistryException.EtagMismatch(primary.ToString());
            }

            var ids = duplicates.Select((d, i) => Mergeable(connection, transaction, d, $"duplicates[{i}]").Id).ToList();
            RefuseConflicts(connection, transaction, current.Id, ids);

            var now = Times.ToText(clock.GetUtcNow());
            var row = change(current.Copy());
            row.UpdateTime = now;
            if (row.PublicationConsent != current.PublicationConsent)
            {
                row.PublicationConsentTime = now;
            }

            var organization = row.OrganizationId is null ? "" : OrganizationName(connection, transaction, row.OrganizationId)
                ?? throw OrganizationNotFound(new OrganizationName(row.OrganizationId), "stakeholder.organization");
            Provenance.Date(row, now);
            var keys = SearchKeys.Of(row.DisplayName, row.Affiliation, organization);
            if (WriteRow(connection, transaction, row, current.Version, keys) == 0)
            {
                throw RegistryException.EtagMismatch(primary.ToString());
            }

            var movedSeats = new List<string>();
            var movedRegistrations = new List<string>();
            foreach (var id in ids)
            {
                var seats = connection.Query<(string MeetingId, string SessionId, string Id)>(
                    "SELECT meeting_id, session_id, id FROM participants WHERE stakeholder_id = @id", new { id }, transaction)
                    .Select(s => new ParticipantName(s.MeetingId, s.SessionId, s.Id).ToString()).ToList();
                var registrations = connection.Query<(string MeetingId, string Id)>(
                    "SELECT meeting_id, id FROM registrations WHERE stakeholder_id = @id", new { id }, transaction)
                    .Select(r => new RegistrationName(r.MeetingId, r.Id).ToString()).ToList();
                var carried = connection.Query<string>("SELECT alias_id FROM stakeholder_aliases WHERE stakeholder_id = @id ORDER BY alias_id", new { id }, transaction);
                connection.Execute(
                    $"""
                    UPDATE participants SET stakeholder_id = @primary, person_key = (SELECT record_key FROM stakeholders WHERE id = @primary),
                        update_time = @now, version = version + 1
                    WHERE stakeholder_id = @id;
                    UPDATE registrations SET stakeholder_id = @primary, person_key = (SELECT record_key FROM stakeholders WHERE id = @primary),
                        update_time = @now, version = version + 1
                    WHERE stakeholder_id = @id;
                    UPDATE stakeholder_aliases SET stakeholder_id = @primary WHERE stakeholder_id = @id;
                    INSERT INTO stakeholder_aliases (alias_id, stakeholder_id, merge_time, moved) VALUES (@id, @primary, @now, @moved);
                    INSERT INTO merged_stakeholders ({KeptColumns}, carried_aliases)
                    SELECT {KeptColumns}, @carried FROM stakeholders WHERE id = @id;
                    DELETE FROM stakeholders WHERE id = @id;
                    """,
                    new { id, primary = current.Id, now, moved = JsonSerializer.Serialize(seats.Concat(registrations)), carried = JsonSerializer.Serialize(carried) },
                    transaction);
                RequestLedger.ForgetResponsesNaming(connection, transaction, new StakeholderName(id).ToString());
                movedSeats.AddRange(seats);
                movedRegistrations.AddRange(registrations);
            }

            // The duplicates' rows are gone (their tokens and pairs with them): the primary's keys are compared with the registry as it is now.
            var batch = new StatementBatch(connection, transaction);
            RefreshSnapshots(batch, row);
            SearchKeys.WriteWritten(batch, row, keys, created: false);
            batch.Flush();
            return new MergeResult(ExistingStakeholder(connection, transaction, primary), movedSeats, movedRegistrations);
        });

    /// <summary>The person, if it may take part in a merge: it exists, is not an alias and was not erased.</summary>
    private static StakeholderRow Mergeable(DbConnection connection, DbTransaction transaction, StakeholderName name, string field)
    {
        var row = connection.QueryFirstOrDefault<StakeholderRow>(
            $"SELECT {StakeholderColumns} FROM stakeholders WHERE id = @id AND erased = 0", new { id = name.StakeholderId }, transaction);
        if (row is null)
        {
            throw MergedInto(connection, transaction, name) ?? RegistryException.NotFound(ErrorReason.StakeholderNotFound, name.ToString(), field);
        }

        if (connection.ExecuteScalar<string?>("SELECT erase_time FROM stakeholders WHERE id = @id", new { id = row.Id }, transaction) is not null)
        {
            throw RegistryException.FailedPrecondition(
                ErrorReason.StakeholderErased, name.ToString(), $"{field}: {name} was erased; an erased placeholder cannot be merged with anyone.");
        }

        return row;
    }

    /// <summary>FAILED_PRECONDITION naming every seat that would repeat a role in a session, and every second registration to a meeting.</summary>
    private static void RefuseConflicts(DbConnection connection, DbTransaction transaction, string primary, IReadOnlyList<string> duplicates)
    {
        var people = duplicates.Prepend(primary).ToList();
        var seats = connection.Query<(string MeetingId, string SessionId, string Id, long Role, string StakeholderId)>(
            "SELECT meeting_id, session_id, id, role, stakeholder_id FROM participants WHERE stakeholder_id IN @people ORDER BY create_time, id",
            new { people }, transaction);
        var registrations = connection.Query<(string MeetingId, string Id, string StakeholderId)>(
            "SELECT meeting_id, id, stakeholder_id FROM registrations WHERE stakeholder_id IN @people ORDER BY create_time, id", new { people }, transaction);
        // The primary's own seat is kept; of the duplicates' seats, the first of each role stays too.
        var conflicts = seats.OrderBy(s => s.StakeholderId == primary ? 0 : 1)
            .GroupBy(s => (s.MeetingId, s.SessionId, s.Role))
            .SelectMany(g => g.Skip(1).Select(s => (Name: new ParticipantName(s.MeetingId, s.SessionId, s.Id).ToString(),
                Why: $"holds role {(ParticipantRole)(int)s.Role} in meetings/{s.MeetingId}/sessions/{s.SessionId}, which {new ParticipantName(g.First().MeetingId, g.First().SessionId, g.First().Id)} already holds")))
            .Concat(registrations.OrderBy(r => r.StakeholderId == primary ? 0 : 1)
                .GroupBy(r => r.MeetingId)
                .SelectMany(g => g.Skip(1).Select(r => (Name: new RegistrationName(r.MeetingId, r.Id).ToString(),
                    Why: $"registers the person for meetings/{r.MeetingId} a second time, beside {new RegistrationName(g.First().MeetingId, g.First().Id)}"))))
            .ToList();
        if (conflicts.Count > 0)
        {
            throw new RegistryException(
                StatusCode.FailedPrecondition,
                ErrorReason.MergeConflict,
                $"The merge would duplicate {conflicts.Count} seat(s) or registration(s): {string.Join("; ", conflicts.Select(c => $"{c.Name} {c.Why}"))}. Delete them first; nothing was merged.",
                conflicts.Select(c => RegistryException.Violation(c.Name, c.Why)).ToList(),
                new StakeholderName(primary).ToString());
        }
    }

    /// <summary>STAKEHOLDER_MERGED naming the person <paramref name="name"/> was merged into, or null when it is no alias.</summary>
    private static RegistryException? MergedInto(DbConnection connection, DbTransaction? transaction, StakeholderName name) =>
        AliasTarget(connection, transaction, name.StakeholderId) is { } target
            ? RegistryException.FailedPrecondition(
                ErrorReason.StakeholderMerged, new StakeholderName(target).ToString(), $"{name} was merged into {new StakeholderName(target)}; use that name.")
            : null;

    private static string? AliasTarget(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.Prepared(transaction, "SELECT stakeholder_id FROM stakeholder_aliases WHERE alias_id = $1", id).ExecuteScalar() as string;
}
