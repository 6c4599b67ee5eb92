using Google.Protobuf;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>Maps the balance domain to and from the API's messages.</summary>
public static class BalanceMapping
{
    /// <summary>A stored policy; its rules and session kinds are kept together as a <see cref="Policy"/>'s bytes.</summary>
    public static Policy ToProto(PolicyRow row)
    {
        var stored = Policy.Parser.ParseFrom(row.Rules);
        return new Policy
        {
            Name = new PolicyName(row.Id).ToString(),
            DisplayName = row.DisplayName,
            Description = row.Description,
            Rules = { stored.Rules },
            SessionKinds = { stored.SessionKinds },
            Published = row.Published,
            CreateTime = Times.ToTimestampRequired(row.CreateTime),
            UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
            Etag = Etags.Format(row.Version),
        };
    }

    /// <summary>Copies the <paramref name="fields"/> of <paramref name="policy"/> onto <paramref name="row"/>, rule ids filled in.</summary>
    public static PolicyRow ToRow(Policy policy, IReadOnlySet<string> fields, PolicyRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = policy.DisplayName.Trim();
        if (fields.Contains("description")) row.Description = policy.Description.Trim();
        if (fields.Contains("published")) row.Published = policy.Published;
        if (fields.Contains("rules") || fields.Contains("session_kinds"))
        {
            var stored = row.Rules.Length == 0 ? new Policy() : Policy.Parser.ParseFrom(row.Rules);
            if (fields.Contains("rules"))
            {
                var rules = policy.Rules.Select(r => r.Clone()).ToList();
                PolicyRules.AssignRuleIds(rules);
                stored.Rules.Clear();
                stored.Rules.AddRange(rules);
            }

            if (fields.Contains("session_kinds"))
            {
                stored.SessionKinds.Clear();
                stored.SessionKinds.AddRange(policy.SessionKinds);
            }

            row.Rules = stored.ToByteArray();
        }

        return row;
    }

    public static CheckPanelBalanceResponse ToResponse(BalanceReport report, Composition composition, string policyName) => new()
    {
        Verdict = ToProto(report.Verdict),
        Score = report.Score,
        Policy = policyName,
        RuleResults =
        {
            report.Rules.Select(r => new RuleResult
            {
                RuleId = r.Rule.Id,
                Kind = r.Rule.Kind.Name,
                Severity = r.Rule.Severity == Severity.Advisory ? RuleSeverity.Advisory : RuleSeverity.Required,
                Outcome = r.Outcome switch { Outcome.Pass => RuleOutcome.Pass, Outcome.Fail => RuleOutcome.Fail, _ => RuleOutcome.Indeterminate },
                Observed = r.Observed,
                Threshold = r.Threshold,
                Explanation = r.Explanation,
                Counted = r.Counted,
                Unknown = r.Unknown,
            }),
        },
        Composition = new PanelComposition
        {
            People = composition.People,
            StakeholderGroups = { composition.Groups.Select(g => new StakeholderGroupCount { StakeholderGroup = g.Key, Count = g.Value }) },
            RegionalGroups = { composition.Regions.Select(g => new RegionalGroupCount { RegionalGroup = g.Key, Count = g.Value }) },
            Genders = { composition.Genders.Select(g => new GenderCount { Gender = g.Key, Count = g.Value }) },
        },
        Gaps = new PanelGaps
        {
            MissingStakeholderGroups = { composition.MissingGroups },
            MissingRegionalGroups = { composition.MissingRegions },
            MissingGenders = { composition.MissingGenders },
        },
    };

    public static SessionBalance ToProto(SessionBalanceLine line) => new()
    {
        Session = new SessionName(line.Session.MeetingId, line.Session.SessionId).ToString(),
        DisplayName = line.Session.DisplayName,
        Kind = (SessionKind)line.Session.Kind,
        State = (SessionState)line.Session.State,
        Verdict = ToProto(line.Report.Verdict),
        Score = line.Report.Score,
        FailedRules = { line.Report.Rules.Where(r => r.Outcome == Outcome.Fail && r.Rule.Severity == Severity.Required).Select(r => r.Rule.Id) },
        Policy = line.Policy.Name,
    };

    public static Verdict ToProto(PanelVerdict verdict) => verdict switch
    {
        PanelVerdict.Balanced => Verdict.Balanced,
        PanelVerdict.Unbalanced => Verdict.Unbalanced,
        PanelVerdict.NotApplicable => Verdict.NotApplicable,
        _ => Verdict.Indeterminate,
    };

    public static PanelistSuggestion ToProto(Suggestion s) => new()
    {
        Stakeholder = new StakeholderName(s.Person.Id).ToString(),
        DisplayName = s.Person.DisplayName,
        StakeholderGroup = (StakeholderGroup)s.Person.Group,
        RegionalGroup = (RegionalGroup)s.Person.Region,
        FixesRules = { s.Fixes },
        SessionsInMeeting = s.Person.SessionsInMeeting,
        Newcomer = s.Person.Newcomer,
        Reason = s.Reason,
    };
}
