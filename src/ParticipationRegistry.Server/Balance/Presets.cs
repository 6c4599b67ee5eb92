using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// The built-in, read-only policies: the IGF's own rules through the years and two widely used
/// pledges. Sources are in each description and in the README.
/// </summary>
public static class Presets
{
    public static readonly PolicyName DefaultPolicy = new("multistakeholder-balance");

    private static readonly RuleScope SpeakersAndModerators = new()
    {
        Roles = { ParticipantRole.Speaker, ParticipantRole.Moderator },
    };

    public static IReadOnlyList<Policy> All { get; } =
    [
        Preset(
            DefaultPolicy.PolicyId,
            "Multistakeholder balance",
            "The registry's default: the multistakeholder principle with geographical and gender diversity " +
            "(IGF 2007 and 2012 guidance; the IGF 2023 gender rule; GenderAvenger's one-third floor). At least 3 " +
            "stakeholder groups, none above 50%; at least 2 UN regional groups, none above 50%; not single-gender; " +
            "at least one third women. Counts speakers, confirmed and tentative.",
            Required("min-stakeholder-groups", new Rule { MinStakeholderGroups = new MinStakeholderGroups { Count = 3 } }),
            Required("max-stakeholder-group-share", new Rule { MaxStakeholderGroupShare = new MaxStakeholderGroupShare { MaxShare = 0.5 } }),
            Required("min-regional-groups", new Rule { MinRegionalGroups = new MinRegionalGroups { Count = 2 } }),
            Required("max-regional-group-share", new Rule { MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 0.5 } }),
            Required("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Required("min-women-share", new Rule { MinWomenShare = new MinWomenShare { MinShare = 1.0 / 3 } })),
        Preset(
            "igf-2023-minimum",
            "IGF 2023 minimum requirements",
            "IGF 2023 workshop criteria: at least 3 speakers; \"one speaker should be of a different gender from the " +
            "rest of the speakers\"; at least one moderator and two speakers present onsite.",
            Required("min-speakers", new Rule { MinSpeakers = new MinSpeakers { Count = 3 } }),
            Required("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Required("min-onsite", new Rule { MinOnsite = new MinOnsite { Moderators = 1, Speakers = 2 } })),
        Preset(
            "igf-2017-diversity",
            "IGF 2017 diversity criteria",
            "IGF 2017 (kept in 2018): at least three provisionally confirmed speakers, and a speaker appears in at most " +
            "3 sessions (required); diversity of gender, geography, stakeholder group and age is a criterion, so those " +
            "rules are advisory.",
            Required("min-speakers", new Rule { MinSpeakers = new MinSpeakers { Count = 3 } }),
            Required("max-sessions-per-person", new Rule { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 3 } }),
            Advisory("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Advisory("min-regional-groups", new Rule { MinRegionalGroups = new MinRegionalGroups { Count = 2 } }),
            Advisory("min-stakeholder-groups", new Rule { MinStakeholderGroups = new MinStakeholderGroups { Count = 2 } }),
            Advisory("min-youth", new Rule { MinYouth = new MinYouth { Count = 1 } })),
        Preset(
            "panel-parity",
            "Panel parity",
            "International Gender Champions' Panel Parity Pledge: no single-gender panels. Counts speakers and " +
            "moderators, confirmed and tentative.",
            Required("not-single-gender", new Rule { NotSingleGender = new NotSingleGender(), Scope = SpeakersAndModerators.Clone() })),
    ];

    public static Policy? Find(PolicyName name) => All.FirstOrDefault(p => p.Name == name.ToString());

    private static Policy Preset(string id, string displayName, string description, params Rule[] rules) => new()
    {
        Name = new PolicyName(id).ToString(),
        DisplayName = displayName,
        Description = description,
        Rules = { rules },
        ReadOnly = true,
        Published = true,
        Etag = "\"preset\"",
    };

    private static Rule Required(string id, Rule rule)
    {
        rule.Id = id;
        rule.Severity = RuleSeverity.Required;
        return rule;
    }

    private static Rule Advisory(string id, Rule rule)
    {
        rule.Id = id;
        rule.Severity = RuleSeverity.Advisory;
        return rule;
    }
}
