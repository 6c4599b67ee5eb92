namespace ParticipationRegistry.Server.Demo;

// The demo seed's own vocabulary: it mirrors the 2012 report form, so the loader, not the parser,
// decides how each value maps onto the registry's model.

public enum SeedGroup { Government, CivilSociety, PrivateSector, TechnicalCommunity, IntergovernmentalOrganization }

public enum SeedRegion { African, AsiaPacific, EasternEuropean, LatinAmericanCaribbean, WesternEuropeanOthers }

public enum SeedRole { Speaker, Moderator, RemoteModerator, Rapporteur }

public enum SeedConfirmation { Confirmed, Tentative }

public enum SeedWomenBand { None, Few, AboutOneThird, AboutHalf, Majority }

public enum SeedGenderDiscussion { NotRaised, Mentioned, Significant, MainFocus }

public sealed record SeedWorkshop(
    int Number,
    string Title,
    string Theme,
    IReadOnlyList<SeedOrganizer> Organizers,
    IReadOnlyList<SeedPerson> People,
    SeedReportCard ReportCard);

/// <param name="Multistakeholder">Tagged [MSH]: the organizer spans groups, so it has none.</param>
public sealed record SeedOrganizer(string Name, SeedGroup? Group, bool Multistakeholder);

/// <summary>One role held by one person. A person holding two roles (moderator and rapporteur) appears
/// twice with the identical <see cref="DisplayName"/>, which is what the loader dedupes people by.</summary>
/// <param name="DisplayName">The name without honorific.</param>
/// <param name="Honorific">"Mr." or "Ms." as the 2012 form recorded it, or null when it recorded none.</param>
/// <param name="Affiliation">The text between the name and the bracket; empty when the form gives none.</param>
public sealed record SeedPerson(
    string DisplayName,
    string? Honorific,
    string Affiliation,
    SeedRole Role,
    SeedConfirmation Confirmation,
    SeedGroup? Group,
    SeedRegion? Region);

public sealed record SeedReportCard(SeedWomenBand WomenParticipants, SeedGenderDiscussion GenderDiscussion);
