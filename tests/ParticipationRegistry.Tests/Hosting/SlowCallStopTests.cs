using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Dapper;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>
/// SIGTERM with a slow call in flight: a real CreateStakeholder from a slow client, whose request message is
/// half sent when the stop begins and the rest only once the server has stopped accepting connections. Within
/// <c>--shutdown-timeout</c> the call completes OK and its write is in the file; past it the call is cut off and
/// nothing of it is written. Either way the process exits 0 and the WAL is checkpointed (the -wal file empty or gone).
/// </summary>
// About the SQLite file and its -wal after a stop (checkpoint to an empty WAL).
[Trait("Engine", "SqliteOnly")]
public sealed class SlowCallStopTests(ITestOutputHelper output) : ServerFileTest("registry-slow-stop-")
{
    private const string Create = "/participation.registry.v1.StakeholderService/CreateStakeholder";

    [Fact]
    public async Task A_slow_call_in_flight_at_sigterm_completes_ok_and_its_write_is_in_the_file()
    {
        using var server = await ServerProcess.StartAsync(DatabasePath, Secret);
        using var http = Http2Client();
        var slow = new SlowBody(Message("Slow caller, finished during the stop"));
        var call = http.SendAsync(Request(server, slow));
        await slow.HalfSent.Task;
        // A complete call after it on the same connection: once it is answered the server has read the slow call's headers.
        var before = await CallAsync(http, server, "Acknowledged before the stop");

        server.Terminate();
        await StoppedAcceptingAsync(server);
        slow.SendTheRest();
        using var response = await call;
        var created = await ReadAsync(response);

        Assert.Equal("Slow caller, finished during the stop", created.DisplayName);
        await ExitedAsync(server);
        Assert.True(server.Process.ExitCode == 0, $"Exit code {server.Process.ExitCode}: {server.Output}");
        AssertWalCheckpointed();
        var stored = StoredPeople();
        Assert.Equal(created.DisplayName, stored.GetValueOrDefault(created.Name));
        Assert.Equal(before.DisplayName, stored.GetValueOrDefault(before.Name));
    }

    [Fact]
    public async Task A_call_longer_than_the_shutdown_timeout_is_cut_off_and_the_server_still_exits_0_with_the_wal_checkpointed()
    {
        using var server = await ServerProcess.StartAsync(DatabasePath, Secret, "--shutdown-timeout", "1");
        using var http = Http2Client();
        var slow = new SlowBody(Message("Slow caller, never finished"));
        var call = http.SendAsync(Request(server, slow));
        await slow.HalfSent.Task;
        var before = await CallAsync(http, server, "Acknowledged before the stop");

        server.Terminate();
        await ExitedAsync(server);

        Assert.True(server.Process.ExitCode == 0, $"Exit code {server.Process.ExitCode}: {server.Output}");
        var outcome = await Record.ExceptionAsync(async () =>
        {
            using var response = await call;
            await ReadAsync(response);
        });
        Assert.NotNull(outcome);
        output.WriteLine($"the cut-off call: {outcome.GetType().Name}: {outcome.Message}");
        AssertWalCheckpointed();
        var stored = StoredPeople();
        Assert.Equal(before.DisplayName, stored.GetValueOrDefault(before.Name));
        Assert.DoesNotContain("Slow caller, never finished", stored.Values);
    }

    private static HttpClient Http2Client() => new(new SocketsHttpHandler { EnableMultipleHttp2Connections = false });

    private static byte[] Message(string displayName) => new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = displayName } }.ToByteArray();

    private HttpRequestMessage Request(ServerProcess server, HttpContent body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, server.GrpcUrl + Create)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = body,
        };
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Secret);
        body.Headers.TryAddWithoutValidation("content-type", "application/grpc");
        return request;
    }

    private async Task<Stakeholder> CallAsync(HttpClient http, ServerProcess server, string displayName)
    {
        var message = Message(displayName);
        using var response = await http.SendAsync(Request(server, new ByteArrayContent([.. Frame(message.Length), .. message])));
        return await ReadAsync(response);
    }

    /// <summary>The created stakeholder of a gRPC response; throws unless its status is OK.</summary>
    private static async Task<Stakeholder> ReadAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = response.TrailingHeaders.TryGetValues("grpc-status", out var values) ? values.Single()
            : response.Headers.TryGetValues("grpc-status", out var headerValues) ? headerValues.Single() : "missing";
        Assert.True(status == "0", $"grpc-status {status}");
        return Stakeholder.Parser.ParseFrom(body.AsSpan(5));
    }

    private static byte[] Frame(int length)
    {
        var header = new byte[5];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(1), length);
        return header;
    }

    /// <summary>Waits until the stopping server refuses new connections (at most a minute).</summary>
    private static async Task StoppedAcceptingAsync(ServerProcess server)
    {
        var uri = new Uri(server.GrpcUrl);
        for (var attempt = 0; ; attempt++)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(uri.Host, uri.Port);
            }
            catch (SocketException)
            {
                return;
            }

            Assert.True(attempt < 600, "The server still accepts connections a minute after SIGTERM.");
            await Task.Delay(100);
        }
    }

    private static async Task ExitedAsync(ServerProcess server)
    {
        using var exit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await server.Process.WaitForExitAsync(exit.Token);
    }

    private void AssertWalCheckpointed()
    {
        var wal = new FileInfo(DatabasePath + "-wal");
        var walBytes = wal.Exists ? wal.Length : 0;
        Assert.True(walBytes == 0, $"The -wal file holds {walBytes} bytes after the stop.");
    }

    private Dictionary<string, string> StoredPeople()
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        Assert.Equal("ok", connection.ExecuteScalar<string>("PRAGMA integrity_check"));
        return connection.Query<(string Id, string DisplayName)>("SELECT id, display_name FROM stakeholders")
            .ToDictionary(r => $"stakeholders/{r.Id}", r => r.DisplayName);
    }

    /// <summary>A gRPC request body sent in two parts: the frame header and half the message, then the rest when told.</summary>
    private sealed class SlowBody(byte[] message) : HttpContent
    {
        private readonly TaskCompletionSource rest = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource HalfSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void SendTheRest() => rest.TrySetResult();

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        // The token fires when the call ends without the rest (the connection cut off).
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            var half = message.Length / 2;
            await stream.WriteAsync(Frame(message.Length), cancellationToken);
            await stream.WriteAsync(message.AsMemory(0, half), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            HalfSent.TrySetResult();
            await rest.Task.WaitAsync(cancellationToken);
            await stream.WriteAsync(message.AsMemory(half), cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
