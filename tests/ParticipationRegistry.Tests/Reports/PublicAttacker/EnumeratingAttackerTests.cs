using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>
/// Item 6 of the disclosure-control issue: small generated meetings, everything a public caller (and a viewer)
/// can fetch, and every assignment of gender and youth consistent with it. No person's value and no hidden
/// count may be the same in all of them.
/// </summary>
public sealed class EnumeratingAttackerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task A_generated_meeting_gives_away_no_persons_gender_or_youth_and_no_hidden_count(int seed)
    {
        await using var registry = await TestRegistry.StartAsync();
        var policies = await AttackArrange.PublishedPoliciesAsync(registry);
        await AttackArrange.GeneratedAsync(registry, "earlier", seed + 100, maxPeople: 5);
        var truth = await AttackArrange.GeneratedAsync(registry, "m", seed);
        AttackArrange.FixKeys(registry);

        var knowledge = await PublicKnowledge.GatherAsync(registry, "meetings/m", policies, compareWith: "meetings/earlier");

        Assert.NotEmpty(knowledge.Cells);
        AttackAssert.LearnsNothing(knowledge, truth, [Trait.Gender, Trait.Youth]);
    }
}
