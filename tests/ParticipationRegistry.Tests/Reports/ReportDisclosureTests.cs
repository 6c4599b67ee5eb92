using System.Net;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Stakeholders.PermissionAssert;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Personal data in reports needs personal-data rights: include_personal_data and a threshold below the
/// default are refused to everyone else on every route; what they get stays suppressed as before.
/// </summary>
public sealed class ReportDisclosureTests
{
    private static ReportService.ReportServiceClient As(TestRegistry registry, string? secret) => new(registry.ChannelFor(secret));

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    [Theory]
    [InlineData("/v1/meetings/igf-2012:diversity?options.include_personal_data=true")]
    [InlineData("/v1/meetings/igf-2012:diversity?options.suppression_threshold=1")]
    [InlineData("/v1/meetings/igf-2012/sessions/ws-85:diversity?options.include_personal_data=true")]
    [InlineData("/reports/meetings/igf-2012.csv?include_personal_data=true")]
    [InlineData("/reports/meetings/igf-2012.csv?suppression_threshold=1")]
    [InlineData("/reports/meetings/igf-2012?include_personal_data=true")]
    [InlineData("/reports/meetings/igf-2012.md?suppression_threshold=2")]
    public async Task Personal_data_over_http_is_refused_to_anonymous_and_viewer_callers_and_sent_uncached_to_an_admin(string path)
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        using var anonymous = registry.HttpClientFor(null);
        using var viewer = registry.HttpClientFor(await registry.CreateKeyAsync(Role.Viewer));
        using var admin = registry.HttpClientFor(TestRegistry.AdminSecret);

