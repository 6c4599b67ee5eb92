using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>
/// gRPC frames a generated client never sends, over plain HTTP/2 (h2c, prior knowledge) to the real port:
/// a frame shorter than its length prefix, a cut 5-byte prefix, a length of 4 GiB, the compressed flag
/// without an encoding, gzip that is not gzip, and two messages for a unary call. All of them are broken,
/// so the server must refuse every one.
/// </summary>
public sealed class RawFrames(string grpcUrl) : IDisposable
{
    private static readonly string[] Kinds =
        ["frame-shorter-than-prefix", "cut-prefix", "length-4gib", "compressed-no-encoding", "gzip-not-gzip", "two-messages"];

    private readonly HttpClient http = new(new SocketsHttpHandler { EnableMultipleHttp2Connections = true }) { BaseAddress = new Uri(grpcUrl) };

    public void Dispose() => http.Dispose();

    /// <summary>One damaged frame around <paramref name="message"/>, chosen by <paramref name="pick"/>.</summary>
    public static (string Kind, byte[] Body, string? Encoding) Damage(byte[] message, int pick, Random random)
    {
        var kind = Kinds[pick % Kinds.Length];
        return kind switch
        {
            "frame-shorter-than-prefix" => (kind, Frame(0, message, (uint)(message.Length + random.Next(1, 5000))), null),
            "cut-prefix" => (kind, Frame(0, message, (uint)message.Length)[..random.Next(0, 5)], null),
            "length-4gib" => (kind, Frame(0, message, uint.MaxValue), null),
            "compressed-no-encoding" => (kind, Frame(1, message, (uint)message.Length), null),
            "gzip-not-gzip" => (kind, Frame(1, message, (uint)message.Length), "gzip"),
            _ => (kind, [.. Frame(0, message, (uint)message.Length), .. Frame(0, message, (uint)message.Length)], null),
        };
    }

    /// <summary>Posts <paramref name="body"/> as-is; returns the grpc-status (null when the reply has none) and grpc-message.</summary>
    public async Task<(string? Status, string? Message, HttpStatusCode Http)> SendAsync(string path, byte[] body, string? encoding, string? secret, TimeSpan deadline)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.TryAddWithoutValidation("grpc-timeout", $"{(int)deadline.TotalMilliseconds}m");
        if (encoding is not null)
        {
            request.Headers.TryAddWithoutValidation("grpc-encoding", encoding);
        }

        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        using var timeout = new CancellationTokenSource(deadline + TimeSpan.FromSeconds(5));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        await response.Content.ReadAsByteArrayAsync(timeout.Token);
        string? Header(string name) =>
            response.TrailingHeaders.TryGetValues(name, out var t) ? t.First()
            : response.Headers.TryGetValues(name, out var h) ? h.First() : null;
        return (Header("grpc-status"), Header("grpc-message"), response.StatusCode);
    }

    private static byte[] Frame(byte flag, byte[] message, uint length)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = flag;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), length);
        message.CopyTo(frame, 5);
        return frame;
    }
}
