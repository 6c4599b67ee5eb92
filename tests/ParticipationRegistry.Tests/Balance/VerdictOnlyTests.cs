using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>The verdict-only path the report summaries use agrees with the full check on every panel.</summary>
public sealed class VerdictOnlyTests
{
    [Fact]
    public void The_verdict_alone_is_the_full_checks_verdict_for_every_preset_on_random_panels()
    {
        var random = new Random(61);
        var seen = new HashSet<PanelVerdict>();
        for (var trial = 0; trial < 400; trial++)
        {
            var panel = new PanelBuilder();
            for (var i = random.Next(0, 8); i > 0; i--)
            {
                var group = (StakeholderGroup)random.Next(0, 6);
                var region = (RegionalGroup)random.Next(0, 6);
                var gender = (Gender)random.Next(0, 6);
                var confirmation = (Confirmation)random.Next(1, 4);
                var attendance = (Attendance)random.Next(0, 3);
                if (random.Next(4) == 0)
                {
                    panel.Moderator(group: group, region: region, gender: gender, confirmation: confirmation, attendance: attendance, sessions: random.Next(1, 5), youth: random.Next(3) == 0);
                }
                else
                {
                    panel.Speaker(group: group, region: region, gender: gender, confirmation: confirmation, attendance: attendance, sessions: random.Next(1, 5), youth: random.Next(3) == 0);
                }
            }

            var built = panel.Build();
            foreach (var policy in Presets.All)
            {
                var rules = PolicyRules.ToEngine(policy.Rules);
                foreach (var confirmedOnly in new[] { false, true })
                {
                    var expected = BalanceEngine.Check(built, rules, confirmedOnly).Verdict;
                    Assert.Equal(expected, BalanceEngine.VerdictOf(built, rules, confirmedOnly));
                    seen.Add(expected);
                }
            }
        }

        // All three verdicts came up, so the agreement was tested on each.
        Assert.Equal(3, seen.Count);
    }
}
