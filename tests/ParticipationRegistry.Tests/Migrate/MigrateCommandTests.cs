using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.TestSupport;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Migrate;

/// <summary>
/// Issue #17's move: a SQLite registry holding the seed workshop and a generated meeting is copied by the server's
/// <c>migrate</c> command into the engine under test (PostgreSQL in the PostgreSQL pass, a second SQLite file otherwise);
/// every table's count and digest and every meeting's report agree, a server on the copy answers every report
/// byte for byte as the original did, and page tokens and keys made before the move still work.
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-migrate-").FullName;
    private readonly string admin = Server.Access.ApiKeySecrets.New();

    private string SourceFile => Path.Combine(folder, "source.db");

    private string Target => TestDatabases.For(folder, "target.db");

    [Fact]
    public async Task The_seed_and_a_generated_meeting_move_with_every_table_and_report_identical()
    {
        Dictionary<string, byte[]> before;
        string pageToken, secondPage, organizerKey;
        await using (var source = await Host.StartAsync(SourceFile, admin, demo: true))
        {
            await GenerateAsync(source.Channel);
            organizerKey = (await new KeyService.KeyServiceClient(source.Channel).CreateApiKeyAsync(new CreateApiKeyRequest
            {
                ApiKey = new ApiKey { Role = Role.Organizer, DisplayName = "organiser", Meetings = { "meetings/gen" } },
            })).Secret;
            before = await ReportsAsync(source.Channel);
            var stakeholders = new StakeholderService.StakeholderServiceClient(source.Channel);
            var first = await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 7 });
            pageToken = first.NextPageToken;
            secondPage = string.Join('|', (await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 7, PageToken = pageToken })).Stakeholders.Select(s => s.ToByteString().ToBase64()));
        }

        Assert.Equal(["meetings/gen", "meetings/igf-2012"], before.Keys.Order(StringComparer.Ordinal));
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await MigrateCommand.RunAsync(DatabaseLocation.Parse($"sqlite:{SourceFile}"), DatabaseLocation.Parse(Target), checkReports: true, output, error, default);

        Assert.True(exit == 0, $"exit {exit}\n{output}\n{error}");
        var printed = output.ToString();
        Assert.DoesNotContain("DIFFERENT", printed, StringComparison.Ordinal);
        Assert.Contains("report of gen: identical", printed, StringComparison.Ordinal);
        Assert.Contains("report of igf-2012: identical", printed, StringComparison.Ordinal);
        foreach (var table in new[] { "stakeholders", "participants", "registrations", "sessions", "api_keys", "audit_events", "request_ids", "stakeholder_name_tokens" })
        {
            var line = printed.Split('\n').Single(l => l.TrimStart().StartsWith(table + " ", StringComparison.Ordinal) && l.Contains("same", StringComparison.Ordinal));
            Assert.DoesNotContain(" 0 ", line.Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        await using var moved = await Host.StartAsync(Target, admin, demo: false);
        var after = await ReportsAsync(moved.Channel);
        Assert.Equal(before.Keys.Order(StringComparer.Ordinal), after.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, report) in before)
        {
            Assert.True(report.SequenceEqual(after[name]), $"The report of {name} differs after the move.");
        }

        // The secrets moved: a page token of the old server continues on the new one, and keys still authenticate.
        var again = await new StakeholderService.StakeholderServiceClient(moved.Channel)
            .ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 7, PageToken = pageToken });
        // (Tokens are sealed with a fresh nonce each time, so the pages are compared by their people.)
        Assert.Equal(secondPage, string.Join('|', again.Stakeholders.Select(s => s.ToByteString().ToBase64())));
        var asOrganizer = moved.ChannelFor(organizerKey);
        var session = await new MeetingService.MeetingServiceClient(asOrganizer).GetSessionAsync(new GetSessionRequest { Name = "meetings/gen/sessions/s0" });
        Assert.Equal("meetings/gen/sessions/s0", session.Name);
    }

    [Fact]
    public async Task A_target_that_holds_a_registry_is_refused_and_left_as_it_was()
    {
        await using (var source = await Host.StartAsync(SourceFile, admin, demo: true))
        {
        }

        await using (var existing = await Host.StartAsync(Target, admin, demo: false))
        {
            await new StakeholderService.StakeholderServiceClient(existing.Channel).CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = "Already here", StakeholderGroup = StakeholderGroup.CivilSociety },
            });
        }

        var error = new StringWriter();
        var exit = await MigrateCommand.RunAsync(DatabaseLocation.Parse(SourceFile), DatabaseLocation.Parse(Target), checkReports: false, new StringWriter(), error, default);

        Assert.Equal(2, exit);
        // Its first non-empty table in foreign-key order: the bootstrap admin key the server stored at its first start.
        Assert.Contains("already holds registry data (table api_keys)", error.ToString(), StringComparison.Ordinal);
        await using var unchanged = await Host.StartAsync(Target, admin, demo: false);
        var people = await new StakeholderService.StakeholderServiceClient(unchanged.Channel).ListStakeholdersAsync(new ListStakeholdersRequest());
        Assert.Equal(["Already here"], people.Stakeholders.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task The_digest_sees_one_changed_value_and_is_the_same_for_the_same_rows_on_both_engines()
    {
        await using (var source = await Host.StartAsync(SourceFile, admin, demo: true))
        {
        }

        Assert.Equal(0, await MigrateCommand.RunAsync(DatabaseLocation.Parse(SourceFile), DatabaseLocation.Parse(Target), checkReports: false, new StringWriter(), new StringWriter(), default));
        using var sqlite = new SqliteConnection($"Data Source={SourceFile};Pooling=false");
        sqlite.Open();
        using var copy = TestDatabases.Open(folder, "target.db");
        var table = RegistryTables.Describe(sqlite).Single(t => t.Name == "stakeholders");
        var original = RegistryTables.Digest(sqlite, table);
        Assert.Equal(original, RegistryTables.Digest(copy, table));

        using (var change = copy.CreateCommand())
        {
            change.CommandText = "UPDATE stakeholders SET affiliation = affiliation || '.' WHERE id = (SELECT min(id) FROM stakeholders)";
            Assert.Equal(1, change.ExecuteNonQuery());
        }

        var changed = RegistryTables.Digest(copy, table);
        Assert.Equal(original.Rows, changed.Rows);
        Assert.NotEqual(original.Sha256, changed.Sha256);
    }

    [Fact]
    public async Task Bad_locations_exit_2_with_the_reason()
    {
        var error = new StringWriter();
        Assert.Equal(2, await MigrateCommand.RunAsync(
            DatabaseLocation.Parse(Path.Combine(folder, "missing.db")), DatabaseLocation.Parse(Target), checkReports: false, new StringWriter(), error, default));
        Assert.Contains("no SQLite file", error.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DatabaseLocation.Parse("postgres:///registry"));
        Assert.Throws<ArgumentException>(() => DatabaseLocation.Parse("postgres://u@h/db?no_such_setting=1"));
        Assert.Throws<ArgumentException>(() => DatabaseLocation.Parse("postgres://u@h/db?password=x"));
        // The server refuses such a --database before it opens anything (exit 2 in Program.cs): no file, no folder named "postgres:".
        var refused = Assert.Throws<ArgumentException>(() => RegistryApp.Build(new RegistryOptions("", "", "postgres://u@h/db?no_such_setting=1", false, "", 0)));
        Assert.Contains("'no such setting' is not a PostgreSQL connection setting", refused.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Environment.CurrentDirectory, "postgres:")));
        var display = DatabaseLocation.Parse("postgres://registry:s3cret@db1:5432,db2:5432/forums?sslmode=require").Display;
        Assert.DoesNotContain("s3cret", display, StringComparison.Ordinal);
        Assert.Equal("postgres://registry@db1:5432,db2:5432/forums?sslmode=require", display);
    }

    [Fact]
    public void A_uri_copied_from_libpq_or_written_with_npgsql_settings_gives_the_same_connection()
    {
        var libpq = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseLocation.Parse(
            "postgresql://registry:p%40ss@db1,db2:6432/forums?sslmode=verify-full&sslrootcert=/etc/ca.pem&target_session_attrs=read-write&connect_timeout=7&application_name=igf").Target);
        var npgsql = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseLocation.Parse(
            "postgres://registry:p%40ss@db1,db2:6432/forums?ssl_mode=VerifyFull&root_certificate=/etc/ca.pem&target_session_attributes=read-write&timeout=7&application_name=igf").Target);

        Assert.Equal(Npgsql.SslMode.VerifyFull, libpq.SslMode);
        Assert.Equal("/etc/ca.pem", libpq.RootCertificate);
        Assert.Equal("read-write", libpq.TargetSessionAttributes);
        Assert.Equal(7, libpq.Timeout);
        Assert.Equal("p@ss", libpq.Password);
        Assert.Equal("db1,db2:6432", libpq.Host);
        Assert.Equal(npgsql.ConnectionString, libpq.ConnectionString);
    }

    private static async Task GenerateAsync(GrpcChannel channel)
    {
        var meetings = new MeetingService.MeetingServiceClient(channel);
        var stakeholders = new StakeholderService.StakeholderServiceClient(channel);
        var random = new Random(17);
        string[] countries = ["KE", "SN", "BR", "FJ", "DE", "FR", "IN", "JP", "PL", "US", "AX", ""];
        await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "gen", Meeting = new Meeting { DisplayName = "Generated", Forum = "GEN" } });
        var batch = new BatchCreateStakeholdersRequest();
        for (var i = 0; i < 120; i++)
        {
            var person = new Stakeholder
            {
                DisplayName = $"Person {i:D3} Ünïcödé",
                StakeholderGroup = (StakeholderGroup)random.Next(6),
                CountryCode = countries[random.Next(countries.Length)],
                Gender = (Gender)random.Next(6),
                Email = i % 3 == 0 ? $"p{i}@example.org" : "",
                PublicationConsent = (PublicationConsent)random.Next(3),
            };
            if (random.Next(4) == 0)
            {
                person.Attributes.Add(StakeholderAttribute.Youth);
            }

            batch.Requests.Add(new CreateStakeholderRequest { Stakeholder = person });
        }

        var people = (await stakeholders.BatchCreateStakeholdersAsync(batch)).Stakeholders;
        var sessions = new BatchCreateSessionsRequest { Parent = "meetings/gen" };
        for (var s = 0; s < 30; s++)
        {
            sessions.Requests.Add(new CreateSessionRequest
            {
                Parent = "meetings/gen", SessionId = $"s{s}", Session = new Session { DisplayName = $"Session {s}", Kind = (SessionKind)(1 + random.Next(6)) },
            });
        }

        await meetings.BatchCreateSessionsAsync(sessions);
        var seats = new BatchCreateParticipantsRequest { Parent = "meetings/gen/sessions/-" };
        for (var s = 0; s < 30; s++)
        {
            foreach (var person in people.OrderBy(_ => random.Next()).Take(3 + random.Next(6)))
            {
                seats.Requests.Add(new CreateParticipantRequest
                {
                    Parent = $"meetings/gen/sessions/s{s}",
                    Participant = new Participant { Stakeholder = person.Name, Role = (ParticipantRole)(1 + random.Next(5)), Confirmation = (Confirmation)random.Next(1, 3) },
                });
            }
        }

        await meetings.BatchCreateParticipantsAsync(seats);
        var registrations = new BatchCreateRegistrationsRequest { Parent = "meetings/gen" };
        foreach (var person in people.Where(_ => random.Next(3) > 0))
        {
            registrations.Requests.Add(new CreateRegistrationRequest
            {
                Parent = "meetings/gen", Registration = new Registration { Stakeholder = person.Name, Attendance = (Attendance)random.Next(1, 3) },
            });
        }

        await meetings.BatchCreateRegistrationsAsync(registrations);
    }

    // Each meeting's report as an admin sees it (exact) and as the public does (perturbed, small cells hidden).
    private static async Task<Dictionary<string, byte[]>> ReportsAsync(GrpcChannel channel)
    {
        var reports = new ReportService.ReportServiceClient(channel);
        var names = (await new MeetingService.MeetingServiceClient(channel).ListMeetingsAsync(new ListMeetingsRequest())).Meetings.Select(m => m.Name);
        var result = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var full = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = name, Options = new ReportOptions { IncludePersonalData = true } });
            var published = await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = name });
            result[name] = [.. full.ToByteArray(), .. published.ToByteArray()];
        }

        return result;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        TestDatabases.Drop(folder, "target.db");
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The server in process on a given --database, called with the admin key.</summary>
    private sealed class Host(WebApplication app, string admin) : IAsyncDisposable
    {
        private readonly List<GrpcChannel> channels = [];

        public GrpcChannel Channel => ChannelFor(admin);

        public static async Task<Host> StartAsync(string database, string admin, bool demo)
        {
            var app = RegistryApp.Build(new RegistryOptions("", "", database, demo, admin, 0), builder => builder.WebHost.UseTestServer());
            await app.StartAsync();
            return new Host(app, admin);
        }

        public GrpcChannel ChannelFor(string secret)
        {
            var channel = GrpcChannel.ForAddress(app.GetTestServer().BaseAddress, new GrpcChannelOptions
            {
                HttpHandler = app.GetTestServer().CreateHandler(),
                Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
                {
                    metadata.Add("authorization", $"Bearer {secret}");
                    return Task.CompletedTask;
                })),
                UnsafeUseInsecureChannelCallCredentials = true,
            });
            channels.Add(channel);
            return channel;
        }

        public async ValueTask DisposeAsync()
        {
            channels.ForEach(c => c.Dispose());
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
