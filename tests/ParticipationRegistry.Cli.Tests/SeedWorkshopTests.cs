using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// The seed workshop (IGF 2012, workshop 85) as the committed example CSV registers it, in a registry of its
/// own (nobody else's people to match): imported once, then <c>registry check</c> exits 1 naming the WEOG share.
/// </summary>
public sealed class SeedWorkshopTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static readonly string SeedCsv = Path.Combine(AppContext.BaseDirectory, "examples", "igf-2012-workshop-85.csv");

    [Fact]
    public async Task The_seed_workshop_imports_once_and_check_exits_1_naming_the_WEOG_share()
    {
        var meeting = await registry.CreateMeetingAsync("igf-2012");

        var import = await registry.RunAsync("import", "programme", SeedCsv, "--meeting", "igf-2012");

        Assert.True(import.Exit == 0, import.ToString());
        Assert.Contains("Created 1 session(s), 7 person(s) and 8 seat(s)", import.Output, StringComparison.Ordinal);
        using (var client = registry.Admin())
        {
            var session = await client.Meetings.GetSessionAsync(new GetSessionRequest { Name = $"{meeting}/sessions/ws-85" });
            Assert.Equal(("Quo Vadis IGF – or Evolution of IGF", SessionKind.Workshop), (session.DisplayName, session.Kind));
            var seats = await Pages.All(new ListParticipantsRequest { Parent = session.Name }, client.Meetings.ListParticipantsAsync, r => r.Participants).ToListAsync();
            var major = seats.Single(s => s.Snapshot.DisplayName == "Peter Major");
            Assert.Equal((ParticipantRole.Speaker, Confirmation.Confirmed, StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers),
                (major.Role, major.Confirmation, major.Snapshot.StakeholderGroup, major.Snapshot.RegionalGroup));
            Assert.Equal(2, seats.Count(s => s.Snapshot.DisplayName == "Izumi Aizu"));
        }

        var check = await registry.RunAsync("check", "igf-2012/ws-85");

        Assert.True(check.Exit == 1, check.ToString());
        Assert.Contains("Quo Vadis IGF – or Evolution of IGF: UNBALANCED", check.Output, StringComparison.Ordinal);
        var weog = check.Output.Split('\n').Single(line => line.Contains("are from WEOG", StringComparison.Ordinal));
        Assert.Contains("✗", weog, StringComparison.Ordinal);
        Assert.Contains("4 of 5 speakers (80%) are from WEOG", weog, StringComparison.Ordinal);

        var before = await registry.CountAsync(meeting);
        var again = await registry.RunAsync("import", "programme", SeedCsv, "--meeting", meeting);

        Assert.True(again.Exit == 0, again.ToString());
        Assert.Contains("Created 0 session(s), 0 person(s) and 0 seat(s)", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, await registry.CountAsync(meeting));
    }
}
