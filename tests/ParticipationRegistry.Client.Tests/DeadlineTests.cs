using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Client.Tests;

/// <summary>
/// No call of the client waits for ever: a call without a deadline of its own gets the client's call
/// timeout (<see cref="RegistryClient.DefaultCallTimeout"/> unless given), unary, blocking and streaming alike.
/// </summary>
public sealed class DeadlineTests
{
    /// <summary>Far longer than any call timeout here: a call still waiting then was never given a deadline.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_call_to_a_server_that_never_answers_fails_with_deadline_exceeded_after_the_call_timeout()
    {
        await using var silent = new SilentServer();
        using var client = RegistryClient.Create(silent.Address, "prk_any", TimeSpan.FromSeconds(1));

        var call = client.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest()).ResponseAsync;
        var e = await Assert.ThrowsAsync<RegistryCallException>(() => call.WaitAsync(HangGuard));

        Assert.Equal(StatusCode.DeadlineExceeded, e.StatusCode);
    }

    [Fact]
    public async Task Blocking_and_streaming_calls_get_the_call_timeout_too()
    {
        await using var silent = new SilentServer();
        using var client = RegistryClient.Create(silent.Address, "prk_any", TimeSpan.FromSeconds(1));

        var blocking = await Assert.ThrowsAsync<RegistryCallException>(() =>
            Task.Run(() => client.Meetings.GetMeeting(new GetMeetingRequest { Name = "meetings/m" })).WaitAsync(HangGuard));
        using var watch = client.Health.Watch(new HealthCheckRequest());
        var streaming = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext().WaitAsync(HangGuard));

        Assert.Equal(StatusCode.DeadlineExceeded, blocking.StatusCode);
        Assert.Equal(StatusCode.DeadlineExceeded, streaming.StatusCode);
    }

    [Fact]
    public async Task Without_a_call_timeout_each_call_gets_the_default_and_a_deadline_of_its_own_is_kept()
    {
        await using var server = await DeadlineRecorder.StartAsync();
        using var client = RegistryClient.Create(server.Address, "prk_any");
        var own = DateTime.UtcNow.AddSeconds(42);

        var before = DateTime.UtcNow;
        await client.Health.CheckAsync(new HealthCheckRequest());
        var after = DateTime.UtcNow;
        await client.Health.CheckAsync(new HealthCheckRequest(), deadline: own);
        using var watch = client.Health.Watch(new HealthCheckRequest());
        Assert.True(await watch.ResponseStream.MoveNext());

        Assert.Equal(TimeSpan.FromMinutes(5), RegistryClient.DefaultCallTimeout);
        var (unary, kept, streaming) = (server.Deadlines[0], server.Deadlines[1], server.Deadlines[2]);
        // The server reads the deadline from grpc-timeout, which the client rounds to its units: a second either way.
        Assert.InRange(unary, before + RegistryClient.DefaultCallTimeout - TimeSpan.FromSeconds(1), after + RegistryClient.DefaultCallTimeout + TimeSpan.FromSeconds(1));
        Assert.InRange(kept, own - TimeSpan.FromSeconds(1), own + TimeSpan.FromSeconds(1));
        Assert.InRange(streaming, before + RegistryClient.DefaultCallTimeout - TimeSpan.FromSeconds(1), DateTime.UtcNow + RegistryClient.DefaultCallTimeout + TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void A_call_timeout_of_zero_or_less_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RegistryClient.Create("http://127.0.0.1:1", "prk_any", TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => RegistryClient.Create("http://127.0.0.1:1", "prk_any", TimeSpan.FromSeconds(-1)));
    }

    /// <summary>A real gRPC server (Kestrel, h2c) whose health service records the deadline of every call it is sent.</summary>
    private sealed class DeadlineRecorder : Health.HealthBase, IAsyncDisposable
    {
        private readonly List<DateTime> _deadlines = [];
        private WebApplication? _app;

        public string Address { get; private set; } = "";

        /// <summary>The deadlines the server saw (UTC; DateTime.MaxValue: none), in the order the calls came.</summary>
        public IReadOnlyList<DateTime> Deadlines
        {
            get
            {
                lock (_deadlines)
                {
                    return [.. _deadlines];
                }
            }
        }

        public static async Task<DeadlineRecorder> StartAsync()
        {
            var recorder = new DeadlineRecorder();
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
            builder.Services.AddGrpc();
            builder.Services.AddSingleton(recorder);
            recorder._app = builder.Build();
            recorder._app.MapGrpcService<DeadlineRecorder>();
            await recorder._app.StartAsync();
            recorder.Address = recorder._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return recorder;
        }

        public override Task<HealthCheckResponse> Check(HealthCheckRequest request, ServerCallContext context)
        {
            Record(context);
            return Task.FromResult(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        }

        public override async Task Watch(HealthCheckRequest request, IServerStreamWriter<HealthCheckResponse> responseStream, ServerCallContext context)
        {
            Record(context);
            await responseStream.WriteAsync(new HealthCheckResponse { Status = HealthCheckResponse.Types.ServingStatus.Serving });
        }

        private void Record(ServerCallContext context)
        {
            lock (_deadlines)
            {
                _deadlines.Add(context.Deadline);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
            }
        }
    }
}
