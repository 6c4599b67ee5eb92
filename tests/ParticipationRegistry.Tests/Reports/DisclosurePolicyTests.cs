using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Reports.Privacy;

namespace ParticipationRegistry.Tests.Reports;

// The README's Privacy rules, one by one, on DisclosurePolicy alone: cubes in, plan out, no SQL. Gender
// values list the categories in report order: woman, man, non-binary, self-described, declined, not
// recorded; "x" is a hidden cell. Expected values are worked out by hand from the table in docs/PRIVACY.md.
public sealed class DisclosurePolicyTests
{
    private const int Woman = 1;
    private const int Man = 2;
    private const int NonBinary = 3;
    private const int Workshop = 1;
    private const int MainSession = 2;
    private const int OpenForum = 3;
    private const int K = 3;

    private static readonly SeatScope Meeting = SeatScope.Meeting("m");

    private static readonly BalanceRule NotSingleGender = new("not-single-gender", Severity.Required, Scope.Default, new NotSingleGenderRule());

    private static readonly BalanceRule ThreeSpeakers = new("three-speakers", Severity.Required, Scope.Default, new MinSpeakersRule(3));

    // Five women (keys sum to 10: cell key 10, d = −2) and five men (keys 500: cell key 244, d = +2).
    private static readonly CubeRow[] Even = [Row(Woman, 5, 10), Row(Man, 5, 500)];

    private static CubeRow Row(int gender, long count, long keySum, int group = 1, int attendance = 0) => new(group, 1, gender, 1, 1, 0, attendance, count, keySum);

