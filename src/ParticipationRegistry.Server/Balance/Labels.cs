using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>The words people use for the API's values.</summary>
public static class Labels
{
    public static string Group(StakeholderGroup group) => group switch
    {
        StakeholderGroup.Government => "Government",
        StakeholderGroup.CivilSociety => "Civil Society",
        StakeholderGroup.PrivateSector => "Private Sector",
        StakeholderGroup.TechnicalCommunity => "Technical Community",
        StakeholderGroup.IntergovernmentalOrganization => "Intergovernmental Organizations",
        _ => "unknown group",
    };

    public static string Region(RegionalGroup region) => region switch
    {
        RegionalGroup.African => "the African Group",
        RegionalGroup.AsiaPacific => "Asia-Pacific",
        RegionalGroup.EasternEuropean => "Eastern Europe",
        RegionalGroup.LatinAmericanCaribbean => "GRULAC",
        RegionalGroup.WesternEuropeanOthers => "WEOG",
        _ => "unassigned",
    };

    public static string GenderPlural(Gender gender) => gender switch
    {
        Gender.Woman => "women",
        Gender.Man => "men",
        Gender.NonBinary => "non-binary",
        Gender.SelfDescribed => "of one self-described gender",
        _ => "of unknown gender",
    };

    public static string GenderSingular(Gender gender) => gender switch
    {
        Gender.Woman => "a woman",
        Gender.Man => "a man",
        Gender.NonBinary => "non-binary",
        Gender.SelfDescribed => "of a self-described gender",
        _ => "of unknown gender",
    };

    public static string RolePlural(ParticipantRole role) => role switch
    {
        ParticipantRole.Speaker => "speakers",
        ParticipantRole.Moderator => "moderators",
        ParticipantRole.RemoteModerator => "remote moderators",
        ParticipantRole.Rapporteur => "rapporteurs",
        ParticipantRole.Organizer => "organisers",
        _ => "panellists",
    };
}