        var refused = await anonymous.GetAsync(Relative(path));
        var refusedViewer = await viewer.GetAsync(Relative(path));
        var allowed = await admin.GetAsync(Relative(path));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only an editor or admin key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refusedViewer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.True(allowed.Headers.CacheControl?.NoStore, $"{path}: Cache-Control was '{allowed.Headers.CacheControl}'");
    }

    [Fact]
    public async Task The_public_reports_stay_suppressed_for_anyone_and_may_be_cached_when_asked_anonymously()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        using var anonymousHttp = registry.HttpClientFor(null);

        var anonymous = await As(registry, null).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012" });
        var admin = await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012" });
        var json = await anonymousHttp.GetAsync(Relative("/v1/meetings/igf-2012:diversity"));
        var csv = await anonymousHttp.GetAsync(Relative("/reports/meetings/igf-2012.csv"));

        Assert.Equal(admin, anonymous);
        Assert.Equal(3, anonymous.SuppressionThreshold);
        Assert.True(anonymous.Perturbed);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Null(json.Headers.CacheControl);
        using var adminHttp = registry.HttpClientFor(TestRegistry.AdminSecret);
        var named = await adminHttp.GetAsync(Relative("/v1/meetings/igf-2012:diversity"));
        Assert.True(named.Headers.CacheControl?.NoStore, "An admin's report names seat holders by the admin's rights.");
    }

    [Fact]
    public async Task Personal_data_over_grpc_is_refused_without_rights_and_given_to_an_admin()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var anonymous = As(registry, null);
        var viewer = As(registry, await registry.CreateKeyAsync(Role.Viewer));
        var personal = new ReportOptions { IncludePersonalData = true };
        var lowThreshold = new ReportOptions { SuppressionThreshold = 1 };

        foreach (var client in new[] { anonymous, viewer })
        {
            await DeniedAsync("options.include_personal_data", async () =>
                await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = personal }));
            await DeniedAsync("options.suppression_threshold", async () =>
                await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = lowThreshold }));
            await DeniedAsync("options.suppression_threshold", async () =>
                await client.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = "meetings/igf-2012/sessions/ws-85", Options = new ReportOptions { SuppressionThreshold = 2 } }));
        }

        var withheld = await anonymous.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012" });
        var full = await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = personal });
        var stricter = await anonymous.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = "meetings/igf-2012", Options = new ReportOptions { SuppressionThreshold = 5 } });

        Assert.True(Gender(withheld).Withheld);
        Assert.False(Gender(full).Withheld);
        Assert.All(Gender(full).Categories, c => Assert.False(c.Suppressed));
        Assert.Equal(5, stricter.SuppressionThreshold);
    }

    [Fact]
    public async Task An_organiser_may_ask_for_personal_data_of_its_own_session_only()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2026");
        var own = await registry.SessionAsync(meeting.Name, "own");
        var other = await registry.SessionAsync(meeting.Name, "other");
        var client = As(registry, await registry.CreateKeyAsync(Role.Organizer, [own.Name]));
        var personal = new ReportOptions { IncludePersonalData = true };

        var report = await client.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = own.Name, Options = personal });

        Assert.Equal(0, report.SuppressionThreshold);
        await DeniedAsync("options.include_personal_data", async () =>
            await client.GetSessionDiversityAsync(new GetSessionDiversityRequest { Name = other.Name, Options = personal }));
        await DeniedAsync("options.include_personal_data", async () =>
            await client.GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting.Name, Options = personal }));
        await DeniedAsync("options.include_personal_data", async () =>
            await client.CompareMeetingsAsync(new CompareMeetingsRequest { Names = { meeting.Name, "meetings/igf-2012" }, Options = personal }));
    }

    [Fact]
    public async Task Top_seat_holders_are_named_to_callers_without_rights_only_when_published_with_consent()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2026");
        var held = await registry.SessionAsync(meeting.Name, "held", state: SessionState.Held);
        var alsoHeld = await registry.SessionAsync(meeting.Name, "also-held", state: SessionState.Held);
        var proposed = await registry.SessionAsync(meeting.Name, "proposed", state: SessionState.Proposed);
        var published = await registry.StakeholderAsync("Published");
        var onProposal = await registry.StakeholderAsync("On a proposal");
        var refused = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Refused", PublicationConsent = PublicationConsent.Refused },
        });
        foreach (var session in new[] { held, alsoHeld })
        {
            await registry.SeatAsync(session.Name, published.Name);
            await registry.SeatAsync(session.Name, refused.Name);
        }

        await registry.SeatAsync(held.Name, onProposal.Name);
        await registry.SeatAsync(proposed.Name, onProposal.Name);
        using var anonymousHttp = registry.HttpClientFor(null);

        var anonymous = await As(registry, null).GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting.Name });
        var admin = await registry.Channel.CreateReportClient().GetMeetingDiversityAsync(new GetMeetingDiversityRequest { Name = meeting.Name });
        var markdown = await anonymousHttp.GetStringAsync(Relative("/reports/meetings/igf-2026.md"));
        var html = await anonymousHttp.GetStringAsync(Relative("/reports/meetings/igf-2026"));

        Assert.Equal(
            [("Published", published.Name), ("a panellist", ""), ("a panellist", "")],
            anonymous.Concentration.Top.Select(t => (t.DisplayName, t.Stakeholder)).OrderBy(t => t.DisplayName, StringComparer.Ordinal));
        Assert.Equal(["On a proposal", "Published", "Refused"], admin.Concentration.Top.Select(t => t.DisplayName).Order(StringComparer.Ordinal));
        foreach (var page in new[] { markdown, html })
        {
            Assert.Contains("Published", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Refused", page, StringComparison.Ordinal);
            Assert.DoesNotContain("On a proposal", page, StringComparison.Ordinal);
            Assert.Contains("a panellist", page, StringComparison.Ordinal);
        }
    }

    private static DimensionBreakdown Gender(DiversityReport report) =>
        report.Breakdowns.First(b => b.Population == Population.Panellists && b.Dimension == ReportDimension.Gender);
}

internal static class ReportClients
{
    public static ReportService.ReportServiceClient CreateReportClient(this Grpc.Net.Client.GrpcChannel channel) => new(channel);
}
