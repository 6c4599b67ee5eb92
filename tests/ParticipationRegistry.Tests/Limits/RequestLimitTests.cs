using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, Why 1 and 2: small requests that asked for unbounded work, and bad values that were
/// answered UNKNOWN, are refused with INVALID_ARGUMENT naming the field, before any work, in an
/// error small enough for any client's 8 KB header limit.
/// </summary>
public sealed class RequestLimitTests
{
    /// <summary>A gRPC error travels in headers: grpc-message plus grpc-status-details-bin (base64).</summary>
    private static void AssertFitsInHeaders(RpcException e)
    {
        var details = e.Trailers.GetValueBytes("grpc-status-details-bin") ?? [];
        var size = Uri.EscapeDataString(e.Status.Detail).Length + ((details.Length + 2) / 3 * 4);
        Assert.True(size < 6000, $"The error takes {size} bytes of headers.");
    }

    private static async Task<BadRequest> RefusedAsync(string field, Func<Task> call)
    {
        await RpcAssert.InvalidFieldAsync(field, call);
        var e = await Assert.ThrowsAsync<RpcException>(call);
        AssertFitsInHeaders(e);
        var badRequest = e.GetRpcStatus()!.GetDetail<BadRequest>()!;
        Assert.True(badRequest.FieldViolations.Count <= 21, $"{badRequest.FieldViolations.Count} violations");
        return badRequest;
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(75_000)]
    public async Task A_filter_of_many_AND_terms_is_refused_naming_filter(int terms)
    {
        await using var registry = await TestRegistry.StartAsync();
        // Short terms, so that even 75,000 of them stay under the message size limit and reach the parser.
        var filter = string.Join(" AND ", Enumerable.Repeat("gender = x", terms));

        await RefusedAsync("filter", async () => await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = filter }));
    }

    [Fact]
    public async Task A_filter_within_the_limits_still_works()
    {
        await using var registry = await TestRegistry.StartAsync();
        var filter = string.Join(" AND ", Enumerable.Repeat("stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY", 20));

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = filter });

        Assert.Empty(page.Stakeholders);
    }

    [Fact]
    public async Task Compare_meetings_with_100000_names_is_refused_on_names()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = new CompareMeetingsRequest { Names = { Enumerable.Range(0, 100_000).Select(i => $"meetings/m{i}") } };

        var badRequest = await RefusedAsync("names", async () => await new ReportService.ReportServiceClient(registry.Channel).CompareMeetingsAsync(request));

        Assert.Single(badRequest.FieldViolations);
    }

    [Fact]
    public async Task Report_lists_above_their_limits_are_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        var reports = new ReportService.ReportServiceClient(registry.Channel);

        await RefusedAsync("themes", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Themes = { Enumerable.Range(0, 33_000).Select(i => $"theme {i}") },
        }));
        await RefusedAsync("kinds", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Kinds = { Enumerable.Repeat(SessionKind.Workshop, 1_000) },
        }));
        await RefusedAsync("options.cross_tabs", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { CrossTabs = { Enumerable.Repeat(new CrossTabRequest { Rows = ReportDimension.Gender, Columns = ReportDimension.StakeholderGroup }, 10_000) } },
        }));
        await RefusedAsync("options.reference_shares", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { ReferenceShares = { Enumerable.Range(0, 2_500).Select(_ => new ReferenceShare { Category = "GENDER_WOMAN", Share = 0 }) } },
        }));
    }

    [Fact]
    public async Task Reference_shares_naming_a_category_twice_or_adding_up_above_one_are_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        var reports = new ReportService.ReportServiceClient(registry.Channel);

        await RpcAssert.InvalidFieldAsync("options.reference_shares[1].category", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { ReferenceShares = { new ReferenceShare { Category = "GENDER_WOMAN", Share = 0.2 }, new ReferenceShare { Category = "GENDER_WOMAN", Share = 0.3 } } },
        }));
        await RpcAssert.InvalidFieldAsync("options.reference_shares", async () => await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m",
            Options = new ReportOptions { ReferenceShares = { new ReferenceShare { Category = "GENDER_WOMAN", Share = 0.7 }, new ReferenceShare { Category = "GENDER_MAN", Share = 0.7 } } },
        }));
    }

    [Fact]
    public async Task One_hundred_thousand_attributes_give_one_short_violation()
    {
        await using var registry = await TestRegistry.StartAsync();
        var stakeholder = new Stakeholder { DisplayName = "Many", Attributes = { Enumerable.Repeat(StakeholderAttribute.Youth, 100_000) } };

        var badRequest = await RefusedAsync("stakeholder.attributes", async () => await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = stakeholder }));

        Assert.Single(badRequest.FieldViolations);
    }

    [Fact]
    public async Task A_proposed_panel_above_its_limit_is_refused()
    {
        await using var registry = await TestRegistry.StartAsync();
        var panel = new ProposedPanel { Panelists = { Enumerable.Range(0, 5_000).Select(_ => new ProposedPanelist { Prospective = new ProspectivePanelist { DisplayName = "x" } }) } };

        await RefusedAsync("proposed_panel.panelists", async () => await new BalanceService.BalanceServiceClient(registry.Channel).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = panel }));
    }

    [Fact]
    public async Task A_7000_character_name_gives_an_error_that_fits_in_headers_and_quotes_a_prefix()
    {
        await using var registry = await TestRegistry.StartAsync();
        var name = "stakeholders/" + new string('x', 7_000);

        var e = await Assert.ThrowsAsync<RpcException>(async () => await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name }));

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        AssertFitsInHeaders(e);
        Assert.DoesNotContain(new string('x', 100), e.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_bad_items_stop_after_a_few_dozen_violations()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 500).Select(_ => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = new string('y', 3_000), CountryCode = "??" } }) },
        };

        var badRequest = await RefusedAsync("requests[0].stakeholder.display_name", async () => await registry.Stakeholders.BatchCreateStakeholdersAsync(request));

        Assert.Contains(badRequest.FieldViolations, v => v.Description.Contains("more", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2025, 13, 1)]
    [InlineData(2025, 2, 30)]
    [InlineData(0, 1, 1)]
    public async Task An_impossible_meeting_date_is_refused_with_its_path(int year, int month, int day)
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = new Meeting { DisplayName = "M", StartDate = new Google.Type.Date { Year = year, Month = month, Day = day } };

        await RpcAssert.InvalidFieldAsync("meeting.start_date", async () => await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = meeting }));
    }

    public static TheoryData<long, int> BadTimestamps => new() { { 0, 1_000_000_000 }, { 253402300800, 0 }, { 0, -1 }, { -62135596801, 0 } };

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task An_out_of_range_timestamp_is_refused_with_its_path_in_sessions_and_proposed_panels(long seconds, int nanos)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        var time = new Timestamp { Seconds = seconds, Nanos = nanos };

        await RpcAssert.InvalidFieldAsync("session.start_time", async () => await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = "meetings/m",
            Session = new Session { DisplayName = "S", Kind = SessionKind.Workshop, StartTime = time },
        }));
        await RpcAssert.InvalidFieldAsync("proposed_panel.end_time", async () => await new BalanceService.BalanceServiceClient(registry.Channel).CheckPanelBalanceAsync(new CheckPanelBalanceRequest
        {
            ProposedPanel = new ProposedPanel { EndTime = time },
        }));
        Assert.Empty((await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/m" })).Sessions);
    }

    [Fact]
    public async Task A_bad_timestamp_in_a_batch_item_or_an_update_is_refused_with_its_path()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", Session = new Session { DisplayName = "S", Kind = SessionKind.Workshop } });
        var bad = new Timestamp { Seconds = 253402300800 };

        await RpcAssert.InvalidFieldAsync("requests[1].session.end_time", async () => await registry.Meetings.BatchCreateSessionsAsync(new BatchCreateSessionsRequest
        {
            Parent = "meetings/m",
            Requests =
            {
                new CreateSessionRequest { Session = new Session { DisplayName = "A", Kind = SessionKind.Workshop } },
                new CreateSessionRequest { Session = new Session { DisplayName = "B", Kind = SessionKind.Workshop, EndTime = bad } },
            },
        }));
        await RpcAssert.InvalidFieldAsync("session.start_time", async () => await registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, DisplayName = "S", StartTime = new Timestamp { Nanos = 1_000_000_000 } },
            UpdateMask = new FieldMask { Paths = { "start_time" } },
        }));
        await RpcAssert.InvalidFieldAsync("meeting.end_date", async () => await registry.Meetings.UpdateMeetingAsync(new UpdateMeetingRequest
        {
            Meeting = new Meeting { Name = "meetings/m", EndDate = new Google.Type.Date { Year = 2025, Month = 2, Day = 29 } },
            UpdateMask = new FieldMask { Paths = { "end_date" } },
        }));

        Assert.Single((await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/m" })).Sessions);
    }

    [Fact]
    public async Task Limits_past_twenty_violations_are_counted_not_listed()
    {
        await using var registry = await TestRegistry.StartAsync();
        var request = new BatchCreateStakeholdersRequest
        {
            Requests = { Enumerable.Range(0, 300).Select(_ => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Bell\u0007" } }) },
        };

        var badRequest = await RefusedAsync("requests[0].stakeholder.display_name", async () => await registry.Stakeholders.BatchCreateStakeholdersAsync(request));

        Assert.Equal(21, badRequest.FieldViolations.Count);
        Assert.Contains("280 more", badRequest.FieldViolations[^1].Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ann\u0000Smith")]
    [InlineData("\u001b[31mRed\u001b[0m")]
    [InlineData("Two\nlines")]
    public async Task Control_characters_in_names_are_refused_and_nothing_is_stored(string name)
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("stakeholder.display_name", async () => await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = name } }));

        Assert.Empty((await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
    }

    [Fact]
    public async Task Newlines_and_tabs_are_whitespace_in_a_filter_but_a_bell_is_refused_in_free_text()
    {
        await using var registry = await TestRegistry.StartAsync();

        var page = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "stakeholder_group = STAKEHOLDER_GROUP_CIVIL_SOCIETY\n\tAND country_code = \"KE\"" });
        await RpcAssert.InvalidFieldAsync("policy.description", async () => await new BalanceService.BalanceServiceClient(registry.Channel).CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = "bell",
            Policy = new Policy { DisplayName = "Bell", Description = "Ring\u0007" },
        }));

        Assert.Empty(page.Stakeholders);
    }

    /// <summary>Keeps the compiler from flagging the Google.Protobuf using when the file changes.</summary>
    private static ByteString Empty => ByteString.Empty;
}
