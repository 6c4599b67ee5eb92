using ParticipationRegistry.Server.Countries;

namespace ParticipationRegistry.Tests.Countries;

/// <summary>The country names the declaration form shows in its three languages (Countries/country-names.csv).</summary>
public sealed class CountryNamesTests
{
    [Fact]
    public void Every_country_of_the_catalogue_has_a_name_in_each_language_of_the_form()
    {
        var names = CountryNames.Embedded;
        var catalogue = CountryCatalog.LoadEmbedded();

        Assert.Equal(catalogue.All.Select(c => c.Alpha2), names.Codes);
        Assert.Equal(Declarations.FormLanguages, CountryNames.Languages);
        foreach (var country in catalogue.All)
        {
            // English is the catalogue's own name; the others are names, never empty.
            Assert.Equal(country.Name, names.Of(country.Alpha2, "en"));
            Assert.All(CountryNames.Languages, language => Assert.False(string.IsNullOrWhiteSpace(names.Of(country.Alpha2, language))));
        }
    }

    [Theory]
    [InlineData("BR", "en", "Brazil")]
    [InlineData("BR", "fr", "Brésil")]
    [InlineData("BR", "es", "Brasil")]
    [InlineData("de", "fr", "Allemagne")]
    [InlineData("DZ", "es", "Argelia")]
    [InlineData("CI", "es", "Costa de Marfil")]
    [InlineData("XK", "fr", "Kosovo")]
    [InlineData("JP", "de", "Japan")]
    public void A_name_is_given_in_the_language_asked_else_in_english(string code, string language, string expected) =>
        Assert.Equal(expected, CountryNames.Embedded.Of(code, language));

    [Fact]
    public void A_code_not_named_has_no_name() => Assert.Null(CountryNames.Embedded.Of("ZZ", "en"));

    [Theory]
    [InlineData("alpha2,en,fr\nBR,Brazil,Brésil\n", "Line 1")]
    [InlineData("alpha2,en,fr,es\nBR,Brazil,Brésil\n", "expected 4 fields")]
    [InlineData("alpha2,en,fr,es\nBR,Brazil,,Brasil\n", "every field must be filled")]
    [InlineData("alpha2,en,fr,es\nBR,Brazil,Brésil,Brasil\nbr,Brazil,Brésil,Brasil\n", "duplicate code 'br'")]
    [InlineData("alpha2,en,fr,es\nCD,\"Congo, The \"Democratic\" Republic\",RDC,RDC\n", "quote")]
    public void A_malformed_file_is_refused_by_line(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => CountryNames.Parse(new StringReader(text)));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    private static class Declarations
    {
        public static IReadOnlyList<string> FormLanguages => ParticipationRegistry.Server.Declarations.FormTexts.Languages;
    }
}
