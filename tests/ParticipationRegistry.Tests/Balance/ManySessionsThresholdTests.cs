using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.Tests.Infrastructure;

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
