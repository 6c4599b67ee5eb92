using ParticipationRegistry.Server.Access;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// What balance answers show a caller without personal-data rights (<see cref="PersonalDataRights"/>):
/// nothing that would reveal a person's gender or attributes, each omission named in <c>redacted_fields</c>.
/// A verdict is withheld only when a required rule reads personal data, as the reports do.
/// </summary>
public static class BalanceDisclosure
{
    private static readonly string[] RuleFigures = ["outcome", "observed", "counted", "unknown", "explanation"];

    /// <summary>Whether the verdict (and so which required rules failed) depends on gender or attributes.</summary>
    public static bool VerdictReadsPersonalData(IReadOnlyList<BalanceRule> rules) =>
        rules.Any(r => r.Severity == Severity.Required && r.ReadsPersonalData);

    /// <summary>
    /// PERMISSION_DENIED on <c>filter</c> when a verdict filter would sort sessions by withheld verdicts:
    /// when any of the policies judging them (<paramref name="policies"/>) has a required rule reading personal data.
    /// </summary>
    public static void RequireVerdictFilterAllowed(PersonalDataRights rights, Caller caller, IEnumerable<IReadOnlyList<BalanceRule>> policies, SessionBalanceFilter filter)
    {
        if (filter.Verdict is not null && policies.Any(VerdictReadsPersonalData))
        {
            rights.RequireFull(caller, "filter", "A verdict under a policy whose required rules read gender or attributes");
        }
    }

    /// <summary>
    /// Leaves out of a stored panel's check the gender composition and gaps, every outcome and figure of a
    /// rule reading gender or attributes, the score (a personal rule's outcome moves it) and, when such a
    /// rule is required, the verdict.
    /// </summary>
    public static void WithholdPersonalData(CheckPanelBalanceResponse response, IReadOnlyList<BalanceRule> rules)
    {
        if (response.Verdict == Verdict.NotApplicable)
        {
            // Nothing was judged: the verdict says only the session's kind, which is public.
            return;
        }

        var redacted = response.RedactedFields;
        if (VerdictReadsPersonalData(rules))
        {
            response.Verdict = Verdict.Unspecified;
            redacted.Add("verdict");
        }

        if (rules.Any(r => r.ReadsPersonalData))
        {
            response.Score = 0;
            redacted.Add("score");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            if (rules[i].ReadsPersonalData)
            {
                var result = response.RuleResults[i];
                (result.Outcome, result.Observed, result.Counted, result.Unknown, result.Explanation) = (RuleOutcome.Unspecified, 0, 0, 0, "");
                redacted.AddRange(RuleFigures.Select(field => $"rule_results[{i}].{field}"));
            }
        }

        response.Composition.Genders.Clear();
        response.Gaps.MissingGenders.Clear();
        redacted.AddRange(["composition.genders", "gaps.missing_genders"]);
    }

    /// <summary>Leaves out of one line of the programme view what would reveal the panel's gender or attributes.</summary>
    public static void WithholdPersonalData(SessionBalance line, IReadOnlyList<BalanceRule> rules)
    {
        if (line.Verdict == Verdict.NotApplicable)
        {
            return;
        }

        var verdictPersonal = VerdictReadsPersonalData(rules);
        if (verdictPersonal)
        {
            line.Verdict = Verdict.Unspecified;
            line.RedactedFields.Add("verdict");
        }

        if (rules.Any(r => r.ReadsPersonalData))
        {
            line.Score = 0;
            line.RedactedFields.Add("score");
        }

        if (verdictPersonal)
        {
            line.FailedRules.Clear();
            line.RedactedFields.Add("failed_rules");
        }
    }

    /// <summary>
    /// Names, for every suggestion, the fixes and reason that were judged without the failing rules that
    /// read personal data: listed for all alike, so the listing reveals nothing of any one person.
    /// </summary>
    public static void NameJudgedWithoutPersonalData(SuggestPanelistsResponse response, IReadOnlyList<BalanceRule> rules)
    {
        if (!rules.Any(r => r.ReadsPersonalData && response.FailingRules.Contains(r.Id)))
        {
            return;
        }

        for (var i = 0; i < response.Suggestions.Count; i++)
        {
            response.RedactedFields.AddRange([$"suggestions[{i}].fixes_rules", $"suggestions[{i}].reason"]);
        }
    }
}
