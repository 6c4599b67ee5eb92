using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>The cursor of the merged policy list and the split of a session-balance filter, without a server.</summary>
public sealed class BalanceListingTests
{
    [Fact]
    public void A_preset_cursor_survives_the_page_token_form()
    {
        var cursor = new PolicyCursor.AfterPreset(2).ToPageCursor();

        Assert.Equal(new PolicyCursor.AfterPreset(2), PolicyCursor.From(cursor));
    }

    [Fact]
    public void A_stored_policy_cursor_is_the_keyset_cursor_whatever_its_display_name()
    {
        var keyset = new PageCursor("\0odd display name", "my-policy");

        Assert.Equal(new PolicyCursor.AfterStored(keyset), PolicyCursor.From(keyset));
        Assert.Equal(keyset, PolicyCursor.From(keyset)!.ToPageCursor());
        Assert.Null(PolicyCursor.From(null));
    }

    [Fact]
    public void The_verdict_term_is_judged_in_code_and_the_other_terms_go_to_sql_as_parsed()
    {
        var filter = SessionBalanceFilter.Parse("""verdict = VERDICT_UNBALANCED AND state = "SESSION_STATE_\"HELD" AND kind = SESSION_KIND_WORKSHOP""");

        Assert.Equal(PanelVerdict.Unbalanced, filter.Verdict);
        Assert.Equal([new FilterTerm("state", "SESSION_STATE_\"HELD"), new FilterTerm("kind", "SESSION_KIND_WORKSHOP")], filter.SqlTerms);
    }

    [Fact]
    public void Without_a_verdict_term_every_verdict_is_admitted()
    {
        var filter = SessionBalanceFilter.Parse("kind = SESSION_KIND_WORKSHOP");

        Assert.Null(filter.Verdict);
        Assert.All(Enum.GetValues<PanelVerdict>(), v => Assert.True(filter.Admits(new BalanceReport(v, 0, []))));
    }

    [Fact]
    public void A_verdict_filter_admits_only_its_verdict()
    {
        var filter = SessionBalanceFilter.Parse("verdict = VERDICT_BALANCED AND verdict = VERDICT_BALANCED");

        Assert.True(filter.Admits(new BalanceReport(PanelVerdict.Balanced, 100, [])));
        Assert.False(filter.Admits(new BalanceReport(PanelVerdict.Indeterminate, 50, [])));
    }

    [Theory]
    [InlineData("verdict = VERDICT_BALANCED AND verdict = VERDICT_UNBALANCED")]
    [InlineData("verdict = BALANCED")]
    [InlineData("verdict = VERDICT_UNSPECIFIED")]
    public void A_bad_verdict_filter_is_invalid(string filter)
    {
        var error = Assert.Throws<RegistryException>(() => SessionBalanceFilter.Parse(filter));

        Assert.Equal(ErrorReason.InvalidFilter, error.Reason);
    }
}
