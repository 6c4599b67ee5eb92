using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>The developing-country rule counts the country set it names: a named set or the rule's own codes.</summary>
public sealed class CountrySetTests
{
    /// <summary>Meeting <c>meetings/m</c>, session <c>s</c> with speakers from India and Finland; candidates from Brazil and Nepal.</summary>
    private static async Task<TestRegistry> PanelAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M" } });
        await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = "s", Session = new Session { DisplayName = "S", Kind = SessionKind.Workshop } });
        foreach (var (name, country, seated) in new[] { ("Asha", "IN", true), ("Aino", "FI", true), ("Bruno", "BR", false), ("Maya", "NP", false) })
        {
            var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = name, CountryCode = country, StakeholderGroup = StakeholderGroup.CivilSociety, Gender = Gender.Woman },
            });
            if (seated)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = "meetings/m/sessions/s",
                    Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                });
            }
        }

        return registry;
    }

    private static Policy Developing(CountrySet set, params string[] codes) => new()
    {
        DisplayName = "Developing",
        Rules = { new Rule { Id = "developing", MinDevelopingCountrySpeakers = new MinDevelopingCountrySpeakers { Count = 1, CountrySet = set, CountryCodes = { codes } } } },
    };

    private static async Task<CheckPanelBalanceResponse> CheckAsync(TestRegistry registry, Policy policy) =>
        await new BalanceService.BalanceServiceClient(registry.Channel).CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/s", InlinePolicy = policy });

    [Fact]
    public async Task An_explicit_list_passes_when_a_speaker_comes_from_it_and_fails_otherwise()
    {
        await using var registry = await PanelAsync();

        var listed = await CheckAsync(registry, Developing(CountrySet.Unspecified, "IN", "PK"));
        var notListed = await CheckAsync(registry, Developing(CountrySet.Unspecified, "BR"));
        var union = await CheckAsync(registry, Developing(CountrySet.Unspecified));

        Assert.Equal((Verdict.Balanced, 1.0), (listed.Verdict, listed.RuleResults[0].Observed));
        Assert.Contains("one of the rule's 2 countries", listed.RuleResults[0].Explanation, StringComparison.Ordinal);
        Assert.Equal((Verdict.Unbalanced, 0.0), (notListed.Verdict, notListed.RuleResults[0].Observed));
        // India is on none of the LDC, LLDC and SIDS lists: the default set keeps today's behaviour.
        Assert.Equal(Verdict.Unbalanced, union.Verdict);
    }

    [Fact]
    public async Task A_stored_policy_with_a_named_set_counts_only_that_set()
    {
        await using var registry = await PanelAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var sids = Developing(CountrySet.Sids);
        await balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "sids", Policy = sids });
        await balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "india", Policy = Developing(CountrySet.Unspecified, "IN") });

        var underSids = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/s", Policy = "policies/sids" });
        var underIndia = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = "meetings/m/sessions/s", Policy = "policies/india" });
        var stored = await balance.GetPolicyAsync(new GetPolicyRequest { Name = "policies/india" });

        Assert.Equal(Verdict.Unbalanced, underSids.Verdict);
        Assert.Contains("Small Island Developing State", underSids.RuleResults[0].Explanation, StringComparison.Ordinal);
        Assert.Equal(Verdict.Balanced, underIndia.Verdict);
        Assert.Equal(["IN"], stored.Rules[0].MinDevelopingCountrySpeakers.CountryCodes);
    }

    [Fact]
    public async Task Suggestions_look_for_people_from_the_rules_own_set()
    {
        await using var registry = await PanelAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var policy = Developing(CountrySet.Unspecified, "BR");
        policy.Rules[0].MinDevelopingCountrySpeakers.Count = 2;
        await balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "brazil", Policy = policy });
        await balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = "union", Policy = Developing(CountrySet.Unspecified) });

        var brazil = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "meetings/m/sessions/s", Policy = "policies/brazil" });
        var union = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "meetings/m/sessions/s", Policy = "policies/union" });

        Assert.Equal(["Bruno"], brazil.Suggestions.Select(s => s.DisplayName));
        Assert.Equal(["Maya"], union.Suggestions.Select(s => s.DisplayName));
    }

    [Fact]
    public async Task Unknown_repeated_and_undefined_country_sets_are_refused_with_their_field()
    {
        await using var registry = await PanelAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        const string Field = "policy.rules[0].min_developing_country_speakers";

        await RpcAssert.InvalidFieldAsync($"{Field}.country_codes[1]", async () =>
            await balance.CreatePolicyAsync(new CreatePolicyRequest { Policy = Developing(CountrySet.Unspecified, "IN", "ZZ") }));
        await RpcAssert.InvalidFieldAsync($"{Field}.country_codes[1]", async () =>
            await balance.CreatePolicyAsync(new CreatePolicyRequest { Policy = Developing(CountrySet.Unspecified, "IN", "in") }));
        await RpcAssert.InvalidFieldAsync($"{Field}.country_set", async () =>
            await balance.CreatePolicyAsync(new CreatePolicyRequest { Policy = Developing((CountrySet)42) }));
        await RpcAssert.InvalidFieldAsync("inline_policy.rules[0].min_developing_country_speakers.country_codes[0]", async () =>
            await CheckAsync(registry, Developing(CountrySet.Unspecified, "XX")));
        Assert.DoesNotContain((await balance.ListPoliciesAsync(new ListPoliciesRequest())).Policies, p => !p.ReadOnly);
    }
}
