using System.Diagnostics;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

// A registry of N people (default 1,000,000) with two IGF meetings of 300 six-person panels each,
// served by the real server over real gRPC on loopback. Prints timings; decides nothing.
// Options: --people N (default 1,000,000); --database PATH keeps the generated file there and
// reuses it on the next run (generation takes minutes at a million); --only TEXT runs only the
// measurements whose name contains TEXT.
string Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() ?? "";
var people = Option("--people") is { Length: > 0 } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1_000_000;
var keep = Option("--database").Length > 0;
var only = Option("--only");
var folder = keep ? Path.GetDirectoryName(Path.GetFullPath(Option("--database")))! : Directory.CreateTempSubdirectory("registry-bench-").FullName;
var databasePath = keep ? Path.GetFullPath(Option("--database")) : Path.Combine(folder, "bench.db");
Console.WriteLine($"ParticipationRegistry benchmark: {people:N0} people, 2 meetings x {SessionsPerMeeting} sessions x {PanelSize} seats, meetings of {BigSessions * BigPanel:N0} and {BigSessions / 4 * BigPanel:N0} seats with {BigRoom:N0} and {BigRoom / 4:N0} registrations");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; database {databasePath}");

if (!File.Exists(databasePath))
{
    var clock = Stopwatch.StartNew();
    Generate(databasePath, people);
    Console.WriteLine($"generate: {clock.Elapsed.TotalSeconds:F1} s ({new FileInfo(databasePath).Length / 1024 / 1024} MiB)");
}

// Every call as the bootstrap admin, unlimited: the benchmark measures the server, not its rate limit.
var adminKey = ApiKeySecrets.New();
var app = RegistryApp.Build(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", databasePath, Demo: false, adminKey, RateLimit: 0));
await app.StartAsync();
var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
using var channel = GrpcChannel.ForAddress(endpoints.GrpcUrl, new GrpcChannelOptions
{
    Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
    {
        metadata.Add("authorization", $"Bearer {adminKey}");
        return Task.CompletedTask;
    })),
    UnsafeUseInsecureChannelCallCredentials = true,
});
var balance = new BalanceService.BalanceServiceClient(channel);
var stakeholders = new StakeholderService.StakeholderServiceClient(channel);

string SessionName(int i) => $"meetings/bench-2026/sessions/s{i:D3}";

await Measure("CheckPanelBalance, stored 6-person panel, multistakeholder-balance", 300, async i =>
    await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = SessionName(i % SessionsPerMeeting) }));

await Measure("CheckPanelBalance, stored panel, igf-2017-diversity (caps, first-timers)", 300, async i =>
    await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = SessionName(i % SessionsPerMeeting), Policy = "policies/igf-2017-diversity" }));

var suggestionCounts = new List<int>();
await Measure("SuggestPanelists, page of 10, multistakeholder-balance", 60, async i =>
{
    var response = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = SessionName(i % SessionsPerMeeting), PageSize = 10 });
    suggestionCounts.Add(response.Suggestions.Count);
});
if (suggestionCounts.Count > 0)
{
    Console.WriteLine($"  suggestions per page: min {suggestionCounts.Min()}, max {suggestionCounts.Max()}");
}

await Measure("SuggestPanelists, second page (page_token)", 30, async i =>
{
    var first = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = SessionName(i), PageSize = 10 });
    if (first.NextPageToken.Length > 0)
    {
        await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = SessionName(i), PageSize = 10, PageToken = first.NextPageToken });
    }
});

await Measure($"ListSessionBalances, all {SessionsPerMeeting} sessions of a meeting", 10, async _ =>
    await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/bench-2026", PageSize = 1000 }));

var reports = new ReportService.ReportServiceClient(channel);
foreach (var (meeting, seats) in new[] { ("bench-2026", SessionsPerMeeting * PanelSize), ("bench-quarter", BigSessions / 4 * BigPanel), ("bench-big", BigSessions * BigPanel) })
{
    long allocated = 0;
    await Measure($"GetMeetingDiversity, {seats:N0} seats, suppressed, group x gender cross-tab", 20, async _ =>
    {
        var before = GC.GetTotalAllocatedBytes(precise: false);
        await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = $"meetings/{meeting}",
            Options = new ReportOptions { CrossTabs = { new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender } } },
        });
        allocated = GC.GetTotalAllocatedBytes(precise: false) - before;
    });
    if (allocated > 0)
    {
        Console.WriteLine($"  allocated by the last call (client and server): {allocated / 1024:N0} KiB");
    }
}

var bigSeats = BigSessions * BigPanel;
await Measure($"GetMeetingDiversity, {bigSeats:N0} seats, restricted to workshops", 10, async _ =>
    await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/bench-big", Kinds = { SessionKind.Workshop } }));

await Measure($"GetMeetingDiversity, {bigSeats:N0} seats, igf-2017-diversity (reads people's other seats)", 10, async _ =>
    await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/bench-big", Options = new ReportOptions { Policy = "policies/igf-2017-diversity" } }));

using var http = new HttpClient { BaseAddress = new Uri(endpoints.HttpUrl) };
http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", adminKey);
await Measure($"HTML report of {bigSeats:N0} seats (whole meeting, {BigSessionKinds} kinds, the forum's trend)", 5, async _ =>
    (await http.GetAsync(new Uri("/reports/meetings/bench-big", UriKind.Relative))).EnsureSuccessStatusCode());

var token = "";
await Measure("ListStakeholders, 100 consecutive pages of 100 (keyset)", 100, async _ =>
{
    var page = await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100, PageToken = token });
    token = page.NextPageToken;
});

