using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Balance;

public sealed class SeedWorkshopBalanceTests(ITestOutputHelper output)
{
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    [Fact]
    public async Task Seed_workshop_is_unbalanced_under_multistakeholder_balance_because_of_weog()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var client = new BalanceService.BalanceServiceClient(registry.Channel);

        var response = await client.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session });
        output.WriteLine(response.ToString());

        Assert.Equal("policies/multistakeholder-balance", response.Policy);
        Assert.Equal(Verdict.Unbalanced, response.Verdict);
        var region = Assert.Single(response.RuleResults, r => r.RuleId == "max-regional-group-share");
        Assert.Equal(RuleOutcome.Fail, region.Outcome);
        Assert.Equal("4 of 5 speakers (80%) are from WEOG; at most 50% allowed.", region.Explanation);
    }
}
