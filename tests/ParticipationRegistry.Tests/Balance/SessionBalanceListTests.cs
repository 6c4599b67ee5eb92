using Microsoft.Extensions.DependencyInjection;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

public sealed class SessionBalanceListTests
{
    /// <summary>The demo meeting plus sessions with a parity panel, a single-gender panel and no panel.</summary>
    internal static async Task<TestRegistry> MeetingWithSessionsAsync()
    {
        var registry = await TestRegistry.StartAsync(demo: true);
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "W", Gender = Gender.Woman } },
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "M1", Gender = Gender.Man } },
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "M2", Gender = Gender.Man } },
            },
        })).Stakeholders.ToDictionary(s => s.DisplayName);
        foreach (var (id, panel) in new[] { ("mixed", new[] { "W", "M1" }), ("all-men", new[] { "M1", "M2" }), ("empty", Array.Empty<string>()) })
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = "meetings/igf-2012",
                SessionId = id,
                Session = new Session { DisplayName = id, Kind = SessionKind.OpenForum },
            });
            foreach (var person in panel)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = session.Name,
                    Participant = new Participant { Stakeholder = people[person].Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                });
            }
        }

        return registry;
    }

    [Fact]
    public async Task Every_session_of_a_meeting_is_listed_with_its_verdict()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var all = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/igf-2012", Policy = "policies/panel-parity" });

        var verdicts = all.SessionBalances.ToDictionary(s => s.Session[(s.Session.LastIndexOf('/') + 1)..], s => s.Verdict);
        Assert.Equal(Verdict.Balanced, verdicts["mixed"]);
        Assert.Equal(Verdict.Unbalanced, verdicts["all-men"]);
        Assert.Equal(Verdict.Unbalanced, verdicts["empty"]);
        Assert.Equal(Verdict.Balanced, verdicts["ws-85"]);
        Assert.Equal(["not-single-gender"], all.SessionBalances.Single(s => s.Session.EndsWith("/all-men", StringComparison.Ordinal)).FailedRules);
    }

    [Fact]
    public async Task The_list_filters_to_unbalanced_sessions_and_pages_through_them()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var request = new ListSessionBalancesRequest
        {
            Parent = "meetings/igf-2012",
            Policy = "policies/panel-parity",
            Filter = "verdict = VERDICT_UNBALANCED",
            PageSize = 1,
        };

        var seen = new List<string>();
        do
        {
            var page = await balance.ListSessionBalancesAsync(request);
            Assert.True(page.SessionBalances.Count <= 1);
            Assert.All(page.SessionBalances, s => Assert.Equal(Verdict.Unbalanced, s.Verdict));
            seen.AddRange(page.SessionBalances.Select(s => s.Session));
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(["meetings/igf-2012/sessions/all-men", "meetings/igf-2012/sessions/empty"], seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filtering_by_kind_and_bad_filters()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        var workshops = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/igf-2012", Filter = "kind = SESSION_KIND_WORKSHOP" });

        Assert.Equal(["meetings/igf-2012/sessions/ws-85"], workshops.SessionBalances.Select(s => s.Session));
        await RpcAssert.InvalidFieldAsync("filter", async () => await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest
        {
            Parent = "meetings/igf-2012", Filter = "verdict = BALANCED",
        }), "INVALID_FILTER");
        await RpcAssert.FailsAsync(StatusCode.NotFound, "MEETING_NOT_FOUND", async () =>
            await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/nope" }));
    }

    [Fact]
    public async Task Verdict_and_column_terms_combine_and_a_page_token_is_bound_to_every_part_of_the_query()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var request = new ListSessionBalancesRequest
        {
            Parent = "meetings/igf-2012",
            Policy = "policies/panel-parity",
            Filter = "kind = \"SESSION_KIND_OPEN_FORUM\" AND verdict = VERDICT_UNBALANCED",
            PageSize = 1,
        };

        var first = await balance.ListSessionBalancesAsync(request);

        Assert.Equal(["meetings/igf-2012/sessions/all-men"], first.SessionBalances.Select(s => s.Session));
        Assert.NotEmpty(first.NextPageToken);
        var second = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest(request) { PageToken = first.NextPageToken });
        Assert.Equal(["meetings/igf-2012/sessions/empty"], second.SessionBalances.Select(s => s.Session));

        // The same terms in another order and quoting are the same query.
        var reordered = new ListSessionBalancesRequest(request) { Filter = "verdict = VERDICT_UNBALANCED AND kind = SESSION_KIND_OPEN_FORUM", PageToken = first.NextPageToken };
        Assert.Equal(second.SessionBalances, (await balance.ListSessionBalancesAsync(reordered)).SessionBalances);

        foreach (var other in new[]
        {
            new ListSessionBalancesRequest(request) { Filter = "kind = SESSION_KIND_OPEN_FORUM AND verdict = VERDICT_BALANCED" },
            new ListSessionBalancesRequest(request) { Filter = "kind = SESSION_KIND_WORKSHOP AND verdict = VERDICT_UNBALANCED" },
            new ListSessionBalancesRequest(request) { Filter = "kind = SESSION_KIND_OPEN_FORUM" },
            new ListSessionBalancesRequest(request) { Policy = "" },
            new ListSessionBalancesRequest(request) { ConfirmedOnly = true },
        })
        {
            other.PageToken = first.NextPageToken;
            await RpcAssert.InvalidFieldAsync("page_token", async () => await balance.ListSessionBalancesAsync(other), "INVALID_PAGE_TOKEN");
        }
    }

    [Fact]
    public async Task The_scan_stops_when_the_caller_has_gone()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var balances = registry.App.Services.GetRequiredService<ParticipationRegistry.Server.Balance.SessionBalances>();
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();
        var meeting = new ParticipationRegistry.Server.Common.MeetingName("igf-2012");

        Assert.Throws<OperationCanceledException>(() =>
            balances.List(meeting, "", false, "", 10, "", ParticipationRegistry.Server.Access.Caller.Anonymous, gone.Token));
        // Not cancelled, the same call lists the sessions.
        Assert.NotEmpty(balances.List(meeting, "", false, "", 10, "", ParticipationRegistry.Server.Access.Caller.Anonymous).Lines);
    }
}
