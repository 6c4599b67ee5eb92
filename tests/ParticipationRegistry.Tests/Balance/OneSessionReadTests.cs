using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>A check reads its one session on prepared statements: the same panel as the reads of many sessions.</summary>
public sealed class OneSessionReadTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task One_session_read_gives_the_panel_the_many_session_read_gives(bool withOtherSeats)
    {
        await using var registry = await TestRegistry.StartAsync();
        await ManySessionsMeeting.SeedAsync(registry);
        var store = registry.App.Services.GetRequiredService<IBalanceStore>();
        var sessions = Enumerable.Range(0, 25).Select(s => $"s{s:D2}").ToArray();
        var expected = new List<SessionPanel>();
        store.VisitSessionPanels("m2026", sessions, withOtherSeats, expected.Add);

        // Twice: the second read runs the statements the first one prepared.
        for (var round = 0; round < 2; round++)
        {
            var read = sessions.Select(s => store.FindSessionPanel(new SessionName("m2026", s), withOtherSeats)!).ToList();
            Assert.Equal(Describe(expected), Describe(read));
        }

        Assert.Null(store.FindSessionPanel(new SessionName("m2026", "missing"), withOtherSeats));
        var seats = expected.SelectMany(p => p.Panel.Seats).ToList();
        Assert.Contains(seats, s => s.Developing == true);
        Assert.Contains(seats, s => s.Developing == false);
        if (withOtherSeats)
        {
            Assert.Contains(seats, s => s.HasOverlap);
            Assert.Contains(seats, s => s.SessionsInMeeting > 2);
            Assert.Contains(seats, s => !s.Newcomer);
        }
    }

    private static IEnumerable<string> Describe(IEnumerable<SessionPanel> panels) => panels.Select(p =>
        $"{p.MeetingId}/{p.SessionId} {p.DisplayName} {p.Kind} {p.State} {p.StartTime}–{p.EndTime} {p.Panel.Kind}: "
        + string.Join("; ", p.Panel.Seats) + " | " + string.Join("; ", p.Panel.Organizers));
}
