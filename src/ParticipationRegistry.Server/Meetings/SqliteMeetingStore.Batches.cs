using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>
/// Batch creates: every item through the single create's own checks and insert, all in one unit of
/// work, so the first refusal undoes the whole batch. A conflict names the item (<c>requests[3]</c>).
/// </summary>
public sealed partial class SqliteMeetingStore
{
    public Task<Created<IReadOnlyList<SessionRow>>> CreateSessionsAsync(
        MeetingName parent, IReadOnlyList<SessionRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<SessionRow>, byte[]> encodeResponse) =>
        database.CreateOnceAsync<IReadOnlyList<SessionRow>>(claim, clock, (connection, transaction) =>
        {
            RequireMeeting(connection, transaction, parent);
            return EachItem(drafts, (draft, item) => InsertSession(connection, transaction, draft, item));
        }, encodeResponse);

    public Task<Created<IReadOnlyList<ParticipantRow>>> CreateParticipantsAsync(
        SessionName parent, IReadOnlyList<ParticipantRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<ParticipantRow>, byte[]> encodeResponse) =>
        database.CreateOnceAsync<IReadOnlyList<ParticipantRow>>(claim, clock, (connection, transaction) =>
        {
            if (parent.IsWildcard)
            {
                RequireMeeting(connection, transaction, parent.Meeting);
            }
            else
            {
                ExistingSession(connection, transaction, parent);
            }

            return EachItem(drafts, (draft, item) => InsertParticipant(connection, transaction, draft, item));
        }, encodeResponse);

    public Task<Created<IReadOnlyList<RegistrationRow>>> CreateRegistrationsAsync(
        MeetingName parent, IReadOnlyList<RegistrationRow> drafts, RequestIdClaim? claim, Func<IReadOnlyList<RegistrationRow>, byte[]> encodeResponse) =>
        database.CreateOnceAsync<IReadOnlyList<RegistrationRow>>(claim, clock, (connection, transaction) =>
        {
            RequireMeeting(connection, transaction, parent);
            return EachItem(drafts, (draft, item) => InsertRegistration(connection, transaction, draft, item));
        }, encodeResponse);

    /// <summary>
    /// Inserts the drafts in order (a later item sees the earlier ones, so a duplicate within the batch
    /// is a conflict like any other); a refusal that names no field gets the item's path.
    /// </summary>
    private static List<TRow> EachItem<TRow>(IReadOnlyList<TRow> drafts, Func<TRow, string, TRow> insert)
    {
        var rows = new List<TRow>(drafts.Count);
        for (var i = 0; i < drafts.Count; i++)
        {
            var item = $"requests[{i}]";
            try
            {
                rows.Add(insert(drafts[i], item));
            }
            catch (RegistryException e) when (e.Violations.Count == 0)
            {
                throw new RegistryException(e.Code, e.Reason, $"{item}: {e.Message}", [RegistryException.Violation(item, e.Message)], e.Resource, e.Field);
            }
        }

        return rows;
    }

    /// <summary><paramref name="field"/> under a batch item's path, or alone when <paramref name="item"/> is empty.</summary>
    private static string At(string item, string field) => item.Length == 0 ? field : $"{item}.{field}";
}
