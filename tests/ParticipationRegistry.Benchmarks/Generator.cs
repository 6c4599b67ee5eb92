using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// What a generated registry holds: <paramref name="People"/> people; forum <c>igf</c> with two meetings
/// of <see cref="Generator.PanelSessions"/> six-person panels; forum <c>reports</c> with one meeting per
/// entry of <paramref name="ReportSeats"/> (panels of 50 drawn from everyone, a room of a tenth as many).
/// </summary>
public sealed record DataShape(int People, IReadOnlyList<int> ReportSeats)
{
    public string FileName => $"registry-p{People}-r{string.Join('_', ReportSeats)}-s{Migrator.LatestVersion}-g{Generator.Version}.db";
}

/// <summary>
/// Writes registries with plain SQL into a migrated file (one transaction, synchronous OFF) and keeps
/// them in a folder, so later runs reuse them. Person i has the id <see cref="PersonId"/>(i).
/// </summary>
public static class Generator
{
    public const int Version = 3;
    public const int PanelSessions = 300;
    public const int PanelSize = 6;
    public const int ReportPanel = 50;
    public const int ReportKinds = 5;
    public const string PanelMeeting = "panels-2026";

    // Panellists come from the first people, so some speak in several sessions and years.
    private const int PanelPool = 20_000;

    public static string PersonId(int i) => $"00000000-0000-7000-8000-{i:D12}";

    public static string ReportMeeting(int seats) => $"seats-{seats}";

