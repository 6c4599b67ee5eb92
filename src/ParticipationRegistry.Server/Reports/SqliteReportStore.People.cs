using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>The people behind the seats: each person once, the top seat holders, the newcomers.</summary>
public sealed partial class SqliteReportStore
{
    public PanellistFigures Panellists(SeatScope scope, int top)
    {
        var (seats, parameters, person) = PersonSeats(scope);
        parameters.Add("developing", countries.DevelopingCodes);
        using var connection = database.Open();
        // One row per person, grouped as participants_by_person is walked (a whole meeting needs no
        // sort), counted here into the people cube: nothing grows with the seats. A person counts with
        // their latest seat in scope (SQLite takes the bare columns from the row holding max(create_time)).
        var tally = new CubeTally();
        var holders = new TopSeatHolders(top);
        using (var reader = connection.ExecuteReader(
            $"""
            SELECT count(*), p.snap_stakeholder_group, p.snap_regional_group, p.person_gender, {Developing("p.snap_country_code")},
                   p.person_attributes, p.person_key, p.stakeholder_id, p.snap_display_name, max(p.create_time)
            FROM {seats}
            GROUP BY {person}
            """,
            parameters))
        {
            while (reader.Read())
            {
                var held = reader.GetInt64(0);
                tally.Add(reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3), 0, reader.GetInt32(4), reader.GetInt64(5), 1, reader.GetInt64(6), extra: held > 1 ? held : 0);
                if (holders.Admits(held))
                {
                    holders.Add(held, reader.GetString(8), reader.GetString(7));
                }
            }
        }

        var panellists = tally.Count;
        return new PanellistFigures(
            tally.Rows(),
            Nameable(connection, scope.MeetingId, holders.Ranked()),
            tally.Extra,
            panellists == 0 ? 0 : panellists - Returners(connection, scope));
    }

    /// <summary>
    /// The top seat holders with whether each is nameable to anyone: every seat of theirs in the meeting
    /// is on the published programme and they did not refuse publication (one query for all of them).
    /// </summary>
    private static List<SeatHolderCount> Nameable(SqliteConnection connection, string meetingId, List<(long Seats, string Name, string Id)> holders)
    {
        if (holders.Count == 0)
        {
            return [];
        }

        var hidden = connection.Query<string>(
            """
            SELECT q.stakeholder_id FROM participants q JOIN sessions s ON s.meeting_id = q.meeting_id AND s.id = q.session_id
            WHERE q.meeting_id = @meetingId AND q.stakeholder_id IN @ids AND s.state NOT IN @published
            UNION
            SELECT st.id FROM stakeholders st WHERE st.id IN @ids AND st.publication_consent = @refused
            """,
            new { meetingId, ids = holders.Select(h => h.Id).ToList(), published = PersonalDataRights.PublishedStates, refused = (int)PublicationConsent.Refused })
            .ToHashSet(StringComparer.Ordinal);
        return holders.Select(h => new SeatHolderCount(h.Id, h.Name, h.Seats, !hidden.Contains(h.Id))).ToList();
    }

    /// <summary>The people holding the most seats, then by name and id (ordinal, as SQLite compares text), at most a given number kept.</summary>
    private sealed class TopSeatHolders(int top)
    {
        private readonly List<(long Seats, string Name, string Id)> ranked = [];

        /// <summary>Whether a person with this many seats could rank (names are read only then).</summary>
        public bool Admits(long seats) => top > 0 && (ranked.Count < top || seats >= ranked[^1].Seats);

        public void Add(long seats, string name, string id)
        {
            var entry = (seats, name, id);
            var at = ranked.FindIndex(r => Before(entry, r));
            if (at < 0)
            {
                at = ranked.Count;
            }

            if (at < top)
            {
                ranked.Insert(at, entry);
                if (ranked.Count > top)
                {
                    ranked.RemoveAt(top);
                }
            }
        }

        public List<(long Seats, string Name, string Id)> Ranked() => ranked;

        private static bool Before((long Seats, string Name, string Id) a, (long Seats, string Name, string Id) b) =>
            a.Seats != b.Seats ? a.Seats > b.Seats
            : string.CompareOrdinal(a.Name, b.Name) is var byName && byName != 0 ? byName < 0
            : string.CompareOrdinal(a.Id, b.Id) < 0;
    }

    /// <summary>
    /// Panellists in scope with a seat or registration in an earlier meeting of the forum: the earlier
    /// meetings' people, each looked up among this scope's seats (work grows with the forum's history,
    /// not with this meeting's seats).
    /// </summary>
    private static long Returners(Microsoft.Data.Sqlite.SqliteConnection connection, SeatScope scope)
    {
        var (seats, parameters) = Seats(scope);
        return connection.ExecuteScalar<long>(
            $"""
            WITH earlier_meetings AS (
                SELECT em.id FROM meetings this, meetings em
                WHERE this.id = @meetingId AND this.forum <> '' AND this.start_date <> ''
                  AND em.forum = this.forum AND em.start_date <> '' AND em.start_date < this.start_date
            ),
            returners AS (
                SELECT e.stakeholder_id AS id FROM earlier_meetings CROSS JOIN participants e WHERE e.meeting_id = earlier_meetings.id
                UNION
                SELECT r.stakeholder_id FROM earlier_meetings CROSS JOIN registrations r WHERE r.meeting_id = earlier_meetings.id
            )
            SELECT count(*) FROM returners
            WHERE EXISTS (SELECT 1 FROM {seats} AND p.stakeholder_id = returners.id)
            """,
            parameters);
    }
}
