using System.Text;
using Dapper;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>EraseStakeholder: the person's name and email leave every byte of the database, the counts of the past by group and region stay.</summary>
public sealed class ErasureTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Held = "meetings/igf-2012/sessions/ws-85";
    private const string FirstName = "Xanthippe Brightwater-Quell";
    private const string LaterName = "Xanthippe Q. Brightwater";
    private const string Email = "xanthippe.quell@erasure.example";

    private static readonly string[] FileSuffixes = ["", "-wal", "-shm"];

    private sealed record Arranged(TestRegistry Registry, Stakeholder Person, Participant Seat, Registration Registration);

    /// <summary>A person (renamed once) seated in a HELD session and registered, each created under a request id and replayed, beside one other person.</summary>
    private static async Task<Arranged> ArrangeAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        var create = new CreateStakeholderRequest
        {
            RequestId = Guid.NewGuid().ToString(),
            Stakeholder = new Stakeholder
            {
                DisplayName = FirstName, Affiliation = "Brightwater Foundation", Email = Email, Gender = Gender.Woman,
                StakeholderGroup = StakeholderGroup.Government, CountryCode = "FI", Attributes = { StakeholderAttribute.Youth },
            },
        };
        var person = await registry.Stakeholders.CreateStakeholderAsync(create);
        await registry.Stakeholders.CreateStakeholderAsync(create);
        person = await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, DisplayName = LaterName }, UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        var seat = new CreateParticipantRequest
        {
            Parent = Held, RequestId = Guid.NewGuid().ToString(), Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker },
        };
        var seated = await registry.Meetings.CreateParticipantAsync(seat);
        await registry.Meetings.CreateParticipantAsync(seat);
        var registration = await registry.Meetings.CreateRegistrationAsync(new CreateRegistrationRequest
        {
            Parent = Meeting, RequestId = Guid.NewGuid().ToString(), Registration = new Registration { Stakeholder = person.Name, Attendance = Attendance.Onsite },
        });
        var other = await registry.StakeholderAsync("Avri Doria", countryCode: "US");
        await registry.SeatAsync(Held, other.Name);
        await registry.SetStateAsync(Held, SessionState.Held);
        return new Arranged(registry, person, seated, registration);
    }

    private static Task<Stakeholder> EraseAsync(TestRegistry registry, string name, string etag = "") =>
        registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = name, Etag = etag }).ResponseAsync;

    private static bool FilesContain(TestRegistry registry, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return FileSuffixes
            .Select(suffix => registry.DatabasePath + suffix)
            .Where(File.Exists)
            .Any(path =>
            {
                using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var bytes = new MemoryStream();
                file.CopyTo(bytes);
                return bytes.ToArray().AsSpan().IndexOf(needle) >= 0;
            });
    }

    private static async Task<Dictionary<(ReportDimension, Population, string), long>> CountsAsync(TestRegistry registry)
    {
        var report = await new ReportService.ReportServiceClient(registry.Channel).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting, Options = new ReportOptions { IncludePersonalData = true },
        });
        return report.Breakdowns
            .SelectMany(b => b.Categories.Where(c => c.HasCount && c.Count > 0).Select(c => ((b.Dimension, b.Population, c.Category), c.Count)))
            .ToDictionary(x => x.Item1, x => x.Count);
    }

    // Reads the bytes of the SQLite file, its WAL and shared memory; on PostgreSQL: Erasure_leaves_the_name_in_no_live_row_of_any_table.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task The_name_and_email_are_in_no_byte_of_the_database_its_wal_or_shm_after_erasure()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        Assert.True(FilesContain(registry, LaterName) && FilesContain(registry, Email), "the arrangement must put the values in the files for this test to mean anything");

        await EraseAsync(registry, person.Name);

        foreach (var value in new[] { FirstName, LaterName, Email, "Brightwater" })
        {
            Assert.False(FilesContain(registry, value), $"'{value}' is still in the database files");
        }
    }

    /// <summary>
    /// Either engine (the PostgreSQL counterpart of the file tests): after erasure no live row of any table (stakeholders, seats,
    /// registrations, request_ids' stored replies, audit, aliases, name tokens, duplicate pairs) holds the name, its search key
    /// or the email, in any case, even of a record merged into the person under a request id beside a near-duplicate left unmerged.
    /// </summary>
    [Fact]
    public async Task Erasure_leaves_the_name_in_no_live_row_of_any_table()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        var merged = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            RequestId = Guid.NewGuid().ToString(), Stakeholder = new Stakeholder { DisplayName = "Xanthippe Quell", StakeholderGroup = StakeholderGroup.Government },
        });
        await registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = person.Name, Duplicates = { merged.Name } });
        await registry.StakeholderAsync("Xanthippe Brightwater", countryCode: "FI");
        string[] values = [FirstName, LaterName, Email, "Quell", NameKeys.Key(FirstName), NameKeys.Key(LaterName)];
        Assert.True(LiveRowsHolding(registry, LaterName).Count > 0 && LiveRowsHolding(registry, "Quell").Count > 0, "the arrangement must put the values in rows");

        await EraseAsync(registry, person.Name);

        foreach (var value in values)
        {
            var holding = LiveRowsHolding(registry, value);
            Assert.True(holding.Count == 0, $"'{value}' is still in {string.Join(", ", holding)}");
        }
    }

    /// <summary>Every table.column (text or bytes) of the registry with a row holding <paramref name="value"/>, ignoring case.</summary>
    internal static List<string> LiveRowsHolding(TestRegistry registry, string value)
    {
        using var connection = registry.OpenDatabase();
        var postgres = ParticipationRegistry.TestSupport.TestDatabases.OnPostgres;
        var columns = connection.Query<(string Table, string Column, string Type)>(postgres
            ? """
              SELECT table_name, column_name, data_type FROM information_schema.columns
              WHERE table_schema = current_schema() AND data_type IN ('text', 'bytea', 'character varying')
              """
            : "SELECT m.name, c.name, c.type FROM sqlite_master m, pragma_table_info(m.name) c WHERE m.type = 'table'").AsList();
        var needle = value.ToLowerInvariant();
        return columns
            .Where(c => connection.ExecuteScalar<long>(
                (postgres, c.Type) switch
                {
                    (true, "bytea") => $"SELECT count(*) FROM \"{c.Table}\" WHERE position(convert_to(@needle, 'UTF8') IN \"{c.Column}\") > 0 OR position(convert_to(@value, 'UTF8') IN \"{c.Column}\") > 0",
                    (true, _) => $"SELECT count(*) FROM \"{c.Table}\" WHERE strpos(lower(\"{c.Column}\"), @needle) > 0",
                    _ => $"SELECT count(*) FROM \"{c.Table}\" WHERE instr(lower(CAST(\"{c.Column}\" AS TEXT)), @needle) > 0 OR instr(CAST(\"{c.Column}\" AS BLOB), CAST(@value AS BLOB)) > 0",
                },
                new { needle, value }) > 0)
            .Select(c => $"{c.Table}.{c.Column}")
            .ToList();
    }

    [Fact]
    public async Task Erasure_keeps_group_and_region_counts_and_moves_gender_to_not_recorded()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        var before = await CountsAsync(registry);

        await EraseAsync(registry, person.Name);

        var after = await CountsAsync(registry);
        foreach (var dimension in new[] { ReportDimension.StakeholderGroup, ReportDimension.RegionalGroup })
        {
            Assert.Equal(before.Where(c => c.Key.Item1 == dimension), after.Where(c => c.Key.Item1 == dimension));
        }

        var seatsByGender = (string gender, Dictionary<(ReportDimension, Population, string), long> counts) =>
            counts.GetValueOrDefault((ReportDimension.Gender, Population.Seats, gender));
        Assert.Equal(1, seatsByGender("GENDER_WOMAN", before));
        Assert.Equal(0, seatsByGender("GENDER_WOMAN", after));
        Assert.Equal(seatsByGender("GENDER_UNSPECIFIED", before) + 1, seatsByGender("GENDER_UNSPECIFIED", after));
        Assert.Equal(
            before.GetValueOrDefault((ReportDimension.Gender, Population.Registrants, "GENDER_UNSPECIFIED")) + 1,
            after.GetValueOrDefault((ReportDimension.Gender, Population.Registrants, "GENDER_UNSPECIFIED")));
    }

    [Fact]
    public async Task The_placeholder_is_returned_and_stays_readable_with_group_region_and_country_only()
    {
        var (registry, person, seat, registration) = await ArrangeAsync();
        await using var _registry = registry;

        var placeholder = await EraseAsync(registry, person.Name, person.Etag);

        Assert.Equal(person.Name, placeholder.Name);
        Assert.Equal((StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers, "FI"), (placeholder.StakeholderGroup, placeholder.RegionalGroup, placeholder.CountryCode));
        Assert.Equal(("", "", "", "", Gender.Unspecified, 0), (placeholder.DisplayName, placeholder.Affiliation, placeholder.Organization, placeholder.Email, placeholder.Gender, placeholder.Attributes.Count));
        Assert.NotEqual(person.Etag, placeholder.Etag);
        Assert.Equal(placeholder, await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full }));
        var keptSeat = await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
        Assert.Equal(("", "", StakeholderGroup.Government, "FI"), (keptSeat.Snapshot.DisplayName, keptSeat.Snapshot.Affiliation, keptSeat.Snapshot.StakeholderGroup, keptSeat.Snapshot.CountryCode));
        var keptRegistration = await registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = registration.Name });
        Assert.Equal(("", RegionalGroup.WesternEuropeanOthers), (keptRegistration.Snapshot.DisplayName, keptRegistration.Snapshot.RegionalGroup));
    }

    [Fact]
    public async Task Erasing_an_erased_person_changes_nothing_and_is_recorded_once_per_call()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        var first = await EraseAsync(registry, person.Name);

        var second = await EraseAsync(registry, person.Name);

        Assert.Equal(first, second);
        var erasures = await registry.AuditEventsAsync($"resource = \"{person.Name}\"");
        Assert.All(
            erasures.Where(e => e.Method.EndsWith("/EraseStakeholder", StringComparison.Ordinal)),
            e => Assert.Equal("display_name,affiliation,organization,gender,attributes,email,publication_consent", string.Join(',', e.Fields)));
    }

    [Fact]
    public async Task An_erased_placeholder_cannot_be_given_a_name_again()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        var placeholder = await EraseAsync(registry, person.Name);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_ERASED", async () => await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, DisplayName = LaterName },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "display_name" } },
        }));

        Assert.Equal(placeholder, await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name }));
    }

    // Reads the bytes of the SQLite file, its WAL and shared memory; on PostgreSQL: Erasure_leaves_the_name_in_no_live_row_of_any_table.
    [Trait("Engine", "SqliteOnly")]
    [Fact]
    public async Task A_forced_delete_also_leaves_the_name_and_email_in_no_byte_of_the_files()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        Assert.True(FilesContain(registry, LaterName) && FilesContain(registry, Email), "the arrangement must put the values in the files for this test to mean anything");

        await registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = person.Name, Force = true });

        foreach (var value in new[] { FirstName, LaterName, Email, "Brightwater" })
        {
            Assert.False(FilesContain(registry, value), $"'{value}' is still in the database files after a forced delete");
        }
    }

    [Fact]
    public async Task A_stale_etag_is_aborted_and_erases_nothing()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => EraseAsync(registry, person.Name, "\"1\""));

        Assert.Equal(LaterName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name })).DisplayName);
    }

    [Fact]
    public async Task Only_an_admin_may_erase()
    {
        var (registry, person, _, _) = await ArrangeAsync();
        await using var _registry = registry;
        var editor = await registry.CreateKeyAsync(Role.Editor);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => new StakeholderService.StakeholderServiceClient(registry.ChannelFor(editor))
            .EraseStakeholderAsync(new EraseStakeholderRequest { Name = person.Name }).ResponseAsync);

        Assert.Equal(LaterName, (await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name })).DisplayName);
    }

    [Fact]
    public async Task An_unknown_person_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => EraseAsync(registry, "stakeholders/nobody"));
    }
}
