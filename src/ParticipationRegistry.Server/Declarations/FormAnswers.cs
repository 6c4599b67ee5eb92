using Microsoft.Extensions.Primitives;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>What the form holds, as the form names it: read from the record, or from a submission, and checked.</summary>
public sealed record FormAnswers(int Gender, string Words, IReadOnlySet<int> Attributes, int Consent, string Email)
{
    /// <summary>The form's value of each gender, in the order the form offers them.</summary>
    public static readonly IReadOnlyList<(string Value, Gender Gender)> Genders =
    [
        ("woman", V1.Gender.Woman), ("man", V1.Gender.Man), ("non_binary", V1.Gender.NonBinary),
        ("self_described", V1.Gender.SelfDescribed), ("declined", V1.Gender.Declined), ("none", V1.Gender.Unspecified),
    ];

    public static readonly IReadOnlyList<(string Value, StakeholderAttribute Attribute)> AttributeValues =
    [
        ("youth", StakeholderAttribute.Youth), ("academia", StakeholderAttribute.Academia), ("parliamentarian", StakeholderAttribute.Parliamentarian),
        ("media", StakeholderAttribute.Media), ("disability", StakeholderAttribute.PersonWithDisability),
    ];

    public static readonly IReadOnlyList<(string Value, PublicationConsent Consent)> Consents =
    [
        ("given", PublicationConsent.Given), ("refused", PublicationConsent.Refused),
    ];

    public static FormAnswers Of(StakeholderRow row) => new(
        row.Gender,
        row.GenderSelfDescription,
        AttributeValues.Where(a => (row.Attributes & (1L << (int)a.Attribute)) != 0).Select(a => (int)a.Attribute).ToHashSet(),
        row.PublicationConsent,
        row.Email);

    /// <summary>A submission; values the form does not offer are read as nothing chosen.</summary>
    public static FormAnswers Read(IFormCollection form)
    {
        var gender = Genders.FirstOrDefault(g => g.Value == First(form["gender"])).Gender;
        var attributes = form["attributes"].Select(v => AttributeValues.FirstOrDefault(a => a.Value == v).Attribute)
            .Where(a => a != StakeholderAttribute.Unspecified).Select(a => (int)a).ToHashSet();
        var consent = Consents.FirstOrDefault(c => c.Value == First(form["publication_consent"])).Consent;
        return new FormAnswers((int)gender, (First(form["gender_self_description"]) ?? "").Trim(), attributes, (int)consent, (First(form["email"]) ?? "").Trim());
    }

    /// <summary>The problems, by form field, as message keys of <see cref="FormTexts"/>; the rules are the API's own.</summary>
    public IReadOnlyList<(string Field, string Message)> Problems(StakeholderRules rules)
    {
        var violations = new Violations();
        var stakeholder = ToStakeholder();
        rules.Validate(stakeholder, new HashSet<string> { "email", "gender", "gender_self_description" }, violations);
        return violations.Items.Select(v => v.Field switch
        {
            "email" => ("email", "error_email"),
            _ when Words.Length > StakeholderRules.MaxGenderSelfDescription => ("gender_self_description", "error_words_long"),
            _ => ("gender_self_description", "error_words_option"),
        }).Distinct().ToList();
    }

    public Declaration ToDeclaration() => new(
        Gender,
        Gender == (int)V1.Gender.SelfDescribed ? Words : "",
        Attributes.Aggregate(0L, (bits, a) => bits | (1L << a)),
        Consent,
        Email);

    private Stakeholder ToStakeholder() => new() { Gender = (Gender)Gender, GenderSelfDescription = Words, Email = Email };

    private static string? First(StringValues values) => values.Count > 0 ? values[0] : null;
}
