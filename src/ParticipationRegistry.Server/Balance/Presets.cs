using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// The built-in, read-only policies: the IGF's own workshop rules of 2017 and 2023, one external pledge, and
/// this registry's own default. Each description says what comes from which source and what this registry chose.
/// </summary>
public static class Presets
{
    /// <summary>This registry's own default, not IGF guidance; its id is an API contract.</summary>
    public static readonly PolicyName DefaultPolicy = new("multistakeholder-balance");

    private static readonly RuleScope SpeakersAndModerators = new()
    {
        Roles = { ParticipantRole.Speaker, ParticipantRole.Moderator },
    };

    public static IReadOnlyList<Policy> All { get; } =
    [
        Preset(
            DefaultPolicy.PolicyId,
            "Registry default: multistakeholder balance",
            "This registry's own default, not IGF guidance: its thresholds are this registry's synthesis and no IGF " +
            "body set them. From the IGF it takes only principles: the multistakeholder approach with geographical " +
            "diversity (IGF workshop guidelines of 2007 and 2012) and a not-single-gender rule shaped like the IGF 2023 " +
            "minimum criterion \"one speaker should be of a different gender from the rest of the speakers\". " +
            "This registry's own choices: at least 3 stakeholder groups, none above 50%; at least 2 UN regional groups, " +
            "none above 50%; not single-gender; at least one third women. Counts speakers, confirmed and tentative. " +
            "For comparison, GenderAvenger's pledge is no all-male panels and its targets are at least 40%, later 51%, women.",
            Required("min-stakeholder-groups", new Rule { MinStakeholderGroups = new MinStakeholderGroups { Count = 3 } }),
            Required("max-stakeholder-group-share", new Rule { MaxStakeholderGroupShare = new MaxStakeholderGroupShare { MaxShare = 0.5 } }),
            Required("min-regional-groups", new Rule { MinRegionalGroups = new MinRegionalGroups { Count = 2 } }),
            Required("max-regional-group-share", new Rule { MaxRegionalGroupShare = new MaxRegionalGroupShare { MaxShare = 0.5 } }),
            Required("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Required("min-women-share", new Rule { MinWomenShare = new MinWomenShare { MinShare = 1.0 / 3 } })),
        Preset(
            "igf-2023-minimum",
            "IGF 2023 minimum requirements",
            "From the IGF 2023 workshop submission and review process: the minimum criteria the IGF Secretariat " +
            "screened every proposal against before the MAG's evaluation. At least 3 provisionally confirmed speakers; " +
            "\"one speaker should be of a different gender from the rest of the speakers\"; at least one moderator and " +
            "two speakers present onsite. This registry's own reading: provisionally confirmed means confirmed or " +
            "tentative, and the gender rule counts speakers.",
            Required("min-speakers", new Rule { MinSpeakers = new MinSpeakers { Count = 3 } }),
            Required("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Required("min-onsite", new Rule { MinOnsite = new MinOnsite { Moderators = 1, Speakers = 2 } })),
        Preset(
            "igf-2017-diversity",
            "IGF 2017 diversity criteria",
            "From the IGF 2017 workshop criteria the MAG evaluated proposals by (kept in 2018): at least three " +
            "provisionally confirmed speakers, and a speaker appears in at most 3 sessions (required here). Diversity " +
            "(\"gender, geography, stakeholder group, policy perspective and/or age\") was a criterion proposals were " +
            "scored on, not a pass/fail rule, so its rules are advisory. Their thresholds are this registry's own: not " +
            "single-gender, at least 2 UN regional groups, at least 2 stakeholder groups, at least 1 youth; policy " +
            "perspective is not modelled.",
            Required("min-speakers", new Rule { MinSpeakers = new MinSpeakers { Count = 3 } }),
            Required("max-sessions-per-person", new Rule { MaxSessionsPerPerson = new MaxSessionsPerPerson { MaxSessions = 3 } }),
            Advisory("not-single-gender", new Rule { NotSingleGender = new NotSingleGender() }),
            Advisory("min-regional-groups", new Rule { MinRegionalGroups = new MinRegionalGroups { Count = 2 } }),
            Advisory("min-stakeholder-groups", new Rule { MinStakeholderGroups = new MinStakeholderGroups { Count = 2 } }),
            Advisory("min-youth", new Rule { MinYouth = new MinYouth { Count = 1 } })),
        Preset(
            "panel-parity",
            "Panel parity",
            "From the International Gender Champions' Panel Parity Pledge: Champions commit to \"no longer sit on " +
            "single-sex panels\". The pledge binds a Champion's own appearances; applying it to every panel, counting " +
            "speakers and moderators, confirmed and tentative, is this registry's own reading.",
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
