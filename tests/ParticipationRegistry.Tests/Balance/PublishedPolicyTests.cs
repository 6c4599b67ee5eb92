using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>Policy.published: set by an admin, stored, always true for presets, and what lets a public report name a policy.</summary>
public sealed class PublishedPolicyTests
{
    private static Policy Women(bool published) => new()
    {
        DisplayName = "Women",
        Rules = { new Rule { MinWomenShare = new MinWomenShare { MinShare = 0.01 }, Severity = RuleSeverity.Required } },
        Published = published,
    };

    private static Task<DiversityReport> PublicReportAsync(TestRegistry registry, string policy) =>
        new ReportService.ReportServiceClient(registry.ChannelFor(null)).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/m", Options = new ReportOptions { Policy = policy },
        }).ResponseAsync;

    [Fact]
    public async Task Presets_are_published()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Viewer)));

        var list = await client.ListPoliciesAsync(new ListPoliciesRequest());

        Assert.All(list.Policies, p => Assert.True(p.Published, p.Name));
        Assert.True((await client.GetPolicyAsync(new GetPolicyRequest { Name = "policies/panel-parity" })).Published);
    }

    [Fact]
    public async Task Published_is_stored_on_create_changed_by_its_update_mask_path_and_kept_by_other_updates()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);

        var created = await client.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "women", Policy = Women(published: true) });
        var renamed = created.Clone();
        renamed.DisplayName = "Women on panels";
        renamed.Published = false;
        var stillPublished = await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = renamed, UpdateMask = new() { Paths = { "display_name" } } });
        var withdrawn = stillPublished.Clone();
        withdrawn.Published = false;
        var unpublished = await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = withdrawn, UpdateMask = new() { Paths = { "published" } } });
        var draft = await client.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "draft", Policy = Women(published: false) });
        await using var restarted = await registry.RestartAsync();
        var reread = await new BalanceService.BalanceServiceClient(restarted.Channel).GetPolicyAsync(new GetPolicyRequest { Name = "policies/women" });

        Assert.True(created.Published);
        Assert.True(stillPublished.Published);
        Assert.Equal("Women on panels", stillPublished.DisplayName);
        Assert.False(unpublished.Published);
        Assert.False(draft.Published);
        Assert.Equal(unpublished, reread);
    }

    [Fact]
    public async Task Only_an_admin_publishes_a_policy()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await new BalanceService.BalanceServiceClient(registry.Channel).CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "draft", Policy = Women(published: false) });
        var editor = new BalanceService.BalanceServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Editor)));
        var publish = created.Clone();
        publish.Published = true;

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await editor.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = publish, UpdateMask = new() { Paths = { "published" } } }));
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", async () =>
            await editor.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "mine", Policy = Women(published: true) }));

        Assert.False((await new BalanceService.BalanceServiceClient(registry.Channel).GetPolicyAsync(new GetPolicyRequest { Name = "policies/draft" })).Published);
    }

    [Fact]
    public async Task A_public_report_may_name_a_policy_once_an_admin_published_it_and_no_longer_after_it_was_withdrawn()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "m" } });
        var client = new BalanceService.BalanceServiceClient(registry.Channel);
        var draft = await client.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "women", Policy = Women(published: false) });

        await PermissionAssert.DeniedAsync("options.policy", () => PublicReportAsync(registry, "policies/women"));
        var publish = draft.Clone();
        publish.Published = true;
        var published = await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = publish, UpdateMask = new() { Paths = { "published" } } });
        var report = await PublicReportAsync(registry, "policies/women");
        var preset = await PublicReportAsync(registry, "policies/panel-parity");
        var withdraw = published.Clone();
        withdraw.Published = false;
        await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = withdraw, UpdateMask = new() { Paths = { "published" } } });

        Assert.Equal("policies/women", report.Balance.Policy);
        Assert.Equal("policies/panel-parity", preset.Balance.Policy);
        await PermissionAssert.DeniedAsync("options.policy", () => PublicReportAsync(registry, "policies/women"));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", () => PublicReportAsync(registry, "policies/missing"));
    }
}
