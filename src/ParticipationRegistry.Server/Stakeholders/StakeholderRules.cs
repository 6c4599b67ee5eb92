using System.Net.Mail;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// What a valid stakeholder or organisation is, and how one maps to its row. The regional group
/// is derived from the country unless the caller states it; a country with no group yields none.
/// </summary>
public sealed class StakeholderRules(CountryCatalog countries)
{
    public const int MaxDisplayName = 200;
    public const int MaxText = 500;
    public const int MaxGenderSelfDescription = 100;

    public static readonly IReadOnlyList<string> UpdatableStakeholderFields =
    [
        "display_name", "affiliation", "organization", "stakeholder_group", "country_code",
        "regional_group", "gender", "attributes", "email", "publication_consent", "gender_self_description",
    ];

    public static readonly IReadOnlyList<string> UpdatableOrganizationFields =
    [
        "display_name", "stakeholder_group", "multistakeholder", "country_code",
    ];

    /// <summary>Validates the <paramref name="fields"/> of a stakeholder that will be written (all of them when null).</summary>
    public void Validate(Stakeholder stakeholder, IReadOnlySet<string>? fields, Violations violations)
    {
        bool Writes(string field) => fields is null || fields.Contains(field);
        if (Writes("display_name"))
        {
            ValidateDisplayName(stakeholder.DisplayName, violations);
        }

        if (Writes("affiliation") && stakeholder.Affiliation.Length > MaxText)
        {
            violations.Add("affiliation", $"At most {MaxText} characters.");
        }

        if (Writes("organization"))
        {
            ResourceName.CheckOptional<OrganizationName>(stakeholder.Organization, violations, "organization");
        }

        if (Writes("stakeholder_group")) RequireDefined(stakeholder.StakeholderGroup, "stakeholder_group", violations);
        if (Writes("country_code")) ValidateCountry(stakeholder.CountryCode, violations);
        if (Writes("regional_group")) RequireDefined(stakeholder.RegionalGroup, "regional_group", violations);
        if (Writes("gender")) RequireDefined(stakeholder.Gender, "gender", violations);
        if (Writes("gender_self_description")) ValidateGenderSelfDescription(stakeholder.GenderSelfDescription, stakeholder.Gender, violations);
        if (Writes("attributes"))
        {
            var seen = new HashSet<StakeholderAttribute>();
            for (var i = 0; i < stakeholder.Attributes.Count; i++)
            {
                var attribute = stakeholder.Attributes[i];
                if (attribute == StakeholderAttribute.Unspecified || !Enum.IsDefined(attribute))
                {
                    violations.Add($"attributes[{i}]", "Must be a defined StakeholderAttribute other than STAKEHOLDER_ATTRIBUTE_UNSPECIFIED.");
                }
                else if (!seen.Add(attribute))
                {
                    violations.Add($"attributes[{i}]", "Listed twice.");
                }
            }
        }

        if (Writes("publication_consent")) RequireDefined(stakeholder.PublicationConsent, "publication_consent", violations);
        if (Writes("email") && stakeholder.Email.Length > 0 && !IsEmail(stakeholder.Email))
        {
            violations.Add("email", "Must be an email address (name@example.org) or empty.");
        }
    }

    /// <summary>Validates the <paramref name="fields"/> of an organisation that will be written (all of them when null).</summary>
    public void Validate(Organization organization, IReadOnlySet<string>? fields, Violations violations)
    {
        bool Writes(string field) => fields is null || fields.Contains(field);
        if (Writes("display_name")) ValidateDisplayName(organization.DisplayName, violations);
        if (Writes("stakeholder_group")) RequireDefined(organization.StakeholderGroup, "stakeholder_group", violations);
        if (Writes("country_code")) ValidateCountry(organization.CountryCode, violations);
    }

    /// <summary>Writes the <paramref name="fields"/> of <paramref name="source"/> onto <paramref name="row"/>.</summary>
    public StakeholderRow Apply(Stakeholder source, IReadOnlySet<string> fields, StakeholderRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = source.DisplayName.Trim();
        if (fields.Contains("affiliation")) row.Affiliation = source.Affiliation.Trim();
        if (fields.Contains("organization")) row.OrganizationId = NameIds.OrganizationId(source.Organization);
        if (fields.Contains("stakeholder_group")) row.StakeholderGroup = (int)source.StakeholderGroup;
        if (fields.Contains("country_code")) row.CountryCode = source.CountryCode.ToUpperInvariant();
        if (fields.Contains("regional_group"))
        {
            row.RegionalGroupStated = source.RegionalGroup != RegionalGroup.Unspecified;
            row.RegionalGroup = (int)source.RegionalGroup;
        }

        if (!row.RegionalGroupStated)
        {
            row.RegionalGroup = (int)DerivedRegion(row.CountryCode);
        }

        if (fields.Contains("gender")) row.Gender = (int)source.Gender;
        if (fields.Contains("gender_self_description")) row.GenderSelfDescription = source.GenderSelfDescription.Trim();
        if (row.Gender != (int)Gender.SelfDescribed) row.GenderSelfDescription = "";
        if (fields.Contains("attributes")) row.Attributes = source.Attributes.Aggregate(0L, (bits, a) => bits | (1L << (int)a));
        if (fields.Contains("email")) row.Email = source.Email.Trim();
        if (fields.Contains("publication_consent")) row.PublicationConsent = (int)source.PublicationConsent;
        return row;
    }

