using ParticipationRegistry.Server.Stakeholders.Duplicates;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>The edit distance counts letters as readers see them (extended grapheme clusters), not UTF-16 code units.</summary>
public sealed class EditDistanceTests
{
    [Fact]
    public void Two_latin_letters_swapped_are_one_transposition()
    {
        Assert.Equal(1, EditDistance.Bounded("abc", "acb", 2));
        Assert.Equal((true, true), EditDistance.Compare("kleinwachter", "kleinwacther"));
        Assert.Equal((false, true), EditDistance.Compare("kultamaa", "kultama"));
    }

    [Fact]
    public void A_vowel_sign_moved_to_the_next_consonant_is_two_substituted_letters_not_a_swap()
    {
        // राम is रा + म, रमा is र + मा: in code units the vowel sign ा and म are swapped.
        Assert.Equal(2, EditDistance.Bounded("राम", "रमा", 3));
        Assert.Equal(2, EditDistance.Bounded("राम शर्मा", "रमा शर्मा", 3));
        Assert.Equal((false, false), EditDistance.Compare("राम शर्मा", "रमा शर्मा"));
    }

    [Fact]
    public void Letters_of_several_code_units_count_one_each()
    {
        // Two whole Devanagari letters swapped are one transposition; a letter and its combining accent are one letter.
        Assert.Equal((true, true), EditDistance.Compare("कमलनाथ शर्मा", "कलमनाथ शर्मा"));
        Assert.Equal(1, EditDistance.Bounded("jose\u0301", "josa", 2));
        Assert.Equal(1, EditDistance.Bounded("a\U0001F600b", "ab", 2));
        Assert.Equal(0, EditDistance.Bounded("राम", "राम", 0));
    }
}
