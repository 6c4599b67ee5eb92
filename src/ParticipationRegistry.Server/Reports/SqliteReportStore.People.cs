using System.Data.Common;
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
        var (gender, attributes) = PersonValues("p", scope.SelfDeclaredOnly);
        var cell = PackedCell("p.snap_stakeholder_group", "p.snap_regional_group", gender, Developing("p.snap_country_code"), attributes);
        using (var reader = connection.ExecuteReader(database.IsPostgres ? LatestSeatPerPersonPostgres(cell, seats, person) : $"""
            SELECT {cell},
                   (count(*) << 8) | (p.person_key & 255), p.stakeholder_id, p.snap_display_name, max(p.create_time)
            FROM {seats}
            GROUP BY {person}
            """,
            parameters))
        {
            while (reader.Read())
            {
                // Seats held and the person's record key (0 to 255) in one integer, as the cell in another.
                var seatsAndKey = reader.GetInt64(1);
                var held = seatsAndKey >> 8;
                tally.AddPacked(reader.GetInt64(0), 1, seatsAndKey & 0xFF, extra: held > 1 ? held : 0);
                if (holders.Admits(held))
                {
                    holders.Add(held, reader.GetString(3), reader.GetString(2));
                }
            }
        }

        var panellists = tally.Count;
        return new PanellistFigures(
            tally.Rows(),
            Nameable(connection, scope.MeetingId, holders.Ranked()),
            tally.Extra,
            panellists == 0 ? 0 : panellists - Returners(connection, scope, database.IsPostgres));
    }

    /// <summary>
    /// PostgreSQL has no bare columns: each person's latest seat (as SQLite's max(create_time) picks it, ties
    /// in participants_by_person's order) by DISTINCT ON, their seats counted by a window over the person.
    /// </summary>
    private static string LatestSeatPerPersonPostgres(string cell, string seats, string person) => $"""
        SELECT DISTINCT ON ({person}) {cell},
               (count(*) OVER (PARTITION BY {person}) << 8) | (p.person_key & 255), p.stakeholder_id, p.snap_display_name, p.create_time
        FROM {seats}
        ORDER BY {person}, p.create_time DESC, p.snap_stakeholder_group, p.snap_regional_group, p.snap_country_code,
                 p.person_gender, p.person_attributes, p.snap_display_name
        """;

    /// <summary>
    /// The top seat holders with whether each is nameable to anyone: every seat of theirs in the meeting
    /// is on the published programme and they did not refuse publication (one query for all of them).
    /// </summary>
    private static List<SeatHolderCount> Nameable(DbConnection connection, string meetingId, List<(long Seats, string Name, string Id)> holders)
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

    /// <summary>The people holding the most seats, then by name and id (as SQLite orders text), at most a given number kept.</summary>
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
            : CompareAsSqlite(a.Name, b.Name) is var byName && byName != 0 ? byName < 0
            : CompareAsSqlite(a.Id, b.Id) < 0;

        /// <summary>
        /// SQLite's BINARY order (UTF-8 bytes, that is code points): as UTF-16 ordinal order except that
        /// characters beyond the BMP (surrogate pairs) come after every other.
        /// </summary>
        private static int CompareAsSqlite(string a, string b)
        {
            var length = Math.Min(a.Length, b.Length);
            for (var i = 0; i < length; i++)
            {
                if (a[i] != b[i])
                {
                    var (x, y) = (char.IsSurrogate(a[i]), char.IsSurrogate(b[i]));
                    return x == y ? a[i] - b[i] : x ? 1 : -1;
                }
            }

            return a.Length - b.Length;
        }
    }

    /// <summary>
    /// Panellists in scope with a seat or registration in an earlier meeting of the forum: each earlier
    /// meeting's seats and registrations and this scope's seats, each walked in person order and merged
    /// (a compound SELECT ordered by person), so nothing is sorted or held whatever their number.
    /// On PostgreSQL INTERSECT binds tighter than UNION (SQLite's compound operators bind alike, left to right),
    /// so the union is parenthesised there (SQLite does not accept parentheses around a compound SELECT).
    /// </summary>
    private static long Returners(DbConnection connection, SeatScope scope, bool postgres)
    {
        var earlier = connection.Query<string>(
            """
            SELECT em.id FROM meetings this JOIN meetings em ON em.forum = this.forum
            WHERE this.id = @meetingId AND this.forum <> '' AND this.start_date <> '' AND em.start_date <> '' AND em.start_date < this.start_date
            """,
            new { meetingId = scope.MeetingId }).ToList();
        if (earlier.Count == 0)
        {
            return 0;
        }

        var (seats, parameters) = Seats(scope, meetingIndex: "participants_by_person");
        var branches = new List<string>();
        for (var i = 0; i < earlier.Count; i++)
        {
            parameters.Add($"earlier{i}", earlier[i]);
            branches.Add($"SELECT stakeholder_id FROM participants INDEXED BY participants_by_person WHERE meeting_id = @earlier{i}");
            branches.Add($"SELECT stakeholder_id FROM registrations WHERE meeting_id = @earlier{i}");
        }

        var union = string.Join("\nUNION ", branches);
        return connection.ExecuteScalar<long>(
            postgres
                ? $"""
                  SELECT count(*) FROM (
                      ({union})
                      INTERSECT SELECT p.stakeholder_id FROM {seats}) AS returners
                  """
                : $"""
                  SELECT count(*) FROM (
                      {union}
                      INTERSECT SELECT p.stakeholder_id FROM {seats}
                      ORDER BY 1) AS returners
                  """,
            parameters);
    }
}
