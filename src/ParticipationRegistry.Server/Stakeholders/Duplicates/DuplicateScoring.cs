using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders.Duplicates;

/// <summary>What duplicate detection compares of a person: the normalised keys, and country and organisation.</summary>
public sealed record PersonKeys(string Id, string NameKey, string SortedNameKey, string AffiliationKey, string Email, string CountryCode, string? OrganizationId);

/// <summary>A proposed pair, <see cref="A"/> &lt; <see cref="B"/> by id.</summary>
public sealed record Candidate(string A, string B, double Confidence, IReadOnlyList<DuplicateReason> Reasons);

/// <summary>
/// How likely two people are one. A name alone is weak evidence: the same name scores 0.6, raised by
/// the same organisation (+0.3) or country (+0.15) and lowered by a different one of either (−0.2,
/// −0.25), so two "Ahmed Ali" of different countries and organisations score 0.15. A name a letter or
/// two apart (or with two letters swapped) counts only with the same organisation or country. The same
/// email scores 0.95 on its own.
/// </summary>
public static class DuplicateScoring
{
    public static Candidate? Score(PersonKeys x, PersonKeys y)
    {
        // Most pairs of a block have different names and nothing else in common: no edit distance needed to drop them.
        if (x.NameKey != y.NameKey && x.SortedNameKey != y.SortedNameKey && (x.Email.Length == 0 || x.Email != y.Email)
            && (x.CountryCode.Length == 0 || x.CountryCode != y.CountryCode) && (x.OrganizationId is null || x.OrganizationId != y.OrganizationId)
            && (x.AffiliationKey.Length == 0 || y.AffiliationKey.Length == 0))
        {
            return null;
        }

        var (a, b) = string.CompareOrdinal(x.Id, y.Id) < 0 ? (x, y) : (y, x);
        var reasons = new List<DuplicateReason>();
        var sameEmail = a.Email.Length > 0 && a.Email == b.Email;
        var sameName = a.NameKey.Length > 0 && a.NameKey == b.NameKey;
        var sameWords = !sameName && a.SortedNameKey.Length > 0 && a.SortedNameKey == b.SortedNameKey;
        // Letters as readers see them (EditDistance): "राम" and "रमा" are two letters apart, not one swap.
        var (transposed, near) = sameName || sameWords ? (false, false) : EditDistance.Compare(a.NameKey, b.NameKey);
        var close = near && !transposed;

        var sameOrganization = (a.OrganizationId is not null && a.OrganizationId == b.OrganizationId) || SimilarAffiliation(a.AffiliationKey, b.AffiliationKey);
        var otherOrganization = !sameOrganization
            && ((a.OrganizationId is not null && b.OrganizationId is not null) || (a.AffiliationKey.Length > 0 && b.AffiliationKey.Length > 0));
        var sameCountry = a.CountryCode.Length > 0 && a.CountryCode == b.CountryCode;
        var otherCountry = a.CountryCode.Length > 0 && b.CountryCode.Length > 0 && !sameCountry;

        double confidence;
        if (sameName || sameWords)
        {
            confidence = sameName ? 0.6 : 0.5;
        }
        else if ((transposed || close) && (sameOrganization || sameCountry))
        {
            confidence = 0.45;
        }
        else if (!sameEmail)
        {
            return null;
        }
        else
        {
            confidence = 0;
        }

        if (sameOrganization) confidence += 0.3;
        if (sameCountry) confidence += 0.15;
        if (otherOrganization) confidence -= 0.2;
        if (otherCountry) confidence -= 0.25;
        if (sameEmail) confidence = Math.Max(confidence, 0.95);
        confidence = Math.Round(Math.Clamp(confidence, 0.05, 0.99), 2);

        if (sameEmail) reasons.Add(DuplicateReason.SameEmail);
        if (sameName) reasons.Add(DuplicateReason.SameNormalisedName);
        if (sameWords) reasons.Add(DuplicateReason.SameNameWords);
        if (transposed) reasons.Add(DuplicateReason.NameTransposition);
        if (close) reasons.Add(DuplicateReason.NameEditDistance);
        if (sameOrganization) reasons.Add(DuplicateReason.SameOrganization);
        if (sameCountry) reasons.Add(DuplicateReason.SameCountry);
        return new Candidate(a.Id, b.Id, confidence, reasons);
    }

    /// <summary>Affiliations equal once normalised, or a letter or two apart ("InfoSocionomics", "InfoSocinomics").</summary>
    public static bool SimilarAffiliation(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return false;
        }

        if (a == b)
        {
            return true;
        }

        return EditDistance.Compare(a, b).Close;
    }
}
