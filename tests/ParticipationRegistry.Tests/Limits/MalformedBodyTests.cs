using System.Net;
using Microsoft.AspNetCore.TestHost;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, Why 2: a body that is not a valid message (garbage bytes, invalid UTF-8 in a string)
/// was UNKNOWN with a stack trace logged each time; it is INVALID_ARGUMENT. Raw gRPC frames are sent
/// over HTTP/2, as a client that does not use a generated stub would.
/// </summary>
public sealed class MalformedBodyTests
{
    private static async Task<(string? Status, string? Message)> PostAsync(TestRegistry registry, string method, byte[] message)
    {
        using var http = new HttpClient(registry.App.GetTestServer().CreateHandler()) { BaseAddress = registry.App.GetTestServer().BaseAddress };
        var frame = new byte[5 + message.Length];
        frame[4] = (byte)message.Length;
        message.CopyTo(frame, 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, method)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new("Bearer", TestRegistry.AdminSecret);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await response.Content.ReadAsByteArrayAsync();
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (Header("grpc-status"), Header("grpc-message"));
    }

    public static TheoryData<string, byte[]> Bodies => new()
    {
        // Field 1 (name), length 200, but only 3 bytes follow.
        { "/participation.registry.v1.StakeholderService/GetStakeholder", [0x0A, 0xC8, 0x01, 0x61, 0x62, 0x63] },
        // Wire type 7 does not exist.
        { "/participation.registry.v1.MeetingService/GetMeeting", [0x0F, 0xFF, 0xFF, 0xFF] },
        // Field 1 (name) holding invalid UTF-8.
        { "/participation.registry.v1.StakeholderService/GetStakeholder", [0x0A, 0x02, 0xC3, 0x28] },
        { "/participation.registry.v1.ReportService/CompareMeetings", [0x0A, 0x03, 0xFF, 0xFE, 0xFD] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_body_that_is_not_a_valid_message_is_invalid_argument(string method, byte[] body)
    {
        await using var registry = await TestRegistry.StartAsync();

        var (status, message) = await PostAsync(registry, method, body);

        Assert.Equal("3", status);
        Assert.NotNull(message);
    }

    [Fact]
    public async Task A_valid_body_sent_the_same_way_is_answered()
    {
        await using var registry = await TestRegistry.StartAsync();

        // GetStakeholder with name "x": a malformed resource name, refused by the method itself.
        var (status, message) = await PostAsync(registry, "/participation.registry.v1.StakeholderService/GetStakeholder", [0x0A, 0x01, 0x78]);

        Assert.Equal("3", status);
        Assert.Contains("name", Uri.UnescapeDataString(message!), StringComparison.Ordinal);
    }
}