    /// <summary>The cached file for <paramref name="shape"/> in <paramref name="folder"/>, generated first when missing.</summary>
    public static string Ensure(string folder, DataShape shape)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, shape.FileName);
        if (File.Exists(path))
        {
            Console.WriteLine($"data: reusing {path}");
            return path;
        }

        var partial = path + ".partial";
        File.Delete(partial);
        var clock = Stopwatch.StartNew();
        Generate(partial, shape);
        SqliteConnection.ClearAllPools();
        File.Move(partial, path);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"data: generated {path} in {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(path).Length / 1024 / 1024} MiB)"));
        return path;
    }

    private static void Generate(string path, DataShape shape)
    {
        // Leaving WAL needs the only connection to the file: disposing the database closes the migrator's.
        using (var database = new Database(path))
        {
            Migrator.Migrate(database);
        }

        using var connection = new SqliteConnection($"Data Source={path};Foreign Keys=False;Pooling=False");
        connection.Open();
        // No journal while generating (a failed generation leaves only the .partial file); WAL again after.
        Execute(connection, null, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -1500000; PRAGMA temp_store = MEMORY;");
        var clock = Stopwatch.StartNew();
        var random = new Random(2012);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        using (var transaction = connection.BeginTransaction())
        {
            var people = AddPeople(connection, transaction, shape.People, random, now);
            Console.WriteLine($"data: {shape.People:N0} people in {clock.Elapsed.TotalSeconds:F0} s");
            // The rows above bypass the server's writes: their duplicate candidates are stored as migration 0018 stores them.
            ParticipationRegistry.Server.Stakeholders.Duplicates.DuplicatePairs.Backfill(connection, transaction);
            Console.WriteLine($"data: duplicate candidates stored at {clock.Elapsed.TotalSeconds:F0} s");
            var seats = new Seats(connection, transaction, people, now);
            Execute(connection, transaction, """
                INSERT INTO forums (id, display_name, kind, create_time, update_time, version) VALUES
                ('igf', 'Internet Governance Forum', 1, $now, $now, 1),
                ('reports', 'Benchmark forum of large meetings', 6, $now, $now, 1)
                """, ("$now", now));
            foreach (var (meeting, year) in new[] { ("panels-2025", 2025), (PanelMeeting, 2026) })
            {
                AddMeeting(connection, transaction, meeting, "forums/igf", year, now);
                for (var s = 0; s < PanelSessions; s++)
                {
                    var start = new DateTime(year, 6, 22, 9, 0, 0, DateTimeKind.Utc).AddHours(s % 40 / 4).AddDays(s / 40);
                    var session = $"s{s:D3}";
                    seats.AddSession(meeting, session, kind: 1, state: 3, start, start.AddMinutes(90));
                    var panel = Distinct(random, PanelSize, Math.Min(shape.People, PanelPool));
                    for (var p = 0; p < panel.Length; p++)
                    {
                        seats.AddSeat(meeting, session, panel[p], role: p == 0 ? 2 : 1, confirmation: p % 3 == 2 ? 2 : 3);
                    }
                }
            }

            for (var m = 0; m < shape.ReportSeats.Count; m++)
            {
                var total = shape.ReportSeats[m];
                var meeting = ReportMeeting(total);
                AddMeeting(connection, transaction, meeting, "forums/reports", 2020 + m, now);
                foreach (var person in Distinct(random, Math.Min(total / 10, shape.People), shape.People))
                {
                    seats.AddRegistration(meeting, person, attendance: random.Next(3) == 0 ? 2 : 1);
                }

                for (var s = 0; s * ReportPanel < total; s++)
                {
                    var session = $"b{s:D5}";
                    seats.AddSession(meeting, session, kind: 1 + (s % ReportKinds), state: 2, null, null);
                    foreach (var person in Distinct(random, Math.Min(ReportPanel, total - s * ReportPanel), shape.People))
                    {
                        seats.AddSeat(meeting, session, person, role: 1, confirmation: 3);
                    }
                }

                Console.WriteLine($"data: meeting of {total:N0} seats at {clock.Elapsed.TotalSeconds:F0} s");
            }

            transaction.Commit();
        }

        // No ANALYZE: the server never runs it, so its queries are planned here as on a real registry.
        Execute(connection, null, "PRAGMA journal_mode = WAL;");
    }

    private static People AddPeople(SqliteConnection connection, SqliteTransaction transaction, int count, Random random, string now)
    {
        var countries = CountryCatalog.LoadEmbedded().All.ToList();
        var people = new People(count);
        // The search keys the server writes with every stakeholder (migrations 0017 and 0019), written here alike.
        using var insert = Prepare(connection, transaction, """
            INSERT INTO stakeholders (id, display_name, stakeholder_group, country_code, regional_group, gender, attributes, record_key, create_time, update_time,
                                      name_key, sorted_name_key, block_first, block_last)
            VALUES ($id, $name, $group, $country, $region, $gender, $attributes, $key, $now, $now, $nameKey, $sorted, $first, $last)
            """, "$id", "$name", "$group", "$country", "$region", "$gender", "$attributes", "$key", "$now", "$nameKey", "$sorted", "$first", "$last");
        using var token = Prepare(connection, transaction, """
            INSERT INTO stakeholder_name_tokens (stakeholder_id, kind, position, token, name_key) VALUES ($id, 0, $position, $token, $nameKey)
            """, "$id", "$position", "$token", "$nameKey");
        for (var i = 0; i < count; i++)
        {
            // A planted duplicate: every hundredth person is the one before, in the same country, with two letters swapped.
            var country = i % 100 == 99 ? countries.First(c => c.Alpha2 == people.Country[i - 1]) : countries[random.Next(countries.Count)];
            var g = random.Next(100);
            people.Group[i] = random.Next(6);
            people.Country[i] = country.Alpha2;
            people.Region[i] = (int)country.Region;
            people.Gender[i] = g < 45 ? 1 : g < 95 ? 2 : g < 97 ? 3 : g < 99 ? 5 : 0;
            people.Attributes[i] = random.Next(10) == 0 ? 1L << 1 : 0L;
            people.Key[i] = random.Next(256);
            var name = Name(i);
            var keys = SearchKeys.Of(name, "");
            Run(insert, PersonId(i), name, people.Group[i], people.Country[i], people.Region[i], people.Gender[i], people.Attributes[i], people.Key[i], now,
                keys.NameKey, keys.SortedNameKey, keys.BlockFirst, keys.BlockLast);
            for (var w = 0; w < keys.LaterNameWords.Count; w++)
            {
                Run(token, PersonId(i), w + 1, keys.LaterNameWords[w], keys.NameKey);
            }
        }

        return people;
    }

    private static readonly string[] Syllables = ["ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zu", "ha", "di", "fe", "go", "ju", "bé", "ri", "an", "el", "ös", "ut"];

    /// <summary>
    /// A made-up name, distinct per person but for the planted duplicates: a two-syllable first name (400 of them) and a
    /// three-syllable last name (8,000), some with diacritics; person 100k + 99 is person 100k + 98 with two letters swapped.
    /// </summary>
    public static string Name(int i)
    {
        if (i % 100 == 99)
        {
            var original = Name(i - 1);
            return original[..^2] + original[^1] + original[^2];
        }

        static string Word(int n, int syllables)
        {
            var text = "";
            for (var s = 0; s < syllables; s++, n /= Syllables.Length)
            {
                text += Syllables[n % Syllables.Length];
            }

            return char.ToUpperInvariant(text[0]) + text[1..];
        }

        return $"{Word(i % 400, 2)} {Word(i / 400, 3)}";
    }

    private static void AddMeeting(SqliteConnection connection, SqliteTransaction transaction, string id, string forum, int year, string now) =>
        Execute(connection, transaction, """
            INSERT INTO meetings (id, display_name, forum, start_date, end_date, create_time, update_time)
            VALUES ($id, $id, $forum, $start, $end, $now, $now)
            """, ("$id", id), ("$forum", forum), ("$start", $"{year}-06-22"), ("$end", $"{year}-06-26"), ("$now", now));

    private static int[] Distinct(Random random, int count, int from)
    {
        var chosen = new HashSet<int>();
        while (chosen.Count < count)
        {
            chosen.Add(random.Next(from));
        }

        return [.. chosen];
    }

    internal static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    internal static void Run(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}

/// <summary>Each generated person's facts, by index, for the copies seats and registrations carry.</summary>
internal sealed class People(int count)
{
    public int[] Group { get; } = new int[count];
    public string[] Country { get; } = new string[count];
    public int[] Region { get; } = new int[count];
    public int[] Gender { get; } = new int[count];
    public long[] Attributes { get; } = new long[count];
    public int[] Key { get; } = new int[count];
}

/// <summary>Prepared inserts of sessions, seats and registrations, each copying its person as the stores do.</summary>
internal sealed class Seats(SqliteConnection connection, SqliteTransaction transaction, People people, string now)
{
    private readonly SqliteCommand session = Generator.Prepare(connection, transaction, """
        INSERT INTO sessions (meeting_id, id, display_name, kind, state, start_time, end_time, create_time, update_time)
        VALUES ($meeting, $id, $id, $kind, $state, $start, $end, $now, $now)
        """, "$meeting", "$id", "$kind", "$state", "$start", "$end", "$now");

    private readonly SqliteCommand seat = Generator.Prepare(connection, transaction, """
        INSERT INTO participants (meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance,
            snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id,
            create_time, update_time, person_gender, person_attributes, person_key)
        VALUES ($meeting, $session, $id, $person, $role, $confirmation, 1, $name, $group, $region, $country, '', NULL, $now, $now, $gender, $attributes, $key)
        """, "$meeting", "$session", "$id", "$person", "$role", "$confirmation", "$name", "$group", "$region", "$country", "$now", "$gender", "$attributes", "$key");

    private readonly SqliteCommand registration = Generator.Prepare(connection, transaction, """
        INSERT INTO registrations (meeting_id, id, stakeholder_id, attendance, snap_display_name, snap_stakeholder_group, snap_regional_group,
            snap_country_code, snap_affiliation, snap_organization_id, create_time, update_time, person_gender, person_attributes, person_key)
        VALUES ($meeting, $id, $person, $attendance, $name, $group, $region, $country, '', NULL, $now, $now, $gender, $attributes, $key)
        """, "$meeting", "$id", "$person", "$attendance", "$name", "$group", "$region", "$country", "$now", "$gender", "$attributes", "$key");

    private static string Time(DateTime? time) =>
        time?.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) ?? "";

    public void AddSession(string meeting, string id, int kind, int state, DateTime? start, DateTime? end) =>
        Generator.Run(session, meeting, id, kind, state, Time(start), Time(end), now);

    public void AddSeat(string meeting, string sessionId, int person, int role, int confirmation) =>
        Generator.Run(seat, meeting, sessionId, Guid.CreateVersion7().ToString("D"), Generator.PersonId(person), role, confirmation,
            Generator.Name(person), people.Group[person], people.Region[person], people.Country[person], now,
            people.Gender[person], people.Attributes[person], people.Key[person]);

    public void AddRegistration(string meeting, int person, int attendance) =>
        Generator.Run(registration, meeting, Guid.CreateVersion7().ToString("D"), Generator.PersonId(person), attendance,
            Generator.Name(person), people.Group[person], people.Region[person], people.Country[person], now,
            people.Gender[person], people.Attributes[person], people.Key[person]);
}
