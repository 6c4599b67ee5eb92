using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

public sealed class PolicyInUseTests
{
    private static async Task<Policy> PolicyAsync(BalanceService.BalanceServiceClient balance, string id) =>
        await balance.CreatePolicyAsync(new CreatePolicyRequest
        {
            PolicyId = id,
            Policy = new Policy
            {
                DisplayName = id,
                Rules = { new Rule { MinStakeholderGroups = new MinStakeholderGroups { Count = 2 } } },
            },
        });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_policy_a_forum_names_as_a_default_cannot_be_deleted(bool perKind)
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var policy = await PolicyAsync(balance, "two-groups");
        var forum = new Forum { DisplayName = "Youth IGF", Kind = ForumKind.Youth };
        if (perKind)
        {
            forum.KindPolicies.Add(new ForumKindPolicy { Kind = SessionKind.LightningTalk, Policy = policy.Name });
        }
        else
        {
            forum.DefaultPolicy = policy.Name;
        }

        await registry.Meetings.CreateForumAsync(new CreateForumRequest { ForumId = "youth-igf", Forum = forum });

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "POLICY_IN_USE", async () => await balance.DeletePolicyAsync(new DeletePolicyRequest { Name = policy.Name }));
        Assert.Equal(policy, await balance.GetPolicyAsync(new GetPolicyRequest { Name = policy.Name }));
    }

    [Fact]
    public async Task A_policy_no_forum_names_is_deleted()
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var policy = await PolicyAsync(balance, "two-groups");
        await registry.Meetings.CreateForumAsync(new CreateForumRequest { ForumId = "youth-igf", Forum = new Forum { DisplayName = "Youth IGF", Kind = ForumKind.Youth } });

        await balance.DeletePolicyAsync(new DeletePolicyRequest { Name = policy.Name });

        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", async () => await balance.GetPolicyAsync(new GetPolicyRequest { Name = policy.Name }));
    }
}
