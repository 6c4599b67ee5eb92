using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Declarations;

public sealed class SqliteDeclarationStore(Database database, TimeProvider clock) : IDeclarationStore
{
    public IReadOnlyList<LinkPerson> Panel(SessionName session) =>
        database.Read(connection =>
        {
            if (connection.ExecuteScalar<long>("SELECT count(*) FROM sessions WHERE meeting_id = @MeetingId AND id = @SessionId", session) == 0)
            {
                throw RegistryException.NotFound(ErrorReason.SessionNotFound, session.ToString(), "parent");
            }

            return connection.Query<LinkPerson>(
                """
                SELECT s.id AS StakeholderId, s.display_name AS DisplayName, s.email AS Email
                FROM stakeholders s
                JOIN (SELECT stakeholder_id, min(create_time || id) AS seated
                      FROM participants WHERE meeting_id = @MeetingId AND session_id = @SessionId GROUP BY stakeholder_id) p
                  ON p.stakeholder_id = s.id
                WHERE s.erased = 0
                ORDER BY p.seated
                """,
                session).AsList();
        });

    public IReadOnlyList<LinkPerson> Registrants(MeetingName meeting) =>
        database.Read(connection =>
        {
            if (connection.ExecuteScalar<long>("SELECT count(*) FROM meetings WHERE id = @MeetingId", meeting) == 0)
            {
                throw RegistryException.NotFound(ErrorReason.MeetingNotFound, meeting.ToString(), "parent");
            }

            return connection.Query<LinkPerson>(
                """
                SELECT s.id AS StakeholderId, s.display_name AS DisplayName, s.email AS Email
                FROM stakeholders s
                JOIN (SELECT stakeholder_id, min(create_time || id) AS registered
                      FROM registrations WHERE meeting_id = @MeetingId GROUP BY stakeholder_id) r
                  ON r.stakeholder_id = s.id
                WHERE s.erased = 0
                ORDER BY r.registered
                """,
                meeting).AsList();
        });

    public LinkPerson Person(StakeholderName stakeholder) =>
        database.Read(connection => connection.QuerySingleOrDefault<LinkPerson>(
            "SELECT id AS StakeholderId, display_name AS DisplayName, email AS Email FROM stakeholders WHERE id = @StakeholderId AND erased = 0",
            stakeholder))
        ?? throw RegistryException.NotFound(ErrorReason.StakeholderNotFound, stakeholder.ToString(), "stakeholder");

    public Task IssueAsync(IReadOnlyList<NewLink> links, string createdBy) =>
        database.WriteAsync((connection, transaction) =>
        {
            var now = Now();
            foreach (var link in links)
            {
                connection.Execute(
                    """
                    UPDATE declaration_links SET revoke_time = @now
                    WHERE stakeholder_id = @StakeholderId AND use_time IS NULL AND revoke_time IS NULL;
                    INSERT INTO declaration_links (token_hash, stakeholder_id, create_time, expire_time, created_by)
                    VALUES (@TokenHash, @StakeholderId, @now, @ExpireTime, @createdBy);
                    """,
                    new { link.StakeholderId, link.TokenHash, link.ExpireTime, now, createdBy },
                    transaction);
            }
        });

    public (StakeholderRow? Person, LinkRefusal Refusal) Open(byte[] tokenHash) =>
        database.Read(connection => Opened(connection, null, tokenHash, Now()));

