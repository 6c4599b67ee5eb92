using Dapper;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>What the published programme may show: seats of published sessions whose person did not refuse publication.</summary>
public sealed partial class SqliteMeetingStore
{
    public IReadOnlySet<string> PublishedWithConsent(string meetingId, IReadOnlyCollection<string> participantIds) =>
        participantIds.Count == 0
            ? new HashSet<string>()
            : database.Read(connection => (IReadOnlySet<string>)connection.Query<string>(
                """
                SELECT p.id
                FROM participants p
                JOIN sessions s ON s.meeting_id = p.meeting_id AND s.id = p.session_id
                JOIN stakeholders st ON st.id = p.stakeholder_id
                WHERE p.meeting_id = @meetingId AND p.id IN @participantIds
                  AND s.state IN @published AND st.publication_consent <> @refused
                """,
                new { meetingId, participantIds, published = PersonalDataRights.PublishedStates, refused = (int)PublicationConsent.Refused })
                .ToHashSet());
}
