using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// A check reuses a stored policy's built rules and reads the forum's defaults on prepared statements:
/// every write to a policy or a forum, in this process or another, is used by the very next check.
/// </summary>
public sealed class PolicyCacheTests
{
    private const string Session = "meetings/m/sessions/s";

    /// <summary>Meeting <c>m</c> of forum <c>f</c> with workshop <c>s</c> of two speakers.</summary>
    private static async Task<(TestRegistry Registry, BalanceService.BalanceServiceClient Balance)> PanelOfTwoAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateForumAsync(new CreateForumRequest { ForumId = "f", Forum = new Forum { DisplayName = "F", Kind = ForumKind.Other } });
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M", Forum = "forums/f" } });
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = "s", Session = new Session { DisplayName = "S", Kind = SessionKind.Workshop } });
        foreach (var name in new[] { "A", "B" })
        {
            var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = name } });
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = Session,
                Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
            });
        }

        return (registry, new BalanceService.BalanceServiceClient(registry.Channel));
    }

    /// <summary>The panel of two and policy <c>p</c> (at least two speakers), checked once so its rules are cached.</summary>
    private static async Task<(TestRegistry Registry, BalanceService.BalanceServiceClient Balance, Policy Policy)> PolicyCheckedOnceAsync()
    {
        var (registry, balance) = await PanelOfTwoAsync();
        var policy = await CreateAsync(balance, "p", 2);
        Assert.Equal(Verdict.Balanced, await CheckAsync(balance, policy.Name));
        return (registry, balance, policy);
    }

    private static Policy MinSpeakers(int count) => new() { DisplayName = $"At least {count}", Rules = { new Rule { MinSpeakers = new MinSpeakers { Count = count } } } };

    private static Task<Policy> CreateAsync(BalanceService.BalanceServiceClient balance, string id, int minSpeakers) =>
        balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = id, Policy = MinSpeakers(minSpeakers) }).ResponseAsync;

    private static async Task<Verdict> CheckAsync(BalanceService.BalanceServiceClient balance, string policy = "") =>
        (await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session, Policy = policy })).Verdict;

    [Fact]
    public async Task An_updated_policy_is_used_by_the_next_check()
    {
        var (registry, balance, policy) = await PolicyCheckedOnceAsync();
        await using var _ = registry;

        var stricter = MinSpeakers(3);
        stricter.Name = policy.Name;
        await balance.UpdatePolicyAsync(new UpdatePolicyRequest { Policy = stricter, UpdateMask = new FieldMask { Paths = { "rules" } } });

        Assert.Equal(Verdict.Unbalanced, await CheckAsync(balance, policy.Name));
    }

    [Fact]
    public async Task A_deleted_policy_is_not_found_by_the_next_check_and_one_created_again_under_its_name_is_used()
    {
        var (registry, balance, policy) = await PolicyCheckedOnceAsync();
        await using var _ = registry;

        await balance.DeletePolicyAsync(new DeletePolicyRequest { Name = policy.Name });
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", async () => await CheckAsync(balance, policy.Name));

        // Created again, it has the first one's name and version: only its rules tell them apart.
        await CreateAsync(balance, "p", 3);
        Assert.Equal(Verdict.Unbalanced, await CheckAsync(balance, policy.Name));
    }

    [Fact]
    public async Task A_policy_rewritten_by_another_process_is_used_by_the_next_check()
    {
        var (registry, balance, policy) = await PolicyCheckedOnceAsync();
        await using var _ = registry;

        // Another process sharing the file writes the row; this server's cache hears of nothing.
        using (var other = registry.OpenDatabase())
        {
            using var update = other.CreateCommand();
            update.CommandText = "UPDATE policies SET rules = @rules, version = version + 1 WHERE id = 'p'";
            var rules = update.CreateParameter();
            rules.ParameterName = "rules";
            rules.Value = new Policy { Rules = { new Rule { Id = "min-speakers", MinSpeakers = new MinSpeakers { Count = 3 } } } }.ToByteArray();
            update.Parameters.Add(rules);
            update.ExecuteNonQuery();
        }

        Assert.Equal(Verdict.Unbalanced, await CheckAsync(balance, policy.Name));
    }

    [Fact]
    public async Task A_changed_forum_default_is_used_by_the_next_check()
    {
        var (registry, balance) = await PanelOfTwoAsync();
        await using var _ = registry;
        var lenient = await CreateAsync(balance, "lenient", 2);
        var strict = await CreateAsync(balance, "strict", 3);
        var forum = await registry.Meetings.GetForumAsync(new GetForumRequest { Name = "forums/f" });
        var defaultPolicy = new FieldMask { Paths = { "default_policy" } };

        forum = await registry.Meetings.UpdateForumAsync(new UpdateForumRequest { Forum = new Forum(forum) { DefaultPolicy = lenient.Name }, UpdateMask = defaultPolicy });
        var first = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session });
        Assert.Equal((lenient.Name, Verdict.Balanced), (first.Policy, first.Verdict));

        forum = await registry.Meetings.UpdateForumAsync(new UpdateForumRequest { Forum = new Forum(forum) { DefaultPolicy = strict.Name }, UpdateMask = defaultPolicy });
        var second = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session });
        Assert.Equal((strict.Name, Verdict.Unbalanced), (second.Policy, second.Verdict));

        // A policy for the session's kind comes before the forum's default.
        await registry.Meetings.UpdateForumAsync(new UpdateForumRequest
        {
            Forum = new Forum(forum) { KindPolicies = { new ForumKindPolicy { Kind = SessionKind.Workshop, Policy = lenient.Name } } },
            UpdateMask = new FieldMask { Paths = { "kind_policies" } },
        });
        var third = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session });
        Assert.Equal((lenient.Name, Verdict.Balanced), (third.Policy, third.Verdict));
    }
}
