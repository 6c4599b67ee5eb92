using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Audit.AuditArrange;

namespace ParticipationRegistry.Tests.Audit;

/// <summary>ListAuditEvents: filters, time window, keyset pages oldest first; reads of personal data; retention.</summary>
public sealed class AuditListTests
{
    private static AuditService.AuditServiceClient Client(TestRegistry registry) => new(registry.Channel);

    [Fact]
    public async Task Filters_by_resource_key_and_action_and_pages_oldest_first()
    {
        await using var registry = await TestRegistry.StartAsync();
        var admin = await registry.AdminKeyNameAsync();
        var editor = await registry.KeyAsync(Role.Editor);
        var stakeholders = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(editor.Secret));
        var people = new List<Stakeholder>();
        for (var i = 0; i < 5; i++)
        {
            people.Add(await stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = $"Person {i}" } }));
        }

        await stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = people[2].Name, View = StakeholderView.Full });

        var all = await registry.AuditEventsAsync();
        Assert.Equal(all.Select(e => e.Name), (await registry.AuditEventsAsync(pageSize: 2)).Select(e => e.Name));
        Assert.Equal(all.OrderBy(e => e.Time).ThenBy(e => e.Name, StringComparer.Ordinal).Select(e => e.Name), all.Select(e => e.Name));
        Assert.Equal(
            [MethodOf(StakeholderService.Descriptor, "CreateStakeholder"), MethodOf(StakeholderService.Descriptor, "GetStakeholder")],
            (await registry.AuditEventsAsync($"resource = \"{people[2].Name}\"")).Select(e => e.Method));
        Assert.Equal(6, (await registry.AuditEventsAsync($"api_key = \"{editor.Name}\"")).Count);
        Assert.Equal(editor.Name, Assert.Single(await registry.AuditEventsAsync($"api_key = \"{admin}\" AND action = AUDIT_ACTION_WRITE")).Resource);
        var read = Assert.Single(await registry.AuditEventsAsync("action = AUDIT_ACTION_PERSONAL_DATA_READ"));
        Assert.Equal((editor.Name, people[2].Name), (read.ApiKey, read.Resource));

        var window = await Client(registry).ListAuditEventsAsync(new ListAuditEventsRequest { StartTime = all[2].Time, EndTime = all[4].Time });
        Assert.Equal(all.Skip(2).Take(2).Select(e => e.Name), window.AuditEvents.Select(e => e.Name));
    }

    [Fact]
    public async Task Bad_filters_windows_and_tokens_are_invalid_arguments()
    {
        await using var registry = await TestRegistry.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await registry.StakeholderAsync($"Person {i}");
        }

        var client = Client(registry);
        await RpcAssert.InvalidFieldAsync("filter", () => client.ListAuditEventsAsync(new ListAuditEventsRequest { Filter = "method = x" }).ResponseAsync, "INVALID_FILTER");
        await RpcAssert.InvalidFieldAsync("filter", () => client.ListAuditEventsAsync(new ListAuditEventsRequest { Filter = "action = AUDIT_ACTION_DELETE" }).ResponseAsync, "INVALID_FILTER");
        await RpcAssert.InvalidFieldAsync("filter", () => client.ListAuditEventsAsync(new ListAuditEventsRequest { Filter = "api_key = editor" }).ResponseAsync, "INVALID_FILTER");
        var now = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        await RpcAssert.InvalidFieldAsync("end_time", () => client.ListAuditEventsAsync(new ListAuditEventsRequest { StartTime = now, EndTime = now }).ResponseAsync);
        var first = await client.ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1 });
        await RpcAssert.InvalidFieldAsync("page_token", () => client.ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1, PageToken = first.NextPageToken, StartTime = now }).ResponseAsync, "INVALID_PAGE_TOKEN");
    }

    [Fact]
    public async Task Reads_of_personal_data_are_recorded_and_other_reads_are_not()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var person = await registry.StakeholderAsync();
        var reports = new ReportService.ReportServiceClient(registry.Channel);
        var before = (await registry.AuditEventsAsync()).Count;

        await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name });
        await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());
        await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting.Name });
        Assert.Equal(before, (await registry.AuditEventsAsync()).Count);

        await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full });
        await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full });
        await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting.Name, Options = new ReportOptions { IncludePersonalData = true } });
        (await registry.HttpClientFor(TestRegistry.AdminSecret).GetAsync($"/v1/{meeting.Name}:diversity?options.include_personal_data=true")).EnsureSuccessStatusCode();
        (await registry.HttpClientFor(TestRegistry.AdminSecret).GetAsync($"/reports/{meeting.Name}.csv?include_personal_data=true")).EnsureSuccessStatusCode();
        await registry.HttpClientFor(TestRegistry.AdminSecret).GetAsync($"/reports/{meeting.Name}.csv");

        var reads = await registry.AuditEventsAsync("action = AUDIT_ACTION_PERSONAL_DATA_READ");
        Assert.Equal(
            [
                (MethodOf(StakeholderService.Descriptor, "GetStakeholder"), person.Name, "gender,attributes,email"),
                (MethodOf(StakeholderService.Descriptor, "ListStakeholders"), "stakeholders", "gender,attributes,email"),
                (MethodOf(ReportService.Descriptor, "GetMeetingDiversity"), meeting.Name, "include_personal_data"),
                (MethodOf(ReportService.Descriptor, "GetMeetingDiversity"), meeting.Name, "include_personal_data"),
                ("GET /reports/meetings/{meeting}.csv", meeting.Name, "include_personal_data"),
            ],
            reads.Select(e => (e.Method, e.Resource, string.Join(',', e.Fields))).ToList());
    }

    [Fact]
    public async Task Maintenance_removes_events_past_the_retention_and_keeps_the_rest()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.StakeholderAsync("Old");
        await registry.StakeholderAsync("Recent");
        var events = await registry.AuditEventsAsync("action = AUDIT_ACTION_WRITE");
        using (var connection = registry.OpenDatabase())
        {
            // The times are computed here: SQLite's strftime and PostgreSQL's to_char differ.
            foreach (var (id, days) in new[] { (events[^2].Name["auditEvents/".Length..], 366), (events[^1].Name["auditEvents/".Length..], 364) })
            {
                using var age = connection.CreateCommand();
                age.CommandText = "UPDATE audit_events SET time = @time WHERE id = @id";
                var time = age.CreateParameter();
                time.ParameterName = "time";
                time.Value = DateTimeOffset.UtcNow.AddDays(-days).ToString("yyyy-MM-dd'T'HH:mm:ss'.0000000Z'", System.Globalization.CultureInfo.InvariantCulture);
                var key = age.CreateParameter();
                key.ParameterName = "id";
                key.Value = id;
                age.Parameters.Add(time);
                age.Parameters.Add(key);
                Assert.Equal(1, age.ExecuteNonQuery());
            }
        }

        await registry.App.Services.GetRequiredService<DatabaseMaintenance>().PurgeAsync();

        var kept = (await registry.AuditEventsAsync()).Select(e => e.Name).ToList();
        Assert.DoesNotContain(events[^2].Name, kept);
        Assert.Contains(events[^1].Name, kept);
    }
}
