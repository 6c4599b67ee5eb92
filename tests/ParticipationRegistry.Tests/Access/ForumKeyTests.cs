using System.Net;
using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>A key limited to forums reaches only the meetings of those forums.</summary>
public sealed class ForumKeyTests : IAsyncLifetime
{
    private TestRegistry registry = null!;
    private Meeting igf = null!;
    private Meeting eurodig = null!;
    private Session eurodigSession = null!;
    private MeetingService.MeetingServiceClient meetings = null!;
    private ReportService.ReportServiceClient reports = null!;
    private string secret = "";

    public async Task InitializeAsync()
    {
        registry = await TestRegistry.StartAsync();
        igf = await registry.MeetingAsync("igf-2012", "IGF 2012, Baku", "IGF");
        eurodig = await registry.MeetingAsync("eurodig-2012", "EuroDIG 2012, Stockholm", "EuroDIG");
        eurodigSession = await registry.SessionAsync(eurodig.Name, "ws-1");
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var created = await keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Editor, DisplayName = "IGF secretariat", Forums = { "forums/igf" } },
        });
        Assert.Equal(["forums/igf"], created.ApiKey.Forums);
        secret = created.Secret;
        meetings = new MeetingService.MeetingServiceClient(registry.ChannelFor(created.Secret));
        reports = new ReportService.ReportServiceClient(registry.ChannelFor(created.Secret));
    }

    public async Task DisposeAsync() => await registry.DisposeAsync();

    [Fact]
    public async Task It_reads_and_writes_in_its_forums_meetings()
    {
        Assert.Equal("forums/igf", igf.Forum);
        Assert.Equal(igf.Name, (await meetings.GetMeetingAsync(new GetMeetingRequest { Name = igf.Name })).Name);
        var session = await meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = igf.Name,
            Session = new Session { DisplayName = "Quo Vadis IGF", Kind = SessionKind.Workshop },
        });
        var listed = await meetings.ListSessionsAsync(new ListSessionsRequest { Parent = igf.Name });
        Assert.Equal([session.Name], listed.Sessions.Select(s => s.Name));
        var own = await meetings.ListMeetingsAsync(new ListMeetingsRequest { Filter = "forum = \"forums/igf\"" });
        Assert.Equal([igf.Name], own.Meetings.Select(m => m.Name));
        var created = await meetings.CreateMeetingAsync(new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2013, Bali", Forum = "forums/igf" } });
        Assert.Equal("forums/igf", created.Forum);
    }

    [Fact]
    public async Task It_is_denied_the_meetings_of_other_forums()
    {
        await DeniedAsync("parent", () => meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = eurodig.Name,
            Session = new Session { DisplayName = "Data retention", Kind = SessionKind.Workshop },
        }).ResponseAsync);
        await DeniedAsync("name", () => meetings.GetSessionAsync(new GetSessionRequest { Name = eurodigSession.Name }).ResponseAsync);
        await DeniedAsync("name", () => meetings.GetMeetingAsync(new GetMeetingRequest { Name = eurodig.Name }).ResponseAsync);
        await DeniedAsync("filter", () => meetings.ListMeetingsAsync(new ListMeetingsRequest()).ResponseAsync);
        await DeniedAsync("filter", () => meetings.ListMeetingsAsync(new ListMeetingsRequest { Filter = "forum = \"forums/eurodig\"" }).ResponseAsync);
        await DeniedAsync("meeting.forum", () => meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            Meeting = new Meeting { DisplayName = "EuroDIG 2013, Lisbon", Forum = "EuroDIG" },
        }).ResponseAsync);
        var sessions = await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = eurodig.Name });
        Assert.Equal([eurodigSession.Name], sessions.Sessions.Select(s => s.Name));
    }

    [Fact]
    public async Task Its_report_pages_and_programme_feed_are_limited_to_its_forums_too()
    {
        var http = registry.HttpClientFor(secret);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative))).StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, (await http.GetAsync(new Uri("/programme/meetings/igf-2012.json", UriKind.Relative))).StatusCode);

        foreach (var path in new[]
        {
            "/reports/meetings/eurodig-2012", "/reports/meetings/eurodig-2012.csv", "/reports/meetings/eurodig-2012.md",
            "/reports/meetings/igf-2012?compare=meetings/igf-2012,meetings/eurodig-2012",
            "/programme/meetings/eurodig-2012.json", "/programme/meetings/eurodig-2012.ics",
        })
        {
            var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{path}: {response.StatusCode}");
            Assert.Contains("limited to forums/igf", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The limit narrows the key, not the public: without a key the public report is there.
        var anonymous = registry.HttpClientFor(null);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri("/reports/meetings/eurodig-2012", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_key_naming_an_unknown_forum_is_not_created()
    {
        var keys = new KeyService.KeyServiceClient(registry.Channel);
        var status = await RpcAssert.FailsAsync(StatusCode.NotFound, "FORUM_NOT_FOUND", () => keys.CreateApiKeyAsync(new CreateApiKeyRequest
        {
            ApiKey = new ApiKey { Role = Role.Viewer, Forums = { "forums/igf", "forums/nri-ghana" } },
        }).ResponseAsync);
        Assert.Equal("api_key.forums[1]", Assert.Single(status.GetDetail<BadRequest>().FieldViolations).Field);
        Assert.Equal(2, (await keys.ListApiKeysAsync(new ListApiKeysRequest())).ApiKeys.Count);
    }

    private static async Task DeniedAsync(string field, Func<Task> call)
    {
        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", call);
        Assert.Equal(field, status.GetDetail<ErrorInfo>().Metadata["field"]);
    }
}
