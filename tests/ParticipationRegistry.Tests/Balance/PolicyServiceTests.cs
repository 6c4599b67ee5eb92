using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

public sealed class PolicyServiceTests
{
    private static Policy TwoRulePolicy() => new()
    {
        DisplayName = "EuroDIG 2026 panels",
        Description = "At least four speakers, at least two of them not men.",
        Rules =
        {
            new Rule { MinSpeakers = new MinSpeakers { Count = 4 } },
            new Rule { MinNotMen = new MinNotMen { Count = 2 }, Severity = RuleSeverity.Advisory },
        },
    };

    [Fact]
    public async Task Presets_are_listed_first_and_can_be_read()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);

        var list = await client.ListPoliciesAsync(new ListPoliciesRequest());
        var preset = await client.GetPolicyAsync(new GetPolicyRequest { Name = "policies/igf-2023-minimum" });

        Assert.Equal(
            ["policies/multistakeholder-balance", "policies/igf-2023-minimum", "policies/igf-2017-diversity", "policies/panel-parity"],
            list.Policies.Select(p => p.Name));
        Assert.All(list.Policies, p => Assert.True(p.ReadOnly));
        Assert.Equal("", list.NextPageToken);
        Assert.True(preset.ReadOnly);
        Assert.Equal(["min-speakers", "not-single-gender", "min-onsite"], preset.Rules.Select(r => r.Id));
    }

    [Fact]
    public async Task Create_assigns_rule_ids_and_the_policy_can_be_read_listed_updated_and_deleted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);

        var created = await client.CreatePolicyAsync(new CreatePolicyRequest { Policy = TwoRulePolicy(), PolicyId = "eurodig-2026" });
        Assert.Equal("policies/eurodig-2026", created.Name);
        Assert.Equal(["min-speakers", "min-not-men"], created.Rules.Select(r => r.Id));
        Assert.False(created.ReadOnly);

        var fetched = await client.GetPolicyAsync(new GetPolicyRequest { Name = created.Name });
        Assert.Equal(created, fetched);

        var page1 = await client.ListPoliciesAsync(new ListPoliciesRequest { PageSize = 3 });
        var page2 = await client.ListPoliciesAsync(new ListPoliciesRequest { PageSize = 3, PageToken = page1.NextPageToken });
        Assert.Equal(3, page1.Policies.Count);
        Assert.Equal(["policies/panel-parity", "policies/eurodig-2026"], page2.Policies.Select(p => p.Name));
        Assert.Equal("", page2.NextPageToken);

        var renamed = created.Clone();
        renamed.DisplayName = "EuroDIG 2026 workshops";
        var updated = await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = renamed, UpdateMask = new() { Paths = { "display_name" } } });
        Assert.Equal("EuroDIG 2026 workshops", updated.DisplayName);
        Assert.NotEqual(created.Etag, updated.Etag);

        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", async () =>
            await client.DeletePolicyAsync(new DeletePolicyRequest { Name = created.Name, Etag = created.Etag }));
        await client.DeletePolicyAsync(new DeletePolicyRequest { Name = created.Name, Etag = updated.Etag });
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", async () =>
            await client.GetPolicyAsync(new GetPolicyRequest { Name = created.Name }));
    }

    [Fact]
    public async Task Presets_cannot_be_updated_deleted_or_shadowed()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);
        var preset = await client.GetPolicyAsync(new GetPolicyRequest { Name = "policies/panel-parity" });
        preset.DisplayName = "Mine now";

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "POLICY_READ_ONLY", async () =>
            await client.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = preset }));
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "POLICY_READ_ONLY", async () =>
            await client.DeletePolicyAsync(new DeletePolicyRequest { Name = "policies/panel-parity" }));
        await RpcAssert.FailsAsync(StatusCode.AlreadyExists, "POLICY_ALREADY_EXISTS", async () =>
            await client.CreatePolicyAsync(new CreatePolicyRequest { Policy = TwoRulePolicy(), PolicyId = "panel-parity" }));
        Assert.Equal("Panel parity", (await client.GetPolicyAsync(new GetPolicyRequest { Name = "policies/panel-parity" })).DisplayName);
    }

    [Fact]
    public async Task Invalid_rules_are_refused_with_a_violation_per_field_and_nothing_is_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);
        var policy = TwoRulePolicy();
        policy.Rules.Add(new Rule { Id = "no-kind" });
        policy.Rules.Add(new Rule { MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 50 } });
        policy.Rules.Add(new Rule { Id = "Bad Id", MinSpeakers = new MinSpeakers { Count = 0 } });

        var status = await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", async () =>
            await client.CreatePolicyAsync(new CreatePolicyRequest { Policy = policy, PolicyId = "broken" }));

        var fields = status.GetDetail<Google.Rpc.BadRequest>().FieldViolations.Select(v => v.Field).ToList();
        Assert.Contains("policy.rules[2].kind", fields);
        Assert.Contains("policy.rules[3].max_regional_group_share.max_share", fields);
        Assert.Contains("policy.rules[4].id", fields);
        Assert.Contains("policy.rules[4].min_speakers.count", fields);
        Assert.Equal(4, (await client.ListPoliciesAsync(new ListPoliciesRequest())).Policies.Count);
    }

    [Fact]
    public async Task A_stored_policy_is_used_by_name_in_a_check()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var client = new BalanceService.BalanceServiceClient(registry.Channel);
        await client.CreatePolicyAsync(new CreatePolicyRequest { Policy = TwoRulePolicy(), PolicyId = "four-speakers" });

        var check = await client.CheckPanelBalanceAsync(new CheckPanelBalanceRequest
        {
            Session = "meetings/igf-2012/sessions/ws-85",
            Policy = "policies/four-speakers",
            ConfirmedOnly = true,
        });

        Assert.Equal("policies/four-speakers", check.Policy);
        Assert.Equal(Verdict.Unbalanced, check.Verdict);
        Assert.Equal("Only 3 confirmed speakers counted; at least 4 required.", check.RuleResults[0].Explanation);
    }
}
