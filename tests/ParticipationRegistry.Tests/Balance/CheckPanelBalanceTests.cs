using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

public sealed class CheckPanelBalanceTests
{
    private static ProposedPanelist Prospective(string name, StakeholderGroup group, string country, Gender gender, Confirmation confirmation = Confirmation.Confirmed) => new()
    {
        Prospective = new ProspectivePanelist { DisplayName = name, StakeholderGroup = group, CountryCode = country, Gender = gender },
        Confirmation = confirmation,
    };

    [Fact]
    public async Task A_proposed_panel_of_people_not_yet_registered_is_checked_and_nothing_is_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var panel = new ProposedPanel
        {
            Panelists =
            {
                Prospective("A", StakeholderGroup.Government, "KE", Gender.Woman),
                Prospective("B", StakeholderGroup.CivilSociety, "BR", Gender.Man),
                Prospective("C", StakeholderGroup.PrivateSector, "JP", Gender.NonBinary),
                Prospective("D", StakeholderGroup.TechnicalCommunity, "DE", Gender.Woman),
            },
        };

        var response = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = panel });

        Assert.Equal(Verdict.Balanced, response.Verdict);
        Assert.Equal(100, response.Score);
        Assert.All(response.RuleResults, r => Assert.Equal(RuleOutcome.Pass, r.Outcome));
        Assert.Equal(4, response.Composition.People);
        Assert.Empty((await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders);
    }

    [Fact]
    public async Task An_inline_policy_is_applied_without_being_stored()
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var panel = new ProposedPanel
        {
            Panelists =
            {
                Prospective("A", StakeholderGroup.Government, "FJ", Gender.Man),
                Prospective("B", StakeholderGroup.Government, "FR", Gender.Man),
            },
        };
        var policy = new Policy
        {
            DisplayName = "Small island voices",
            Rules =
            {
                new Rule { MinDevelopingCountrySpeakers = new MinDevelopingCountrySpeakers { Count = 1 } },
                new Rule { RequiredStakeholderGroups = new RequiredStakeholderGroups { Groups = { StakeholderGroup.CivilSociety } }, Severity = RuleSeverity.Advisory },
            },
        };

        var response = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = panel, InlinePolicy = policy });

        Assert.Equal("", response.Policy);
        Assert.Equal(Verdict.Balanced, response.Verdict);
        Assert.Equal(["min-developing-country-speakers", "required-stakeholder-groups"], response.RuleResults.Select(r => r.RuleId));
        Assert.Equal(RuleOutcome.Pass, response.RuleResults[0].Outcome);
        Assert.Equal(RuleOutcome.Fail, response.RuleResults[1].Outcome);
        Assert.Equal("No speaker from Civil Society; required: Civil Society.", response.RuleResults[1].Explanation);
        // Required weighs 3 and passes; advisory weighs 1 and fails: 3 / 4.
        Assert.Equal(75, response.Score);
        Assert.Equal(4, (await balance.ListPoliciesAsync(new ListPoliciesRequest())).Policies.Count);
    }

    [Fact]
    public async Task Registered_people_in_a_proposed_panel_are_judged_by_their_record_and_unknown_gender_is_never_guessed()
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Declined", CountryCode = "IN", Gender = Gender.Declined } },
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Man", CountryCode = "IN", Gender = Gender.Man } },
            },
        })).Stakeholders;
        var panel = new ProposedPanel { Panelists = { people.Select(p => new ProposedPanelist { Stakeholder = p.Name }) } };

        var response = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { ProposedPanel = panel, Policy = "policies/panel-parity" });

        var rule = Assert.Single(response.RuleResults);
        Assert.Equal(RuleOutcome.Indeterminate, rule.Outcome);
        Assert.Equal(1, rule.Unknown);
        Assert.Equal(Verdict.Indeterminate, response.Verdict);
        Assert.Contains(response.Composition.Genders, g => g.Gender == Gender.Declined && g.Count == 1);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_the_field_named()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);

        await RpcAssert.InvalidFieldAsync("session", async () => await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest()));
        await RpcAssert.InvalidFieldAsync("session", async () => await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "sessions/ws-85" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "SESSION_NOT_FOUND", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/igf-2012/sessions/nope" }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/igf-2012/sessions/ws-85", Policy = "policies/nope" }));
        await RpcAssert.InvalidFieldAsync("proposed_panel.panelists[0].prospective.country_code", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest
            {
                ProposedPanel = new ProposedPanel { Panelists = { Prospective("X", StakeholderGroup.Government, "ZZ", Gender.Man) } },
            }));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest
            {
                ProposedPanel = new ProposedPanel { Panelists = { new ProposedPanelist { Stakeholder = "stakeholders/nobody" } } },
            }));
        await RpcAssert.InvalidFieldAsync("inline_policy.rules[0].min_women_share.min_share", async () =>
            await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest
            {
                Session = "meetings/igf-2012/sessions/ws-85",
                InlinePolicy = new Policy { Rules = { new Rule { MinWomenShare = new MinWomenShare { MinShare = 40 } } } },
            }));
    }
}
