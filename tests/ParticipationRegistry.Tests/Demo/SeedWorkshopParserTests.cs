using ParticipationRegistry.Server.Demo;

namespace ParticipationRegistry.Tests.Demo;

public sealed class SeedWorkshopParserTests
{
    private static readonly SeedWorkshop Workshop = SeedWorkshopParser.ParseEmbedded();

    private static SeedPerson Single(SeedRole role, string displayName) =>
        Assert.Single(Workshop.People, person => person.Role == role && person.DisplayName == displayName);

    private static string EmbeddedText()
    {
        using var stream =
            typeof(SeedWorkshopParser).Assembly.GetManifestResourceStream("igf-2012-workshop-85.txt")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static string EmbeddedTextWith(string original, string replacement)
    {
        var text = EmbeddedText();
        Assert.Contains(original, text, StringComparison.Ordinal);
        return text.Replace(original, replacement, StringComparison.Ordinal);
    }

    [Fact]
    public void Number_title_and_theme_come_from_the_report()
    {
        Assert.Equal(85, Workshop.Number);
        Assert.Equal("Quo Vadis IGF – or Evolution of IGF", Workshop.Title);
        Assert.Equal("Taking Stock and the Way Forward", Workshop.Theme);
    }

    [Fact]
    public void Seven_distinct_people_hold_eight_roles()
    {
        Assert.Equal(8, Workshop.People.Count);
        Assert.Equal(
            [
                "Peter Major", "Wolfgang Kleinwächter", "Mervi Kultamaa", "Markus Kummer", "Parminder Jeet Singh",
                "Izumi Aizu", "Avri Doria",
            ],
            Workshop.People.Select(person => person.DisplayName).Distinct());
    }

    [Fact]
    public void Five_panelists_are_speakers() =>
        Assert.Equal(5, Workshop.People.Count(person => person.Role == SeedRole.Speaker));

    [Fact]
    public void Confirmed_speaker_keeps_honorific_affiliation_group_and_region() =>
        Assert.Equal(
            new SeedPerson(
                "Peter Major",
                "Mr.",
                "Chair, CSTD Working Group on IGF Improvement, Special Advisor, "
                    + "Permanent Mission of Hungary to the United Nations in Geneva",
                SeedRole.Speaker,
                SeedConfirmation.Confirmed,
                SeedGroup.Government,
                SeedRegion.WesternEuropeanOthers),
            Single(SeedRole.Speaker, "Peter Major"));

    [Fact]
    public void Speaker_without_honorific_has_none() =>
        Assert.Equal(
            new SeedPerson(
                "Wolfgang Kleinwächter",
                null,
                "Professor for International Communication Policy and Regulation, University of Aarhus",
                SeedRole.Speaker,
                SeedConfirmation.Confirmed,
                SeedGroup.CivilSociety,
                SeedRegion.WesternEuropeanOthers),
            Single(SeedRole.Speaker, "Wolfgang Kleinwächter"));

    [Fact]
    public void Technical_community_speaker_is_confirmed() =>
        Assert.Equal(
            new SeedPerson(
                "Markus Kummer",
                "Mr.",
                "Vice President of Public Policy, Internet Society",
                SeedRole.Speaker,
                SeedConfirmation.Confirmed,
                SeedGroup.TechnicalCommunity,
                SeedRegion.WesternEuropeanOthers),
            Single(SeedRole.Speaker, "Markus Kummer"));

    [Fact]
    public void Tbc_in_any_position_makes_a_speaker_tentative() =>
        Assert.Equal(
            new SeedPerson(
                "Mervi Kultamaa",
                "Ms.",
                "Counsellor, Information Society & Trade Facilitation, Ministry for Foreign Affairs of Finland, "
                    + "Department for External Economic Relations",
                SeedRole.Speaker,
                SeedConfirmation.Tentative,
                SeedGroup.Government,
                SeedRegion.WesternEuropeanOthers),
            Single(SeedRole.Speaker, "Mervi Kultamaa"));

    [Fact]
    public void Speaker_without_a_mark_is_tentative() =>
        Assert.Equal(
            new SeedPerson(
                "Parminder Jeet Singh",
                "Mr.",
                "Executive Coordinator, IT for Change",
                SeedRole.Speaker,
                SeedConfirmation.Tentative,
                SeedGroup.CivilSociety,
                SeedRegion.AsiaPacific),
            Single(SeedRole.Speaker, "Parminder Jeet Singh"));

    [Fact]
    public void Moderator_line_among_panelists_is_the_moderator() =>
        Assert.Equal(
            new SeedPerson(
                "Izumi Aizu",
                null,
                "Senior Research Fellow, Institute for InfoSocionomics, Tama University",
                SeedRole.Moderator,
                SeedConfirmation.Confirmed,
                SeedGroup.CivilSociety,
                SeedRegion.AsiaPacific),
            Assert.Single(Workshop.People, person => person.Role == SeedRole.Moderator));

    [Fact]
    public void Remote_moderator_without_a_mark_is_confirmed_with_an_empty_affiliation() =>
        Assert.Equal(
            new SeedPerson(
                "Avri Doria",
                "Ms.",
                "",
                SeedRole.RemoteModerator,
                SeedConfirmation.Confirmed,
                SeedGroup.CivilSociety,
                SeedRegion.WesternEuropeanOthers),
            Assert.Single(Workshop.People, person => person.Role == SeedRole.RemoteModerator));

    [Fact]
    public void Rapporteur_is_the_moderator_in_a_second_role()
    {
        var rapporteur = Assert.Single(Workshop.People, person => person.Role == SeedRole.Rapporteur);
        var moderator = Single(SeedRole.Moderator, "Izumi Aizu");
        Assert.Equal(moderator with { Role = SeedRole.Rapporteur }, rapporteur);
    }

    [Fact]
    public void Rapporteur_not_on_the_panel_is_recorded_by_name_alone() =>
        Assert.Equal(
            new SeedPerson("Jane Doe", "Ms.", "", SeedRole.Rapporteur, SeedConfirmation.Confirmed, null, null),
            Assert.Single(
                SeedWorkshopParser.Parse(EmbeddedTextWith("\nIzumi Aizu\n", "\nMs. Jane Doe\n")).People,
                person => person.Role == SeedRole.Rapporteur));

    [Fact]
    public void Organizers_keep_their_tags()
    {
        Assert.Equal(
            [
                new SeedOrganizer("Civil Society Internet Governance Caucus (CS IGC)", SeedGroup.CivilSociety, false),
                new SeedOrganizer("Consumer International", SeedGroup.CivilSociety, false),
                new SeedOrganizer("Diplo Foundation", null, true),
                new SeedOrganizer("Government of Finland", SeedGroup.Government, false),
                new SeedOrganizer("Internet Society", SeedGroup.TechnicalCommunity, false),
                new SeedOrganizer("Institute for InfoSocinomics, Tama University", SeedGroup.CivilSociety, false),
                new SeedOrganizer("IT for Change", SeedGroup.CivilSociety, false),
            ],
            Workshop.Organizers);
    }

    [Fact]
    public void Untagged_organizer_not_named_government_has_no_group() =>
        Assert.Contains(
            new SeedOrganizer("Diplo Foundation", null, false),
            SeedWorkshopParser.Parse(EmbeddedTextWith("Diplo Foundation [MSH]", "Diplo Foundation")).Organizers);

    [Fact]
    public void Gender_report_card_answers_map_to_their_bands() =>
        Assert.Equal(new SeedReportCard(SeedWomenBand.AboutHalf, SeedGenderDiscussion.NotRaised), Workshop.ReportCard);

    [Fact]
    public void Unknown_bracket_token_is_a_format_error_naming_the_line()
    {
        var text = EmbeddedTextWith("[Government, WEOG, TBC]", "[Government, WEOG, Maybe]");
        var error = Assert.Throws<FormatException>(() => SeedWorkshopParser.Parse(text));
        Assert.Contains("'Maybe'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mervi Kultamaa", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_kind_of_bracket_token_is_a_format_error()
    {
        var text = EmbeddedTextWith("[Civil Society, WEOG]", "[Civil Society, WEOG, Asia Pacific]");
        Assert.Throws<FormatException>(() => SeedWorkshopParser.Parse(text));
    }

    [Fact]
    public void Unknown_organizer_tag_is_a_format_error()
    {
        var text = EmbeddedTextWith("Diplo Foundation [MSH]", "Diplo Foundation [Academia]");
        Assert.Throws<FormatException>(() => SeedWorkshopParser.Parse(text));
    }

    [Fact]
    public void Unknown_gender_answer_is_a_format_error_naming_the_line()
    {
        var text = EmbeddedTextWith("About half of the participants were women", "Roughly half were women");
        var error = Assert.Throws<FormatException>(() => SeedWorkshopParser.Parse(text));
        Assert.Contains("Roughly half were women", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_heading_is_a_format_error_naming_it()
    {
        var text = EmbeddedTextWith("Name of Remote Moderator(s):", "");
        var error = Assert.Throws<FormatException>(() => SeedWorkshopParser.Parse(text));
        Assert.Contains("Name of Remote Moderator(s):", error.Message, StringComparison.Ordinal);
    }
}
