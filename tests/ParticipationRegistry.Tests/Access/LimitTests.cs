using System.Net;
using Google.Rpc;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>Abuse limits: a token bucket per key answered with RESOURCE_EXHAUSTED (429 on pages), and a maximum message size.</summary>
public sealed class LimitTests
{
    // Five calls a second: ten tokens saved, a report costs ten.
    private const double Rate = 5;

    [Fact]
    public async Task A_key_over_its_rate_gets_RESOURCE_EXHAUSTED_and_another_key_is_unaffected()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true, rateLimit: Rate);
        var busy = new MeetingService.MeetingServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        var calm = new MeetingService.MeetingServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));

        for (var i = 0; i < 10; i++)
        {
            await busy.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });
        }

        var status = await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "RATE_LIMITED", async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await busy.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });
            }
        });
        Assert.True(int.Parse(status.GetDetail<ErrorInfo>().Metadata["retry_after_seconds"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.NotNull(status.GetDetail<RetryInfo>());
        await calm.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });
    }

    [Fact]
    public async Task A_report_costs_more_than_a_get()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true, rateLimit: Rate);
        var reports = new ReportService.ReportServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));

        await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012" });

        await RpcAssert.FailsAsync(StatusCode.ResourceExhausted, "RATE_LIMITED", async () =>
            await reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012" }));
    }

    [Fact]
    public async Task Report_pages_over_the_rate_are_429_with_Retry_After()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true, rateLimit: Rate);
        using var http = registry.HttpClientFor(null);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative))).StatusCode);
        var refused = await http.GetAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_message_over_the_maximum_size_is_refused_and_creates_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();

        var e = await Assert.ThrowsAsync<RpcException>(async () => await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = new string('x', Endpoints.MaxRequestBytes + 1) },
        }));

        Assert.Equal(StatusCode.ResourceExhausted, e.StatusCode);
        Assert.Empty((await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
    }

    [Fact]
    public void A_rate_limit_that_is_not_a_number_is_refused_at_start()
    {
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(
            new RegistryOptions("", "", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid()}.db"), false, RateLimit: double.NaN),
            builder => builder.WebHost.UseTestServer()));
        Assert.Contains("--rate-limit", e.Message, StringComparison.Ordinal);
    }
}