    private static string Values(CellDecision decision) => string.Join(",", decision.Published!.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "x"));

    private static string Values(long?[,] cells) => string.Join("/", Enumerable.Range(0, cells.GetLength(0))
        .Select(r => string.Join(",", Enumerable.Range(0, cells.GetLength(1)).Select(c => cells[r, c]?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "x"))));

    private static Dictionary<Population, IReadOnlyList<CubeRow>> Panels(IReadOnlyList<CubeRow> seats, IReadOnlyList<CubeRow>? panellists = null) => new()
    {
        [Population.Seats] = seats,
        [Population.Panellists] = panellists ?? seats,
    };

    private static DisclosurePlan Plan(
        SeatScope scope,
        Dictionary<Population, IReadOnlyList<CubeRow>> cubes,
        IReadOnlyDictionary<int, int> panelsByKind,
        int k = K,
        IReadOnlyList<(Dimension, Dimension, Population)>? crossTabs = null) =>
        new DisclosurePolicy(new DisclosureRequest(scope, k, crossTabs ?? [], [])).Plan(new DisclosureFigures(cubes, () => panelsByKind, MostSeats: 1));

    private static readonly Dictionary<int, int> TwoWorkshops = new() { [Workshop] = 2 };

    private static Func<IReadOnlyDictionary<int, int>> NotRead => () => throw new InvalidOperationException("Panels by kind read when not needed.");

    private static CellDecision[] PersonalDecisions(DisclosurePlan plan, params Population[] populations) =>
        [.. populations.SelectMany(p => new[] { plan.Of(p, Dimension.Gender), plan.Of(p, Dimension.Attribute) })];

    [Fact]
    public void A_public_cell_is_its_count_perturbed_by_its_cell_key_and_zeros_and_values_below_k_are_hidden()
    {
        // One non-binary person (key 250: d = +2, clamped to the total of 11 it is 3, shown), five women
        // (d = −2: 3), five men (d = +2: 7); the empty categories publish 0 and are hidden like any value below k.
        var plan = Plan(Meeting, Panels([Row(NonBinary, 1, 250), .. Even]), TwoWorkshops);

        var gender = plan.Of(Population.Seats, Dimension.Gender);
        Assert.False(gender.Withheld);
        Assert.Equal("3,7,3,x,x,x", Values(gender));
        // Known: 11 people, keys 760 → cell key 248, d = +2: 13, over the total of 11 → 11.
        Assert.Equal(11, gender.PublishedKnown);
    }

    [Fact]
    public void A_published_value_stays_within_zero_and_the_public_total()
    {
        // Two women, keys 0 (d = −2: 0) and one man, key 255 (d = +2: 3); total 3, threshold 1.
        var plan = Plan(Meeting, Panels([Row(Woman, 2, 0), Row(Man, 1, 255)]), TwoWorkshops, k: 1);

        Assert.Equal("x,3,x,x,x,x", Values(plan.Of(Population.Panellists, Dimension.Gender)));
    }

    [Fact]
    public void The_same_counts_with_other_keys_publish_other_values()
    {
        var first = Plan(Meeting, Panels([Row(Woman, 5, 100), Row(Man, 5, 100)]), TwoWorkshops);
        var second = Plan(Meeting, Panels([Row(Woman, 5, 200), Row(Man, 5, 250)]), TwoWorkshops);

        // Cell key 100: d = 0; 200: +1; 250: +2.
        Assert.Equal("5,5,x,x,x,x", Values(first.Of(Population.Seats, Dimension.Gender)));
        Assert.Equal("6,7,x,x,x,x", Values(second.Of(Population.Seats, Dimension.Gender)));
    }

    [Fact]
    public void A_seat_count_is_hidden_whenever_its_peoples_count_is()
    {
        // Alice (key 70) holds three seats: the seats' cell key 210 gives d = +1, 4 seats, shown on its own;
        // her people cell (one person, cell key 70: d = 0) publishes 1 and is hidden, so the seats are too.
        var seats = new[] { Row(Woman, 3, 210), Row(Man, 10, 1000) };
        var people = new[] { Row(Woman, 1, 70), Row(Man, 5, 500) };

        var plan = Plan(Meeting, Panels(seats, people), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats), (Dimension.Role, Dimension.Gender, Population.Seats)]);

        Assert.Equal("x,6,x,x,x,x", Values(plan.Of(Population.Panellists, Dimension.Gender)));
        Assert.Equal("x,11,x,x,x,x", Values(plan.Of(Population.Seats, Dimension.Gender)));
        Assert.All(plan.CrossTabs, tab => Assert.All(Enumerable.Range(0, tab.Published!.GetLength(0)), r => Assert.Null(tab.Published[r, 0])));
        // Without the people, the women's four seats would show.
        var alone = Plan(Meeting, Panels(seats, [Row(Woman, 5, 10), Row(Man, 5, 500)]), TwoWorkshops);
        Assert.Equal("4,11,x,x,x,x", Values(alone.Of(Population.Seats, Dimension.Gender)));
    }

    [Fact]
    public void Group_region_role_and_country_are_exact()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), K, [], []))
            .Plan(new DisclosureFigures(Panels([Row(Woman, 1, 7, group: 1), Row(Man, 1, 9, group: 2)]), NotRead, MostSeats: 1));

        foreach (var dimension in new[] { Dimension.StakeholderGroup, Dimension.RegionalGroup, Dimension.Role, Dimension.DevelopingCountry })
        {
            Assert.Equal(CellDecision.Exact, plan.Of(Population.Seats, dimension));
        }
    }

    [Fact]
    public void A_named_session_withholds_gender_and_attributes_whole()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), K, [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats)], []))
            .Plan(new DisclosureFigures(Panels(Even), NotRead, MostSeats: 1));

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.True(d.Withheld));
        Assert.True(Assert.Single(plan.CrossTabs).Withheld);
    }

    [Fact]
    public void Personal_data_asked_for_shows_exact_figures()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), 0, [(Dimension.StakeholderGroup, Dimension.Gender, Population.Panellists)], [NotSingleGender]))
            .Plan(new DisclosureFigures(Panels([Row(NonBinary, 1, 250), .. Even]), NotRead, MostSeats: 1));

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.Equal(CellDecision.Exact, d));
        var crossTab = Assert.Single(plan.CrossTabs);
        Assert.False(crossTab.Withheld);
        Assert.Null(crossTab.Published);
    }

    [Fact]
    public void A_threshold_below_the_default_is_still_the_perturbed_public_view()
    {
        var plan = Plan(Meeting, Panels(Even), TwoWorkshops, k: 1);

        Assert.Equal("3,7,x,x,x,x", Values(plan.Of(Population.Seats, Dimension.Gender)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_meeting_of_one_panel_or_fewer_withholds_the_panels_gender_whole(int panels)
    {
        var cubes = Panels(Even);
        cubes[Population.Registrants] = Even;
        var plan = Plan(Meeting, cubes, panels == 0 ? new Dictionary<int, int>() : new() { [Workshop] = panels }, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats)]);

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.True(d.Withheld));
        Assert.True(Assert.Single(plan.CrossTabs).Withheld);
        // The room is not one session's panel.
        Assert.Equal("3,7,x,x,x,x", Values(plan.Of(Population.Registrants, Dimension.Gender)));
    }

    public static TheoryData<string> OtherRestrictions => ["states", "themes", "roles", "confirmations", "kinds and states"];

    [Theory]
    [MemberData(nameof(OtherRestrictions))]
    public void Any_other_restriction_withholds_the_panels_gender_and_attributes_whole(string restriction)
    {
        var scope = restriction switch
        {
            "states" => Meeting with { States = [3] },
            "themes" => Meeting with { Themes = ["access"] },
            "roles" => Meeting with { Roles = [1] },
            "confirmations" => Meeting with { Confirmations = [3] },
            _ => Meeting with { Kinds = [Workshop], States = [3] },
        };
        var cubes = Panels(Even);
        cubes[Population.Registrants] = Even;
        var plan = Plan(scope, cubes, TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats), (Dimension.StakeholderGroup, Dimension.RegionalGroup, Population.Seats)]);

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.True(d.Withheld));
        Assert.True(plan.CrossTabs[0].Withheld);
        Assert.False(plan.CrossTabs[1].Withheld);
        Assert.False(plan.Of(Population.Registrants, Dimension.Gender).Withheld);
    }

    [Fact]
    public void A_report_of_kinds_alone_perturbs_its_seats_and_withholds_its_panellists()
    {
        var plan = Plan(Meeting with { Kinds = [MainSession] }, Panels(Even), new Dictionary<int, int> { [Workshop] = 2, [MainSession] = 2 });

        Assert.Equal("3,7,x,x,x,x", Values(plan.Of(Population.Seats, Dimension.Gender)));
        // Panellists of several kinds do not add up: withheld whole.
        Assert.True(plan.Of(Population.Panellists, Dimension.Gender).Withheld);
    }

    [Fact]
    public void A_kind_of_one_session_is_withheld()
    {
        var panels = new Dictionary<int, int> { [Workshop] = 2, [OpenForum] = 1 };

        Assert.True(Plan(Meeting with { Kinds = [OpenForum] }, Panels(Even), panels).Of(Population.Seats, Dimension.Gender).Withheld);
        Assert.True(Plan(Meeting with { Kinds = [OpenForum, Workshop] }, Panels(Even), panels).Of(Population.Seats, Dimension.Gender).Withheld);
        Assert.False(Plan(Meeting with { Kinds = [Workshop] }, Panels(Even), panels).Of(Population.Seats, Dimension.Gender).Withheld);
    }

    [Fact]
    public void Onsite_and_remote_registrants_are_perturbed_each_within_its_own_total()
    {
        var cubes = Panels(Even);
        cubes[Population.RegistrantsOnsite] = [Row(Woman, 4, 100), Row(Man, 2, 250)];
        cubes[Population.RegistrantsRemote] = [Row(Woman, 1, 250), Row(NonBinary, 3, 0)];

        var plan = Plan(Meeting, cubes, TwoWorkshops);

        // Onsite: 4 (d = 0), 2 + 2 = 4; remote: 1 + 2 = 3, 3 − 2 = 1 (hidden).
        Assert.Equal("4,4,x,x,x,x", Values(plan.Of(Population.RegistrantsOnsite, Dimension.Gender)));
        Assert.Equal("3,x,x,x,x,x", Values(plan.Of(Population.RegistrantsRemote, Dimension.Gender)));
    }

    [Fact]
    public void A_cross_tab_perturbs_each_cell_with_its_own_key()
    {
        // Group 1: five women (keys 10: d = −2), group 2: five women (keys 200: +1) and five men (keys 500: +2).
        CubeRow[] people = [Row(Woman, 5, 10, group: 1), Row(Woman, 5, 200, group: 2), Row(Man, 5, 500, group: 2)];

        var plan = Plan(Meeting, Panels(people), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Panellists)]);

        var tab = Assert.Single(plan.CrossTabs).Published!;
        Assert.Equal(3L, tab[0, 0]);
        Assert.Equal(6L, tab[1, 0]);
        Assert.Equal(7L, tab[1, 1]);
        Assert.Null(tab[0, 1]);
        // The margin (women: 10, keys 210 → d = +1) is the breakdown's own value, not the cells' sum.
        Assert.Equal(11L, plan.Of(Population.Panellists, Dimension.Gender).Published![0]);
    }

    [Fact]
    public void Cross_tabs_without_personal_data_are_exact()
    {
        var plan = Plan(Meeting, Panels(Even), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.RegionalGroup, Population.Seats)]);

        var crossTab = Assert.Single(plan.CrossTabs);
        Assert.False(crossTab.Withheld);
        Assert.Null(crossTab.Published);
    }

    [Fact]
    public void Cross_tabs_of_populations_the_report_lacks_are_left_out()
    {
        var plan = Plan(Meeting, Panels(Even), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Registrants)]);

        Assert.Empty(plan.CrossTabs);
    }
}
