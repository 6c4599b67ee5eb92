using Dapper;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>Making declaration links: who may, what a link is, and that only its hash is kept.</summary>
public sealed class DeclarationLinkTests
{
    [Fact]
    public async Task A_link_is_a_url_on_the_http_port_with_a_long_random_token_stored_only_as_its_hash()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.StakeholderAsync();

        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });

        Assert.Equal(person.Name, link.Stakeholder);
        Assert.Equal("Parminder Jeet Singh", link.DisplayName);
        var token = DeclarationFormTests.TokenOf(link);
        Assert.Equal(43, token.Length); // 256 bits, base64url
        var expires = link.ExpireTime.ToDateTimeOffset() - DateTimeOffset.UtcNow;
        Assert.InRange(expires.TotalDays, 29.9, 30.1);
        var stored = await StoredLinksAsync(registry);
        var hash = Assert.Single(stored);
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)), hash);
        Assert.Empty(Stakeholders.ErasureTests.LiveRowsHolding(registry, token));
        if (!ParticipationRegistry.TestSupport.TestDatabases.OnPostgres)
        {
            Assert.DoesNotContain(token, await File.ReadAllTextAsync(registry.DatabasePath));
        }
    }

    [Fact]
    public async Task A_new_link_revokes_the_earlier_one()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.StakeholderAsync();
        var first = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });
        var second = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });
        Assert.NotEqual(first.Url, second.Url);

        using var http = registry.HttpClientFor(null);
        var refused = await http.GetAsync(new Uri(first.Url).PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.Gone, refused.StatusCode);
        Assert.Contains("replaced by a newer one", await refused.Content.ReadAsStringAsync());
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(second.Url).PathAndQuery)).StatusCode);
    }

    [Fact]
    public async Task Links_for_a_panel_and_for_a_meetings_registrants_list_each_person_once_with_name_and_email()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var session = await registry.SessionAsync(meeting.Name, "ws-85");
        var parminder = await registry.StakeholderAsync();
        var izumi = await registry.StakeholderAsync("Izumi Aizu", "Tama University", StakeholderGroup.CivilSociety, "JP");
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = izumi.Name, Email = "izumi@example.org" },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "email" } },
        });
        await registry.SeatAsync(session.Name, parminder.Name);
        await registry.SeatAsync(session.Name, izumi.Name, ParticipantRole.Moderator);
        await registry.SeatAsync(session.Name, parminder.Name, ParticipantRole.Rapporteur);
        await registry.RegistrationAsync(meeting.Name, izumi.Name);

        var panel = await registry.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = session.Name });
        Assert.Equal([parminder.Name, izumi.Name], panel.Links.Select(l => l.Stakeholder));
        Assert.Equal(["Parminder Jeet Singh", "Izumi Aizu"], panel.Links.Select(l => l.DisplayName));
        Assert.Equal(["", "izumi@example.org"], panel.Links.Select(l => l.Email));
        Assert.Equal(2, panel.Links.Select(l => l.Url).Distinct().Count());

        var registrants = await registry.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = meeting.Name });
        Assert.Equal([izumi.Name], registrants.Links.Select(l => l.Stakeholder));

        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", async () =>
            await registry.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = $"{meeting.Name}/sessions/none" }));
        await RpcAssert.InvalidFieldAsync("parent", async () =>
            await registry.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = parminder.Name }));
        await RpcAssert.InvalidFieldAsync("stakeholder", async () =>
            await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = "people/x" }));
    }

    [Fact]
    public async Task An_organiser_makes_links_for_people_on_its_own_panels_only_and_not_for_registrants()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var own = await registry.SessionAsync(meeting.Name, "ws-85");
        var other = await registry.SessionAsync(meeting.Name, "ws-86");
        var onPanel = await registry.StakeholderAsync();
        var elsewhere = await registry.StakeholderAsync("Avri Doria", "", StakeholderGroup.CivilSociety, "US");
        await registry.SeatAsync(own.Name, onPanel.Name);
        await registry.SeatAsync(other.Name, elsewhere.Name);
        var organiser = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Organizer, [own.Name])));

        var link = await organiser.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = onPanel.Name });
        Assert.Equal(onPanel.Name, link.Stakeholder);
        Assert.Single((await organiser.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = own.Name })).Links);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await organiser.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = elsewhere.Name }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await organiser.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = other.Name }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await organiser.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = meeting.Name }));
        var viewer = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await viewer.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = onPanel.Name }));
        // Refused calls made no link: only the organiser's two.
        Assert.Equal(2, (await StoredLinksAsync(registry)).Count);
    }

    [Fact]
    public async Task Making_links_is_audited_against_the_person_or_the_panel()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meeting = await registry.MeetingAsync("igf-2012");
        var session = await registry.SessionAsync(meeting.Name, "ws-85");
        var person = await registry.StakeholderAsync();
        await registry.SeatAsync(session.Name, person.Name);
        await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });
        await registry.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = session.Name });

        var events = (await new AuditService.AuditServiceClient(registry.Channel).ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1000 })).AuditEvents;
        Assert.Contains(events, e => e.Method.EndsWith("/CreateDeclarationLink", StringComparison.Ordinal) && e.Resource == person.Name);
        Assert.Contains(events, e => e.Method.EndsWith("/CreateDeclarationLinks", StringComparison.Ordinal) && e.Resource == session.Name);
    }

    public static async Task<List<byte[]>> StoredLinksAsync(TestRegistry registry)
    {
        await using var connection = registry.OpenDatabase();
        return (await connection.QueryAsync<byte[]>("SELECT token_hash FROM declaration_links")).AsList();
    }
}