await Measure("ListStakeholders, filter regional_group AND stakeholder_group, page of 50", 100, async _ =>
    await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest
    {
        Filter = "regional_group = REGIONAL_GROUP_AFRICAN AND stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY",
    }));

await app.StopAsync();
SqliteConnection.ClearAllPools();
if (!keep)
{
    Directory.Delete(folder, recursive: true);
}

return;

async Task Measure(string name, int runs, Func<int, Task> call)
{
    if (!name.Contains(only, StringComparison.OrdinalIgnoreCase))
    {
        return;
    }

    // Warm up past the JIT's first tier: the server is long-running.
    for (var i = 0; i < 3; i++)
    {
        await call(i);
    }

    var times = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        await call(i);
        times.Add(watch.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{name}: {runs} calls, p50 {times[runs / 2]:F2} ms, p95 {times[(int)(runs * 0.95)]:F2} ms, max {times[^1]:F2} ms"));
}

static void Generate(string path, int people)
{
    Migrator.Migrate(new Database(path));
    var countries = CountryCatalog.LoadEmbedded().All.ToList();
    var random = new Random(2012);
    using var connection = new SqliteConnection($"Data Source={path};Foreign Keys=True");
    connection.Open();
    using (var pragma = connection.CreateCommand())
    {
        pragma.CommandText = "PRAGMA synchronous = OFF;";
        pragma.ExecuteNonQuery();
    }

    using var transaction = connection.BeginTransaction();
    var now = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
    var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = """
        INSERT INTO stakeholders (id, display_name, stakeholder_group, country_code, regional_group, gender, attributes, create_time, update_time)
        VALUES ($id, $name, $group, $country, $region, $gender, $attributes, $now, $now)
        """;
    var parameters = StakeholderParameters.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
    insert.Parameters.AddWithValue("$now", now);
    var ids = new string[people];
    for (var i = 0; i < people; i++)
    {
        var country = countries[random.Next(countries.Count)];
        ids[i] = Guid.CreateVersion7().ToString("D");
        parameters[0].Value = ids[i];
        parameters[1].Value = $"Person {i:D7}";
        parameters[2].Value = random.Next(6);
        parameters[3].Value = country.Alpha2;
        parameters[4].Value = (int)country.Region;
        var g = random.Next(100);
        parameters[5].Value = g < 45 ? 1 : g < 95 ? 2 : g < 97 ? 3 : g < 99 ? 5 : 0;
        parameters[6].Value = random.Next(10) == 0 ? 1L << 1 : 0L;
        insert.ExecuteNonQuery();
    }

    var meeting = connection.CreateCommand();
    meeting.Transaction = transaction;
    meeting.CommandText = """
        INSERT INTO meetings (id, display_name, forum, start_date, end_date, create_time, update_time) VALUES
        ('bench-2025', 'IGF 2025', 'IGF', '2025-06-23', '2025-06-27', $now, $now),
        ('bench-2026', 'IGF 2026', 'IGF', '2026-06-22', '2026-06-26', $now, $now)
        """;
    meeting.Parameters.AddWithValue("$now", now);
    meeting.ExecuteNonQuery();

    var session = connection.CreateCommand();
    session.Transaction = transaction;
    session.CommandText = """
        INSERT INTO sessions (meeting_id, id, display_name, kind, state, start_time, end_time, create_time, update_time)
        VALUES ($meeting, $id, $id, $kind, 3, $start, $end, $now, $now)
        """;
    var seat = connection.CreateCommand();
    seat.Transaction = transaction;
    seat.CommandText = """
        INSERT INTO participants (meeting_id, session_id, id, stakeholder_id, role, confirmation, attendance,
            snap_display_name, snap_stakeholder_group, snap_regional_group, snap_country_code, snap_affiliation, snap_organization_id,
            create_time, update_time, person_gender, person_attributes)
        SELECT $meeting, $session, $id, s.id, $role, $confirmation, 1, s.display_name, s.stakeholder_group, s.regional_group, s.country_code, '', NULL, $now, $now,
               s.gender, s.attributes
        FROM stakeholders s WHERE s.id = $person
        """;
    void AddSeat(string meetingId, string sessionId, string personId, int role, int confirmation)
    {
        seat.Parameters.Clear();
        seat.Parameters.AddWithValue("$meeting", meetingId);
        seat.Parameters.AddWithValue("$session", sessionId);
        seat.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString("D"));
        seat.Parameters.AddWithValue("$person", personId);
        seat.Parameters.AddWithValue("$role", role);
        seat.Parameters.AddWithValue("$confirmation", confirmation);
        seat.Parameters.AddWithValue("$now", now);
        seat.ExecuteNonQuery();
    }

    // Panellists are drawn from the first 20,000 people so some speak in several sessions and years.
    var pool = Math.Min(people, 20_000);
    foreach (var (meetingId, day) in new[] { ("bench-2025", "2025-06-23"), ("bench-2026", "2026-06-22") })
    {
        for (var s = 0; s < SessionsPerMeeting; s++)
        {
            var start = DateTime.Parse(day, CultureInfo.InvariantCulture).AddHours(9 + (s % 40 / 4)).AddDays(s / 40);
            session.Parameters.Clear();
            session.Parameters.AddWithValue("$meeting", meetingId);
            session.Parameters.AddWithValue("$id", $"s{s:D3}");
            session.Parameters.AddWithValue("$kind", 1);
            session.Parameters.AddWithValue("$start", start.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            session.Parameters.AddWithValue("$end", start.AddMinutes(90).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
            session.Parameters.AddWithValue("$now", now);
            session.ExecuteNonQuery();
            var panel = new HashSet<int>();
            while (panel.Count < PanelSize)
            {
                panel.Add(random.Next(pool));
            }

            var position = 0;
            foreach (var person in panel)
            {
                AddSeat(meetingId, $"s{s:D3}", ids[person], role: position == 0 ? 2 : 1, confirmation: position % 3 == 2 ? 2 : 3);
                position++;
            }
        }
    }

    // Large meetings for reports, to see how a report grows with seats: the forum's third, of
    // BigSessions panels of BigPanel seats drawn from everyone in sessions of five kinds, with a room
    // of BigRoom registrations, onsite and remote; and a quarter of it in a forum of its own.
    var registration = connection.CreateCommand();
    registration.Transaction = transaction;
    registration.CommandText = """
        INSERT INTO registrations (meeting_id, id, stakeholder_id, attendance, snap_display_name, snap_stakeholder_group, snap_regional_group,
            snap_country_code, snap_affiliation, snap_organization_id, create_time, update_time, person_gender, person_attributes)
        SELECT $meeting, $id, s.id, $attendance, s.display_name, s.stakeholder_group, s.regional_group, s.country_code, '', NULL, $now, $now,
               s.gender, s.attributes
        FROM stakeholders s WHERE s.id = $person
        """;
    foreach (var (meetingId, forum, sessions, room) in new[] { ("bench-big", "IGF", BigSessions, BigRoom), ("bench-quarter", "QUARTER", BigSessions / 4, BigRoom / 4) })
    {
        meeting.CommandText = "INSERT INTO meetings (id, display_name, forum, start_date, end_date, create_time, update_time) VALUES ($id, $id, $forum, '2027-06-21', '2027-06-25', $now, $now)";
        meeting.Parameters.Clear();
        meeting.Parameters.AddWithValue("$id", meetingId);
        meeting.Parameters.AddWithValue("$forum", forum);
        meeting.Parameters.AddWithValue("$now", now);
        meeting.ExecuteNonQuery();
        var registered = new HashSet<int>();
        while (registered.Count < Math.Min(room, people))
        {
            var person = random.Next(people);
            if (registered.Add(person))
            {
                registration.Parameters.Clear();
                registration.Parameters.AddWithValue("$meeting", meetingId);
                registration.Parameters.AddWithValue("$id", Guid.CreateVersion7().ToString("D"));
                registration.Parameters.AddWithValue("$person", ids[person]);
                registration.Parameters.AddWithValue("$attendance", random.Next(3) == 0 ? 2 : 1);
                registration.Parameters.AddWithValue("$now", now);
                registration.ExecuteNonQuery();
            }
        }

        for (var s = 0; s < sessions; s++)
        {
            session.Parameters.Clear();
            session.Parameters.AddWithValue("$meeting", meetingId);
            session.Parameters.AddWithValue("$id", $"b{s:D4}");
            session.Parameters.AddWithValue("$kind", 1 + (s % BigSessionKinds));
            session.Parameters.AddWithValue("$start", "");
            session.Parameters.AddWithValue("$end", "");
            session.Parameters.AddWithValue("$now", now);
            session.ExecuteNonQuery();
            var panel = new HashSet<int>();
            while (panel.Count < BigPanel)
            {
                panel.Add(random.Next(people));
            }

            foreach (var person in panel)
            {
                AddSeat(meetingId, $"b{s:D4}", ids[person], role: 1, confirmation: 3);
            }
        }
    }

    transaction.Commit();
    using var analyze = connection.CreateCommand();
    analyze.CommandText = "ANALYZE;";
    analyze.ExecuteNonQuery();
}

internal static partial class Program
{
    private const int SessionsPerMeeting = 300;
    private const int PanelSize = 6;
    private const int BigSessions = 2_000;
    private const int BigPanel = 50;
    private const int BigRoom = 30_000;
    private const int BigSessionKinds = 5;

    private static readonly string[] StakeholderParameters = ["$id", "$name", "$group", "$country", "$region", "$gender", "$attributes"];
}
