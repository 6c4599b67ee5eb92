using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Countries;

public sealed class CountryCatalogTests
{
    private const string Header = "alpha2,alpha3,name,un_member,regional_group,also_participates_in,ldc,lldc,sids,note";

    private static readonly CountryCatalog Catalog = CountryCatalog.LoadEmbedded();

    private static Country Get(string code) =>
        Catalog.TryGet(code, out var country) ? country : throw new InvalidOperationException($"{code} not found");

    [Fact]
    public void Embedded_catalog_holds_every_iso_code_and_kosovo()
    {
        Assert.Equal(250, Catalog.Count);
        Assert.Equal(250, Catalog.All.Select(country => country.Alpha2).Distinct().Count());
        Assert.Equal("Kosovo", Get("XK").Name);
    }

    [Theory]
    [InlineData("FI", nameof(Region.WesternEuropeanOthers))]
    [InlineData("HU", nameof(Region.EasternEuropean))]
    [InlineData("TR", nameof(Region.WesternEuropeanOthers))]
    [InlineData("US", nameof(Region.WesternEuropeanOthers))]
    [InlineData("AF", nameof(Region.AsiaPacific))]
    [InlineData("NG", nameof(Region.African))]
    [InlineData("BR", nameof(Region.LatinAmericanCaribbean))]
    [InlineData("VA", nameof(Region.Unassigned))]
    [InlineData("XK", nameof(Region.Unassigned))]
    public void Country_counts_in_its_regional_group(string code, string expected) =>
        Assert.Equal(expected, Get(code).Region.ToString());

    [Fact]
    public void Region_numbers_equal_the_proto_regional_group_values()
    {
        (Region Region, RegionalGroup Proto)[] pairs =
        [
            (Region.Unassigned, RegionalGroup.Unspecified),
            (Region.African, RegionalGroup.African),
            (Region.AsiaPacific, RegionalGroup.AsiaPacific),
            (Region.EasternEuropean, RegionalGroup.EasternEuropean),
            (Region.LatinAmericanCaribbean, RegionalGroup.LatinAmericanCaribbean),
            (Region.WesternEuropeanOthers, RegionalGroup.WesternEuropeanOthers),
        ];
        Assert.All(pairs, pair => Assert.Equal((int)pair.Proto, (int)pair.Region));
        Assert.Equal(Enum.GetValues<RegionalGroup>().Length, Enum.GetValues<Region>().Length);
    }

    [Theory]
    [InlineData("FI", true)]
    [InlineData("VA", false)]
    [InlineData("PS", false)]
    [InlineData("XK", false)]
    public void Only_full_members_are_un_members_and_observers_are_not(string code, bool expected) =>
        Assert.Equal(expected, Get(code).UnMember);

    [Fact]
    public void Afghanistan_is_least_developed_and_landlocked()
    {
        var afghanistan = Get("AF");
        Assert.Equal("AFG", afghanistan.Alpha3);
        Assert.True(afghanistan.Ldc);
        Assert.True(afghanistan.Lldc);
        Assert.False(afghanistan.Sids);
    }

    [Fact]
    public void Antigua_and_Barbuda_is_a_small_island_developing_state()
    {
        var antigua = Get("AG");
        Assert.True(antigua.Sids);
        Assert.False(antigua.Ldc);
        Assert.False(antigua.Lldc);
    }

    [Fact]
    public void Quoted_name_with_comma_is_one_field() =>
        Assert.Equal("Congo, The Democratic Republic of the", Get("CD").Name);

    [Fact]
    public void Lookup_ignores_case()
    {
        Assert.True(Catalog.TryGet("fi", out var finland));
        Assert.Equal("FI", finland.Alpha2);
    }

    [Fact]
    public void Unknown_code_is_not_found() => Assert.False(Catalog.TryGet("ZZ", out _));

    [Fact]
    public void Doubled_quotes_inside_a_quoted_field_are_one_quote()
    {
        var row = "AA,AAA,\"The \"\"Test\"\", Land\",,,,,,,\"a, note\"";
        var catalog = CountryCatalog.Parse(new StringReader($"{Header}\n{row}"));
        Assert.True(catalog.TryGet("AA", out var country));
        Assert.Equal("The \"Test\", Land", country.Name);
    }

    [Theory]
    [InlineData("AA,AAA,Test,yes,Nordic Group,,,,,")]
    [InlineData("AA,AAA,Test,maybe,,,,,,")]
    [InlineData("AA,AAA,Test,yes,,,no,,,")]
    [InlineData("AA,AAA,Test,yes,,,,,")]
    [InlineData("AA,AAA,\"Test,yes,,,,,,")]
    [InlineData("AA,AAA,Te\"st,yes,,,,,,")]
    [InlineData("AA,AAA,Test,,,,,,,\nAA,AAB,Again,,,,,,,")]
    public void Malformed_row_stops_the_load(string rows) =>
        Assert.Throws<FormatException>(() => CountryCatalog.Parse(new StringReader($"{Header}\n{rows}")));

    [Theory]
    [InlineData("AA,AAA,Te\"s\"t,yes,,,,,,")]
    [InlineData("AA,AAA,\"Te\"st\",yes,,,,,,")]
    [InlineData("AA,AAA,\"Test\"x,yes,,,,,,")]
    public void A_stray_quote_stops_the_load_even_with_the_right_field_count(string row) =>
        Assert.Throws<FormatException>(() => CountryCatalog.Parse(new StringReader($"{Header}\n{row}")));

    [Fact]
    public void A_quoted_empty_field_is_empty()
    {
        var catalog = CountryCatalog.Parse(new StringReader($"{Header}\r\nAA,AAA,Test,\"\",,,,,,\r\n"));

        Assert.True(catalog.TryGet("AA", out var country));
        Assert.False(country.UnMember);
    }

    [Fact]
    public void A_data_error_names_its_line()
    {
        var error = Assert.Throws<FormatException>(() => CountryCatalog.Parse(new StringReader($"{Header}\nAA,AAA,Test,,,,,,,\nAA,AAB,Again,,,,,,,")));

        Assert.StartsWith("Line 3: duplicate code 'AA'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_naming_a_column_twice_stops_the_load() =>
        Assert.Throws<FormatException>(() => CountryCatalog.Parse(new StringReader("alpha2,alpha2\nAA,AA")));

    [Fact]
    public void Wrong_header_stops_the_load() =>
        Assert.Throws<FormatException>(() => CountryCatalog.Parse(new StringReader("code,name\nAA,Test")));
}