    public Task<(StakeholderRow? Person, LinkRefusal Refusal)> DeclareAsync(byte[] tokenHash, Declaration declaration) =>
        database.WriteAsync((connection, transaction) =>
        {
            var now = Now();
            var (person, refusal) = Opened(connection, transaction, tokenHash, now);
            if (person is null)
            {
                return (person, refusal);
            }

            // The link's use and the record's version are both checked in their statements: a second
            // submission racing this one finds the link used.
            var used = connection.Execute(
                "UPDATE declaration_links SET use_time = @now WHERE token_hash = @tokenHash AND use_time IS NULL AND revoke_time IS NULL AND expire_time > @now",
                new { tokenHash, now },
                transaction);
            if (used == 0)
            {
                return ((StakeholderRow?)null, LinkRefusal.Used);
            }

            const int self = (int)DataSource.SelfDeclared;
            var written = connection.Execute(
                $"""
                UPDATE stakeholders
                SET gender = @Gender, gender_self_description = @GenderSelfDescription, attributes = @Attributes, email = @Email,
                    publication_consent = @PublicationConsent,
                    publication_consent_time = CASE WHEN publication_consent = @PublicationConsent THEN publication_consent_time ELSE @now END,
                    gender_source = {self}, gender_source_time = @now, attributes_source = {self}, attributes_source_time = @now,
                    publication_consent_source = {self}, publication_consent_source_time = @now, email_source = {self}, email_source_time = @now,
                    update_time = @now, version = version + 1
                WHERE id = @Id AND version = @Version AND erased = 0
                """,
                new
                {
                    declaration.Gender, declaration.GenderSelfDescription, declaration.Attributes, declaration.Email, declaration.PublicationConsent,
                    now, person.Id, person.Version,
                },
                transaction);
            if (written == 0)
            {
                throw RegistryException.EtagMismatch(new StakeholderName(person.Id).ToString());
            }

            // A declared email may pair the person with another (SAME_EMAIL): the stored candidates follow it.
            Stakeholders.Duplicates.DuplicatePairs.Refresh(connection, transaction, person.Id);

            // Gender and attributes are not history: every seat and registration follows the person at once.
            connection.Execute(
                """
                UPDATE participants SET person_gender = @Gender, person_attributes = @Attributes WHERE stakeholder_id = @Id;
                UPDATE registrations SET person_gender = @Gender, person_attributes = @Attributes WHERE stakeholder_id = @Id;
                """,
                new { declaration.Gender, declaration.Attributes, person.Id },
                transaction);
            return (Stakeholder(connection, transaction, person.Id), LinkRefusal.Unknown);
        });

    public (IReadOnlySet<string> Gender, IReadOnlySet<string> Attributes) Undeclared(IReadOnlyCollection<string> stakeholderIds)
    {
        if (stakeholderIds.Count == 0)
        {
            return (new HashSet<string>(), new HashSet<string>());
        }

        var rows = database.Read(connection => connection.Query<(string Id, long Gender, long Attributes)>(
            "SELECT id, gender_source, attributes_source FROM stakeholders WHERE id IN @stakeholderIds",
            new { stakeholderIds }).AsList());
        const int self = (int)DataSource.SelfDeclared;
        return (rows.Where(r => r.Gender != self).Select(r => r.Id).ToHashSet(), rows.Where(r => r.Attributes != self).Select(r => r.Id).ToHashSet());
    }

    private static (StakeholderRow? Person, LinkRefusal Refusal) Opened(DbConnection connection, DbTransaction? transaction, byte[] tokenHash, string now)
    {
        var link = connection.QuerySingleOrDefault<(string StakeholderId, string ExpireTime, string? UseTime, string? RevokeTime)>(
            "SELECT stakeholder_id, expire_time, use_time, revoke_time FROM declaration_links WHERE token_hash = @tokenHash",
            new { tokenHash },
            transaction);
        if (link.StakeholderId is null)
        {
            return (null, LinkRefusal.Unknown);
        }

        if (link.UseTime is not null)
        {
            return (null, LinkRefusal.Used);
        }

        if (link.RevokeTime is not null)
        {
            return (null, LinkRefusal.Revoked);
        }

        if (string.CompareOrdinal(link.ExpireTime, now) <= 0)
        {
            return (null, LinkRefusal.Expired);
        }

        return Stakeholder(connection, transaction, link.StakeholderId) is { } person ? (person, LinkRefusal.Unknown) : (null, LinkRefusal.Unknown);
    }

    private static StakeholderRow? Stakeholder(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.QuerySingleOrDefault<StakeholderRow>(
            $"SELECT {SqliteStakeholderStore.StakeholderColumns} FROM stakeholders WHERE id = @id AND erased = 0", new { id }, transaction);

    private string Now() => Times.ToText(clock.GetUtcNow());
}
