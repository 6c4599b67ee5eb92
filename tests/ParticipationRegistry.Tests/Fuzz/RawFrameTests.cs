using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>
/// Found by the fuzz test: damaged gRPC frames on the real port (Kestrel, h2c) were INTERNAL ("Incomplete
/// message.", "Additional data after the message received.") or UNKNOWN (a 4 GiB length, gzip that is not
/// gzip). Each is INVALID_ARGUMENT now (RESOURCE_EXHAUSTED for a length over 4 MiB), and a well-formed
/// gzip-compressed message still reaches its method.
/// </summary>
public sealed class RawFrameTests : IAsyncLifetime
{
    private const string GetStakeholder = "/participation.registry.v1.StakeholderService/GetStakeholder";

    // GetStakeholder with name "x": well-formed, refused by the method (a malformed resource name).
    private static readonly byte[] Message = [0x0A, 0x01, 0x78];

    private readonly string folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
    private WebApplication? app;
    private string grpcUrl = "";

    public async Task InitializeAsync()
    {
        app = RegistryApp.Build(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", Path.Combine(folder, "registry.db"), false, TestRegistry.AdminSecret, 0));
        await app.StartAsync();
        grpcUrl = app.Services.GetRequiredService<BoundEndpoints>().GrpcUrl;
    }

    public async Task DisposeAsync()
    {
        await app!.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Theory]
    [InlineData(0, "3", "announces")]   // frame shorter than its length prefix
    [InlineData(1, "3", "no complete")] // cut inside the 5-byte prefix
    [InlineData(2, "8", "larger")]      // a length of 4 GiB
    [InlineData(3, "3", "compressed")]  // compressed flag, no grpc-encoding
    [InlineData(4, "3", "gzip")]        // grpc-encoding gzip, not gzip
    [InlineData(5, "3", "more than one")] // two messages for a unary call
    public async Task A_damaged_frame_is_refused_with_a_status_that_names_the_damage(int damage, string status, string says)
    {
        var (_, body, encoding) = RawFrames.Damage(Message, damage, new Random(damage));
        using var frames = new RawFrames(grpcUrl);

        var (grpcStatus, message, _) = await frames.SendAsync(GetStakeholder, body, encoding, TestRegistry.AdminSecret, TimeSpan.FromSeconds(10));

        Assert.Equal(status, grpcStatus);
        Assert.Contains(says, Uri.UnescapeDataString(message!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_message_marked_gzip_is_invalid_argument()
    {
        using var frames = new RawFrames(grpcUrl);
        var (grpcStatus, _, _) = await frames.SendAsync(GetStakeholder, [1, 0, 0, 0, 0], "gzip", TestRegistry.AdminSecret, TimeSpan.FromSeconds(10));

        Assert.Equal("3", grpcStatus);
    }

    [Fact]
    public async Task An_empty_body_is_invalid_argument()
    {
        using var frames = new RawFrames(grpcUrl);
        var (grpcStatus, _, _) = await frames.SendAsync(GetStakeholder, [], null, TestRegistry.AdminSecret, TimeSpan.FromSeconds(10));

        Assert.Equal("3", grpcStatus);
    }

    [Fact]
    public async Task A_well_formed_gzip_message_reaches_its_method()
    {
        using var frames = new RawFrames(grpcUrl);
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Message);
        }

        var payload = compressed.ToArray();
        byte[] frame = [1, 0, 0, (byte)(payload.Length >> 8), (byte)payload.Length, .. payload];

        var (grpcStatus, message, _) = await frames.SendAsync(GetStakeholder, frame, "gzip", TestRegistry.AdminSecret, TimeSpan.FromSeconds(10));

        // The method's own answer: the resource name "x" is malformed.
        Assert.Equal("3", grpcStatus);
        Assert.Contains("name", Uri.UnescapeDataString(message!), StringComparison.Ordinal);
        Assert.DoesNotContain("gzip", Uri.UnescapeDataString(message!), StringComparison.Ordinal);
    }
}
