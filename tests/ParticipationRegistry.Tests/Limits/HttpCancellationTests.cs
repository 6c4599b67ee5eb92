using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// The HTTP port's reads watch their request as the gRPC calls' do (Storage/CallCancellation): the programme feed and
/// the declaration form of a client that has gone refuse their reads (Database.ReadsRefused) and answer 499. A
/// declaration sent is written whole however its client leaves. The client goes as Kestrel sees it when a connection
/// drops: the request is aborted (HttpContext.Abort) before the route runs.
/// </summary>
public sealed partial class HttpCancellationTests
{
    [Fact]
    public async Task A_programme_feed_whose_client_went_reads_nothing_and_answers_499()
    {
        var gone = new ClientGoes();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<IStartupFilter>(gone));
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m1", Meeting = new Meeting { DisplayName = "Meeting one" } });
        var database = registry.App.Services.GetRequiredService<Database>();
        using var http = registry.HttpClientFor(null);

        foreach (var (path, refused) in new[] { ("/programme/meetings/m1.ics", 1), ("/programme/meetings/m1.json", 2) })
        {
            Assert.Equal(499, await gone.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, path)));
            Assert.Equal(refused, database.ReadsRefused);
            Assert.Equal(0, database.CallReadsOpen);
        }

        // A reader who stays gets the feed: nothing of the gone request's cancellation stayed behind.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri("/programme/meetings/m1.json", UriKind.Relative))).StatusCode);
        Assert.Equal(2, database.ReadsRefused);
    }

    [Fact]
    public async Task A_declaration_form_whose_client_went_reads_nothing_is_not_audited_and_answers_499()
    {
        var gone = new ClientGoes();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<IStartupFilter>(gone));
        var (_, link) = await LinkAsync(registry);
        var database = registry.App.Services.GetRequiredService<Database>();
        using var http = registry.HttpClientFor(null);

        Assert.Equal(499, await gone.SendAsync(http, new HttpRequestMessage(HttpMethod.Get, new Uri(link.Url).AbsolutePath)));

        Assert.Equal(1, database.ReadsRefused);
        Assert.Equal(0, database.CallReadsOpen);
        Assert.DoesNotContain(await AuditedAsync(registry), e => e.Method == "GET /declare/{token}");
        var shown = await http.GetAsync(new Uri(link.Url).AbsolutePath);
        Assert.Equal(System.Net.HttpStatusCode.OK, shown.StatusCode);
        Assert.Single(await AuditedAsync(registry), e => e.Method == "GET /declare/{token}");
    }

    [Fact]
    public async Task A_declaration_sent_by_a_client_that_went_is_written_whole_with_its_audit_record()
    {
        var gone = new ClientGoes();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<IStartupFilter>(gone));
        var (person, link) = await LinkAsync(registry);
        var database = registry.App.Services.GetRequiredService<Database>();
        using var http = registry.HttpClientFor(null);
        var form = await (await http.GetAsync(new Uri(link.Url).AbsolutePath)).Content.ReadAsStringAsync();
        var sent = new HttpRequestMessage(HttpMethod.Post, new Uri(link.Url).AbsolutePath)
        {
            Content = new FormUrlEncodedContent([new("csrf", CsrfField().Match(form).Groups[1].Value), new("gender", "woman"), new("email", "gone@example.org")]),
        };

        Assert.Equal(StatusCodes.Status200OK, await gone.SendAsync(http, sent));

        Assert.Equal(0, database.ReadsRefused);
        var full = await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full });
        Assert.Equal(Gender.Woman, full.Gender);
        Assert.Equal("gone@example.org", full.Email);
        Assert.Single(await AuditedAsync(registry), e => e.Method == "POST /declare/{token}");
    }

    private static async Task<(Stakeholder Person, DeclarationLink Link)> LinkAsync(TestRegistry registry)
    {
        var person = await registry.StakeholderAsync();
        return (person, await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name }));
    }

    private static async Task<IList<AuditEvent>> AuditedAsync(TestRegistry registry) =>
        (await new AuditService.AuditServiceClient(registry.Channel).ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1000 })).AuditEvents;

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    /// <summary>Aborts each request marked by <see cref="SendAsync"/> before the app sees it (its body read), and keeps the status the app answered.</summary>
    private sealed class ClientGoes : IStartupFilter
    {
        private const string Mark = "x-test-client-gone";
        private TaskCompletionSource<int> answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                if (!context.Request.Headers.ContainsKey(Mark))
                {
                    await following(context);
                    return;
                }

                // The client sent its whole request, then went (a POST's form has arrived before it drops).
                context.Request.EnableBuffering();
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Request.Body.Position = 0;
                context.Abort();
                try
                {
                    await following(context);
                    answered.TrySetResult(context.Response.StatusCode);
                }
                catch (IOException) when (context.Response.ContentType is not null)
                {
                    // The answer (its status and type given) met the aborted response while writing its body: TestServer throws where Kestrel drops it.
                    answered.TrySetResult(context.Response.StatusCode);
                }
                catch (Exception e)
                {
                    answered.TrySetException(e);
                    throw;
                }
            });
            next(app);
        };

        /// <summary>Sends <paramref name="request"/> as a client that goes at once; returns the status the server answered (nobody received).</summary>
        public async Task<int> SendAsync(HttpClient http, HttpRequestMessage request)
        {
            answered = new(TaskCreationOptions.RunContinuationsAsynchronously);
            request.Headers.Add(Mark, "1");
            // The client sees the abort as a failed request (or, at best, an empty answer); the server's answer is what counts.
            await Record.ExceptionAsync(() => http.SendAsync(request));
            return await answered.Task.WaitAsync(TimeSpan.FromMinutes(2));
        }
    }
}