    public OrganizationRow Apply(Organization source, IReadOnlySet<string> fields, OrganizationRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = source.DisplayName.Trim();
        if (fields.Contains("stakeholder_group")) row.StakeholderGroup = (int)source.StakeholderGroup;
        if (fields.Contains("multistakeholder")) row.Multistakeholder = source.Multistakeholder;
        if (fields.Contains("country_code")) row.CountryCode = source.CountryCode.ToUpperInvariant();
        return row;
    }

    public static Stakeholder ToProto(StakeholderRow row, StakeholderView view)
    {
        var stakeholder = new Stakeholder
        {
            Name = new StakeholderName(row.Id).ToString(),
            DisplayName = row.DisplayName,
            Affiliation = row.Affiliation,
            Organization = OrganizationText(row.OrganizationId),
            StakeholderGroup = (StakeholderGroup)row.StakeholderGroup,
            CountryCode = row.CountryCode,
            RegionalGroup = (RegionalGroup)row.RegionalGroup,
            CreateTime = Times.ToTimestampRequired(row.CreateTime),
            UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
            Etag = Etags.Format(row.Version),
            PublicationConsent = (PublicationConsent)row.PublicationConsent,
            PublicationConsentTime = row.PublicationConsentTime is { } consentTime ? Times.ToTimestamp(consentTime) : null,
        };
        if (view == StakeholderView.Full)
        {
            stakeholder.Gender = (Gender)row.Gender;
            stakeholder.GenderSelfDescription = row.GenderSelfDescription;
            stakeholder.Provenance = Provenance.ToProto(row);
            stakeholder.Email = row.Email;
            stakeholder.Attributes.AddRange(Enum.GetValues<StakeholderAttribute>()
                .Where(a => a != StakeholderAttribute.Unspecified && (row.Attributes & (1L << (int)a)) != 0));
        }

        return stakeholder;
    }

    public static Organization ToProto(OrganizationRow row) => new()
    {
        Name = new OrganizationName(row.Id).ToString(),
        DisplayName = row.DisplayName,
        StakeholderGroup = (StakeholderGroup)row.StakeholderGroup,
        Multistakeholder = row.Multistakeholder,
        CountryCode = row.CountryCode,
        CreateTime = Times.ToTimestampRequired(row.CreateTime),
        UpdateTime = Times.ToTimestampRequired(row.UpdateTime),
        Etag = Etags.Format(row.Version),
    };

    /// <summary>The organisation's name, or "" for none.</summary>
    public static string OrganizationText(string? organizationId) =>
        organizationId is null ? "" : new OrganizationName(organizationId).ToString();

    /// <summary>The country code upper-cased if it is in the catalogue, else null.</summary>
    public string? NormaliseCountry(string code) => countries.TryGet(code, out var country) ? country.Alpha2 : null;

    /// <summary>The regional group of the country's catalogue entry; unspecified for none or an unknown code.</summary>
    public RegionalGroup DerivedRegion(string countryCode) =>
        countryCode.Length > 0 && countries.TryGet(countryCode, out var country) ? (RegionalGroup)(int)country.Region : RegionalGroup.Unspecified;

    private void ValidateCountry(string code, Violations violations)
    {
        if (code.Length > 0 && NormaliseCountry(code) is null)
        {
            violations.Add("country_code", $"'{SafeText.Quote(code)}' is not an ISO 3166-1 alpha-2 code (or XK) in the registry's country list.");
        }
    }

    /// <summary>A self-described gender: short text, and only with GENDER_SELF_DESCRIBED.</summary>
    public static void ValidateGenderSelfDescription(string description, Gender gender, Violations violations)
    {
        if (description.Trim().Length > MaxGenderSelfDescription)
        {
            violations.Add("gender_self_description", $"At most {MaxGenderSelfDescription} characters.");
        }
        else if (description.Any(SafeText.IsControl))
        {
            // The declaration form reaches this without the gRPC limits: no tab, newline or escape either.
            violations.Add("gender_self_description", "No control characters (tab, newline or escape sequences).");
        }
        else if (description.Trim().Length > 0 && gender != Gender.SelfDescribed)
        {
            violations.Add("gender_self_description", "Only with gender GENDER_SELF_DESCRIBED.");
        }
    }

    private static void ValidateDisplayName(string displayName, Violations violations)
    {
        var trimmed = displayName.Trim();
        if (trimmed.Length == 0)
        {
            violations.Add("display_name", "Required.");
        }
        else if (trimmed.Length > MaxDisplayName)
        {
            violations.Add("display_name", $"At most {MaxDisplayName} characters.");
        }
    }

    /// <summary>Adds a violation of <paramref name="field"/> when <paramref name="value"/> is not a value of its enum.</summary>
    public static void RequireDefined<TEnum>(TEnum value, string field, Violations violations)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            violations.Add(field, $"{Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} is not a {typeof(TEnum).Name} value.");
        }
    }

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
