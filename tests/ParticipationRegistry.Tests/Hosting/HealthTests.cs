using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Hosting;

public sealed class HealthTests
{
    [Theory]
    [InlineData("")]
    [InlineData("participation.registry.v1.StakeholderService")]
    [InlineData("participation.registry.v1.MeetingService")]
    public async Task Health_check_answers_serving(string service)
    {
        await using var registry = await TestRegistry.StartAsync();
        var health = new Health.HealthClient(registry.Channel);

        var response = await health.CheckAsync(new HealthCheckRequest { Service = service });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Health_calls_are_answered_from_the_cached_probe()
    {
        await using var registry = await TestRegistry.StartAsync();
        var health = new Health.HealthClient(registry.Channel);
        var maintenance = registry.App.Services.GetRequiredService<DatabaseMaintenance>();
        var before = maintenance.ProbeCount;

        for (var i = 0; i < 50; i++)
        {
            var response = await health.CheckAsync(new HealthCheckRequest { Service = "" });
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
        }

        // The probe runs on a 5-second timer; 50 calls in well under that leave the count where it
        // was, give or take a tick of the timer.
        Assert.InRange(maintenance.ProbeCount - before, 0, 5);
    }
}
