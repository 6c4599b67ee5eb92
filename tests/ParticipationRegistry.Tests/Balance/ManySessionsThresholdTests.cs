using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// The store reads a person's other seats per seat for a few sessions and aggregated over the
/// meeting for many; the threshold between them is set here, so each side runs on the same data.
/// </summary>
public sealed class ManySessionsThresholdTests
{
    private static readonly string[] M2026Sessions = Enumerable.Range(0, 25).Select(s => $"s{s:D2}").ToArray();

    [Fact]
    public async Task Per_seat_and_aggregated_reads_load_the_same_panels()
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);
        var perSeat = Store(registry, manySessions: int.MaxValue);
        var aggregated = Store(registry, manySessions: 0);

        var expected = perSeat.LoadSessionPanels("m2026", M2026Sessions);

        Assert.Equal(Describe(expected), Describe(aggregated.LoadSessionPanels("m2026", M2026Sessions)));
        foreach (var session in M2026Sessions)
        {
            Assert.Equal(Describe(perSeat.LoadSessionPanels("m2026", [session])), Describe(aggregated.LoadSessionPanels("m2026", [session])));
        }

        // The facts the two reads derive differently are all present in the data.
        var seats = expected.SelectMany(p => p.Panel.Seats).ToList();
        Assert.Contains(seats, s => s.HasOverlap);
        Assert.Contains(seats, s => s.SessionsInMeeting > 2);
        Assert.Contains(seats, s => !s.Newcomer);
        Assert.Contains(seats, s => s.Newcomer);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(int.MaxValue)]
    public async Task The_meeting_scan_agrees_with_loading_every_session(int manySessions)
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);
        var store = Store(registry, manySessions);
        var scanned = new List<SessionPanel>();

        store.VisitMeetingPanels("m2026", new SessionFilter([], [], []), withOtherSeats: true, scanned.Add);

        // The scan reads no display names.
        var loaded = store.LoadSessionPanels("m2026", M2026Sessions)
            .Select(p => p with { Panel = p.Panel with { Seats = p.Panel.Seats.Select(s => s with { DisplayName = "" }).ToList() } });
        Assert.Equal(Describe(loaded), Describe(scanned));
    }

    [Fact]
    public async Task The_meeting_scan_keeps_only_the_sessions_its_filter_names()
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);
        var store = Store(registry, manySessions: 0);
        List<SessionPanel> Scan(SessionFilter filter, bool withOtherSeats = true)
        {
            var panels = new List<SessionPanel>();
            store.VisitMeetingPanels("m2026", filter, withOtherSeats, panels.Add);
            return panels;
        }

        var all = Scan(new SessionFilter([], [], []));
        var cancelled = Scan(new SessionFilter([], [(int)SessionState.Cancelled], []));
        var unspecifiedKind = Scan(new SessionFilter([(int)SessionKind.Unspecified, (int)SessionKind.Workshop], [(int)SessionState.Cancelled, (int)SessionState.Scheduled], [""]));

        Assert.Equal(25, all.Count);
        Assert.Equal(["s06", "s13", "s20"], cancelled.Select(p => p.SessionId));
        Assert.Equal(Describe(all.Where(p => p.State == (int)SessionState.Cancelled)), Describe(cancelled));
        Assert.Equal(Describe(all), Describe(unspecifiedKind));
        Assert.Empty(Scan(new SessionFilter([(int)SessionKind.Workshop], [], [])));
        Assert.Empty(Scan(new SessionFilter([], [], ["no such theme"])));
        // Without other seats every seat is a newcomer in one session, booked nowhere else.
        Assert.Equal(
            Describe(all.Select(p => p with { Panel = p.Panel with { Seats = p.Panel.Seats.Select(s => s with { Newcomer = true, SessionsInMeeting = 1, HasOverlap = false }).ToList() } })),
            Describe(Scan(new SessionFilter([], [], []), withOtherSeats: false)));
    }

    [Fact]
    public async Task A_verdict_alone_is_the_verdict_of_the_explained_check()
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);
        var panels = new List<SessionPanel>();
        Store(registry, manySessions: 0).VisitMeetingPanels("m2026", new SessionFilter([], [], []), withOtherSeats: true, panels.Add);

        foreach (var preset in Presets.All)
        {
            var rules = PolicyRules.ToEngine(preset.Rules);
            foreach (var panel in panels)
            {
                foreach (var confirmedOnly in new[] { false, true })
                {
                    var report = BalanceEngine.Check(panel.Panel, rules, confirmedOnly);
                    Assert.Equal(report.Verdict, BalanceEngine.VerdictOf(panel.Panel, rules, confirmedOnly));
                    Assert.All(report.Rules, r => Assert.NotEmpty(r.Explanation));
                }
            }
        }
    }

    private static SqliteBalanceStore Store(TestRegistry registry, int manySessions)
    {
        var services = registry.App.Services;
        return new SqliteBalanceStore(services.GetRequiredService<Database>(), services.GetRequiredService<CountryCatalog>(), TimeProvider.System)
        {
            ManySessions = manySessions,
        };
    }

    private static IEnumerable<string> Describe(IEnumerable<SessionPanel> panels) => panels.Select(p =>
        $"{p.MeetingId}/{p.SessionId} {p.DisplayName} {p.Kind} {p.State} {p.StartTime}–{p.EndTime}: "
        + string.Join("; ", p.Panel.Seats) + " | " + string.Join("; ", p.Panel.Organizers));
}
