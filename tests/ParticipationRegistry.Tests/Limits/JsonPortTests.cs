using System.Net;
using System.Text.Json;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, Why 2: the JSON port answered bad query parameters with raw .NET messages and no
/// BadRequest, and ignored unknown ones; it answers 400 with the status a gRPC caller gets.
/// </summary>
public sealed class JsonPortTests
{
    private static async Task<string> RefusedAsync(HttpClient http, string url, string parameter)
    {
        var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{url}: {(int)response.StatusCode} {body}");
        using var json = JsonDocument.Parse(body);
        Assert.Equal(3, json.RootElement.GetProperty("code").GetInt32());
        var details = json.RootElement.GetProperty("details").EnumerateArray().ToList();
        Assert.Contains(details, d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.ErrorInfo" && d.GetProperty("reason").GetString() == "INVALID_ARGUMENT");
        var badRequest = details.Single(d => d.GetProperty("@type").GetString() == "type.googleapis.com/google.rpc.BadRequest");
        Assert.Contains(badRequest.GetProperty("fieldViolations").EnumerateArray(), v => v.GetProperty("field").GetString() == parameter);
        Assert.DoesNotContain("Unable to cast", body, StringComparison.Ordinal);
        return body;
    }

    [Theory]
    [InlineData("?options.cross_tabs=x", "options.cross_tabs")]
    [InlineData("?options.reference_shares=GENDER_WOMAN", "options.reference_shares")]
    [InlineData("?options.suppression_threshold=abc", "options.suppression_threshold")]
    [InlineData("?options.include_personal_data=yes", "options.include_personal_data")]
    [InlineData("?kinds=NOT_A_KIND", "kinds")]
    [InlineData("?bogus=1", "bogus")]
    [InlineData("?options.nope=1", "options.nope")]
    public async Task A_bad_or_unknown_query_parameter_is_400_with_a_bad_request_naming_it(string query, string parameter)
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        using var http = registry.HttpClientFor(TestRegistry.AdminSecret);

        await RefusedAsync(http, "/v1/meetings/m:diversity" + query, parameter);
    }

    [Fact]
    public async Task Good_parameters_by_proto_or_json_name_are_answered()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        using var http = registry.HttpClientFor(TestRegistry.AdminSecret);

        var response = await http.GetAsync(new Uri("/v1/meetings/m:diversity?options.suppression_threshold=5&kinds=SESSION_KIND_WORKSHOP&kinds=SESSION_KIND_MAIN_SESSION&options.includePersonalData=true", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_list_over_its_limit_is_refused_on_the_json_port_too()
    {
        await using var registry = await TestRegistry.StartAsync();
        using var http = registry.HttpClientFor(TestRegistry.AdminSecret);
        var names = string.Join("&", Enumerable.Range(0, 25).Select(i => $"names=meetings/m{i}"));

        await RefusedAsync(http, "/v1/meetings:compare?" + names, "names");
    }
}
