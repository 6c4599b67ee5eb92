using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// Says in a rule's explanation when its verdict relies on data the people did not declare themselves
/// (recorded by staff, imported, or from before provenance was kept): a gender rule, on the known
/// genders it counted; the youth rule, on the attributes of everyone it counted.
/// </summary>
public static class ProvenanceNotes
{
    /// <param name="genderUndeclared">Of the panel's people, those whose gender is not self-declared.</param>
    /// <param name="attributesUndeclared">Of the panel's people, those whose attributes are not self-declared.</param>
    public static void Annotate(
        CheckPanelBalanceResponse response,
        Panel panel,
        IReadOnlyList<BalanceRule> rules,
        bool confirmedOnly,
        IReadOnlySet<string> genderUndeclared,
        IReadOnlySet<string> attributesUndeclared)
    {
        foreach (var result in response.RuleResults)
        {
            if (rules.FirstOrDefault(r => r.Id == result.RuleId) is not { ReadsPersonalData: true } rule || !rule.AppliesTo(panel))
            {
                continue;
            }

            var youth = rule.Kind is MinYouthRule;
            var undeclared = panel.Seats
                .Where(s => rule.Scope.Counts(s, confirmedOnly) && (youth || s.Gender is not (Gender.Unspecified or Gender.Declined)))
                .Select(s => s.PersonKey)
                .Distinct()
                .Count(youth ? attributesUndeclared.Contains : genderUndeclared.Contains);
            if (undeclared > 0)
            {
                var who = undeclared == 1 ? "1 person" : $"{undeclared} people";
                result.Explanation += $" This relies on the {(youth ? "age group" : "gender")} of {who} not declared by themselves.";
            }
        }
    }
}
