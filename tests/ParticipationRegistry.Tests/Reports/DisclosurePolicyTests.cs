using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Reports.Privacy;

namespace ParticipationRegistry.Tests.Reports;

// The README's Privacy rules, one by one, on DisclosurePolicy alone: cubes in, plan out, no SQL. Gender
// patterns list the categories in report order: woman, man, non-binary, self-described, declined, not recorded.
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

    // Five women and five men: no small count anywhere.
    private static readonly CubeRow[] Even = [Row(Woman, 5), Row(Man, 5)];

    // One non-binary person among five women and five men.
    private static readonly CubeRow[] OneNonBinary = [Row(NonBinary, 1), Row(Woman, 5), Row(Man, 5)];

    private static CubeRow Row(int gender, long count, int group = 1, int attendance = 0) => new(group, 1, gender, 1, 1, 0, attendance, count);

    private static string Pattern(CellDecision decision) => new([.. decision.Suppressed.Select(s => s ? 'x' : '.')]);

    private static string Pattern(bool[,] flags) => string.Join("/", Enumerable.Range(0, flags.GetLength(0))
        .Select(r => new string([.. Enumerable.Range(0, flags.GetLength(1)).Select(c => flags[r, c] ? 'x' : '.')])));

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
        IReadOnlyList<(Dimension, Dimension, Population)>? crossTabs = null,
        IReadOnlyList<CubeRow>? seatsByKind = null) =>
        new DisclosurePolicy(new DisclosureRequest(scope, k, crossTabs ?? [], [])).Plan(new DisclosureFigures(cubes, () => panelsByKind, seatsByKind));

    private static readonly Dictionary<int, int> TwoWorkshops = new() { [Workshop] = 2 };

    private static Func<IReadOnlyDictionary<int, int>> NotRead => () => throw new InvalidOperationException("Panels by kind read when not needed.");

    private static int GenderIndex(string key) => ReportMath.CategoriesOf(Dimension.Gender).Select(c => c.Key).ToList().IndexOf(key);

    private static CellDecision[] PersonalDecisions(DisclosurePlan plan, params Population[] populations) =>
        [.. populations.SelectMany(p => new[] { plan.Of(p, Dimension.Gender), plan.Of(p, Dimension.Attribute) })];

    [Fact]
    public void A_whole_meeting_suppresses_a_small_count_and_its_smallest_non_empty_cover()
    {
        var plan = Plan(Meeting, Panels(OneNonBinary), TwoWorkshops);

        Assert.Equal("x.x...", Pattern(plan.Of(Population.Seats, Dimension.Gender)));
        Assert.Equal("x.x...", Pattern(plan.Of(Population.Panellists, Dimension.Gender)));
        Assert.False(plan.Of(Population.Seats, Dimension.Gender).Withheld);
    }

    [Fact]
    public void Group_region_role_and_country_are_never_hidden()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), K, [], []))
            .Plan(new DisclosureFigures(Panels([Row(Woman, 1, group: 1), Row(Man, 1, group: 2)]), NotRead));

        foreach (var dimension in new[] { Dimension.StakeholderGroup, Dimension.RegionalGroup, Dimension.Role, Dimension.DevelopingCountry })
        {
            var decision = plan.Of(Population.Seats, dimension);
            Assert.False(decision.Withheld);
            Assert.DoesNotContain(true, decision.Suppressed);
        }
    }

    [Fact]
    public void A_named_session_withholds_gender_and_attributes_whole()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), K, [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats)], []))
            .Plan(new DisclosureFigures(Panels(Even), NotRead));

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.True(d.Withheld));
        Assert.True(Assert.Single(plan.CrossTabs).Withheld);
    }

    [Fact]
    public void Personal_data_asked_for_shows_everything()
    {
        var plan = new DisclosurePolicy(new DisclosureRequest(SeatScope.Session("m", "s"), 0, [(Dimension.StakeholderGroup, Dimension.Gender, Population.Panellists)], [NotSingleGender]))
            .Plan(new DisclosureFigures(Panels(OneNonBinary), NotRead));

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d =>
        {
            Assert.False(d.Withheld);
            Assert.DoesNotContain(true, d.Suppressed);
        });
        var crossTab = Assert.Single(plan.CrossTabs);
        Assert.False(crossTab.Withheld);
        Assert.Null(crossTab.Suppressed);
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
        Assert.False(plan.Of(Population.Registrants, Dimension.Gender).Withheld);
    }

    [Fact]
    public void A_meeting_of_two_panels_shows_gender_without_small_counts()
    {
        var plan = Plan(Meeting, Panels(Even), new Dictionary<int, int> { [Workshop] = 1, [MainSession] = 1 });

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d =>
        {
            Assert.False(d.Withheld);
            Assert.DoesNotContain(true, d.Suppressed);
        });
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
        var plan = Plan(scope, cubes, TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Seats), (Dimension.StakeholderGroup, Dimension.RegionalGroup, Population.Seats)], seatsByKind: Even);

        Assert.All(PersonalDecisions(plan, Population.Seats, Population.Panellists), d => Assert.True(d.Withheld));
        Assert.True(plan.CrossTabs[0].Withheld);
        Assert.False(plan.CrossTabs[1].Withheld);
        Assert.False(plan.Of(Population.Registrants, Dimension.Gender).Withheld);
    }

    // Workshops (two): one non-binary person, five women, five men; main sessions (two): four non-binary people,
    // five women, five men. The whole meeting shows its five non-binary people: the main sessions' four
    // would leave the workshops' one.
    private static readonly CubeRow[] SeatsByKind =
    [
        Row(NonBinary, 1, attendance: Workshop), Row(Woman, 5, attendance: Workshop), Row(Man, 5, attendance: Workshop),
        Row(NonBinary, 4, attendance: MainSession), Row(Woman, 5, attendance: MainSession), Row(Man, 5, attendance: MainSession),
    ];

    private static DisclosurePlan KindsPlan(IReadOnlyList<int> kinds, IReadOnlyList<CubeRow> seatsByKind, IReadOnlyDictionary<int, int> panelsByKind)
    {
        var scope = Meeting with { Kinds = kinds };
        var seats = KindCube.SeatsOf(seatsByKind, kinds);
        return Plan(scope, Panels(seats), panelsByKind, seatsByKind: seatsByKind);
    }

    [Fact]
    public void A_report_of_kinds_alone_is_decided_on_the_meeting_table_by_kind()
    {
        var mainSessions = KindCube.SeatsOf(SeatsByKind, [MainSession]);
        var alone = Suppression.ForBreakdown(ReportMath.BreakdownOf(mainSessions, Dimension.Gender, Population.Seats).Counts, K);

        var plan = KindsPlan([MainSession], SeatsByKind, new Dictionary<int, int> { [Workshop] = 2, [MainSession] = 2 });

        Assert.DoesNotContain(true, alone);
        var decision = plan.Of(Population.Seats, Dimension.Gender);
        Assert.False(decision.Withheld);
        Assert.True(decision.Suppressed[GenderIndex("GENDER_NON_BINARY")]);
        // Panellists of several kinds do not add up: withheld whole.
        Assert.True(plan.Of(Population.Panellists, Dimension.Gender).Withheld);
    }

    [Fact]
    public void A_kind_of_one_session_is_withheld_and_kept_from_subtraction()
    {
        // Open forum (one session): four women. Workshops (two): five women, five men. The meeting shows nine
        // women and five men, so showing the workshops' five women would give the forum's panel away.
        CubeRow[] seatsByKind = [Row(Woman, 4, attendance: OpenForum), Row(Woman, 5, attendance: Workshop), Row(Man, 5, attendance: Workshop)];
        var panels = new Dictionary<int, int> { [Workshop] = 2, [OpenForum] = 1 };

        var forum = KindsPlan([OpenForum], seatsByKind, panels);
        var workshops = KindsPlan([Workshop], seatsByKind, panels);

        Assert.True(forum.Of(Population.Seats, Dimension.Gender).Withheld);
        Assert.True(workshops.Of(Population.Seats, Dimension.Gender).Suppressed[GenderIndex("GENDER_WOMAN")]);
    }

    [Fact]
    public void Onsite_and_remote_registrants_are_decided_with_all_registrants_as_one_table()
    {
        const int onsite = 1, remote = 2;
        // All registrants show four non-binary people; onsite three, remote none: the unrecorded one would follow.
        CubeRow[] room =
        [
            Row(NonBinary, 3, attendance: onsite), Row(Woman, 5, attendance: onsite), Row(Man, 5, attendance: onsite),
            Row(Woman, 5, attendance: remote), Row(Man, 5, attendance: remote),
            Row(NonBinary, 1), Row(Man, 1),
        ];
        var cubes = Panels(Even);
        cubes[Population.Registrants] = room;
        cubes[Population.RegistrantsOnsite] = [.. room.Where(r => r.Attendance == onsite)];
        cubes[Population.RegistrantsRemote] = [.. room.Where(r => r.Attendance == remote)];

        var plan = Plan(Meeting, cubes, TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.RegistrantsOnsite)]);

        Assert.DoesNotContain(true, plan.Of(Population.Registrants, Dimension.Gender).Suppressed);
        Assert.DoesNotContain(true, Suppression.ForBreakdown(ReportMath.BreakdownOf(cubes[Population.RegistrantsOnsite], Dimension.Gender, Population.RegistrantsOnsite).Counts, K));
        Assert.True(plan.Of(Population.RegistrantsOnsite, Dimension.Gender).Suppressed[GenderIndex("GENDER_NON_BINARY")]);
        Assert.True(Assert.Single(plan.CrossTabs).Withheld);
    }

    [Fact]
    public void A_cross_tab_keeps_withheld_the_totals_its_breakdowns_withhold()
    {
        // Panellists by group and gender: the gender breakdown withholds the non-binary and women's totals.
        CubeRow[] people = [Row(NonBinary, 1, group: 1), Row(Woman, 3, group: 1), Row(Man, 3, group: 1), Row(Woman, 3, group: 2), Row(Man, 4, group: 2)];
        var plan = Plan(Meeting, Panels(people), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Panellists)]);
        var counts = ReportMath.CrossTabOf(people, Dimension.StakeholderGroup, Dimension.Gender).Counts;
        var totalsPublic = Suppression.ForCrossTab(counts, K);

        var crossTab = Assert.Single(plan.CrossTabs);

        Assert.Equal("x.x...", Pattern(plan.Of(Population.Panellists, Dimension.Gender)));
        Assert.False(crossTab.Withheld);
        Assert.NotEqual(Pattern(totalsPublic), Pattern(crossTab.Suppressed!));
        Assert.Equal(Pattern(Suppression.ForCrossTab(counts, K, new bool[counts.GetLength(0)], plan.Of(Population.Panellists, Dimension.Gender).Suppressed)), Pattern(crossTab.Suppressed!));
    }

    [Fact]
    public void The_seats_and_panellists_cross_tabs_of_two_dimensions_withhold_the_same_cells()
    {
        // One non-binary person holding three seats: a count of 3 among the seats, of 1 among the people.
        CubeRow[] seats = [Row(NonBinary, 3, group: 1), Row(Woman, 5, group: 1), Row(Man, 5, group: 1), Row(Woman, 5, group: 2), Row(Man, 5, group: 2)];
        CubeRow[] people = [Row(NonBinary, 1, group: 1), Row(Woman, 5, group: 1), Row(Man, 5, group: 1), Row(Woman, 5, group: 2), Row(Man, 5, group: 2)];
        var plan = Plan(Meeting, Panels(seats, people), TwoWorkshops, crossTabs:
        [
            (Dimension.StakeholderGroup, Dimension.Gender, Population.Seats),
            (Dimension.StakeholderGroup, Dimension.Gender, Population.Panellists),
        ]);
        var nonBinary = GenderIndex("GENDER_NON_BINARY");

        Assert.False(Suppression.ForCrossTab(ReportMath.CrossTabOf(seats, Dimension.StakeholderGroup, Dimension.Gender).Counts, K)[0, nonBinary]);
        Assert.True(plan.CrossTabs[0].Suppressed![0, nonBinary]);
        Assert.Equal(Pattern(plan.CrossTabs[1].Suppressed!), Pattern(plan.CrossTabs[0].Suppressed!));
    }

    [Fact]
    public void Cross_tabs_without_personal_data_are_open()
    {
        var plan = Plan(Meeting, Panels(OneNonBinary), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.RegionalGroup, Population.Panellists)]);

        var crossTab = Assert.Single(plan.CrossTabs);
        Assert.False(crossTab.Withheld);
        Assert.Null(crossTab.Suppressed);
    }

    [Fact]
    public void Cross_tabs_of_populations_the_report_lacks_are_left_out()
    {
        var plan = Plan(Meeting, Panels(Even), TwoWorkshops, crossTabs: [(Dimension.StakeholderGroup, Dimension.Gender, Population.Registrants)]);

        Assert.Empty(plan.CrossTabs);
    }
}
