using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>
/// The attacker's own rules, checked without a server: figures published by the documented cell-key method
/// (simulated here from dc-spec.md, with random record keys) must always leave the truth consistent, while
/// exact figures under the old rules give Alice away.
/// </summary>
public sealed class AttackerSelfTests
{
    private static readonly Gender[] Categories = [Gender.Unspecified, Gender.Woman, Gender.Man, Gender.NonBinary, Gender.SelfDescribed, Gender.Declined];

    /// <summary>ws1 = Alice, Man1, Man2; ws2 = Alice, Man3, Man4; ws3 = Alice, Man5, Man1; ws4 = Man2–Man5 (Alice is person 0).</summary>
    private static Programme Alice()
    {
        int[][] panels = [[0, 1, 2], [0, 3, 4], [0, 5, 1], [2, 3, 4, 5]];
        return new Programme
        {
            Sessions = [.. panels.Select((_, s) => new ProgrammeSession($"meetings/m/sessions/ws{s + 1}", SessionKind.Workshop, SessionState.Scheduled, ""))],
            Seats = [.. panels.SelectMany((panel, s) => panel.Select(p => new ProgrammeSeat(s, p, ParticipantRole.Speaker, Confirmation.Confirmed, Attendance.Onsite, StakeholderGroup.CivilSociety)))],
            People = [.. Enumerable.Range(0, 6).Select(p => $"stakeholders/p{p}")],
        };
    }

    /// <summary>The documented table D(n, ck).</summary>
    private static int D(int n, int ck) => n switch
    {
        0 => 0,
        1 => ck < 64 ? -1 : ck < 205 ? 0 : ck < 243 ? 1 : 2,
        _ => ck < 13 ? -2 : ck < 64 ? -1 : ck < 192 ? 0 : ck < 243 ? 1 : 2,
    };

    /// <summary>The whole meeting's gender breakdowns of seats and panellists, as the design publishes them with these record keys.</summary>
    private static PublicKnowledge Published(Programme programme, int[] gender, int[] keys, bool perturbed)
    {
        var knowledge = PublicKnowledge.Of(programme);
        var seats = programme.Multiplicity(new Restriction(), people: false);
        var people = programme.Multiplicity(new Restriction(), people: true);
        var peopleHidden = new HashSet<Gender>();
        foreach (var (multiplicity, isPeople) in new[] { (people, true), (seats, false) })
        {
            var total = multiplicity.Sum();
            var shown = new Dictionary<Gender, long?>();
            foreach (var category in Categories)
            {
                int n = 0, ck = 0;
                for (var p = 0; p < gender.Length; p++)
                {
                    var units = gender[p] == (int)category ? multiplicity[p] : 0;
                    n += units;
                    ck = (ck + (units * keys[p])) % 256;
                }

                long v = perturbed ? Math.Clamp(n + D(n, ck), 0, total) : n;
                var hidden = perturbed ? v < 3 || (!isPeople && peopleHidden.Contains(category)) : v is >= 1 and < 3;
                shown[category] = hidden ? null : v;
                if (isPeople && hidden)
                {
                    peopleHidden.Add(category);
                }
            }

            // The old rules: a single small cell is covered by the smallest other non-empty one.
            if (!perturbed && shown.Count(c => c.Value is null) == 1 && shown.Where(c => c.Value > 0).MinBy(c => c.Value) is { Key: var cover, Value: not null })
            {
                shown[cover] = null;
            }

            var allHidden = shown.Values.All(v => v is null);
            foreach (var category in Categories)
            {
                // A hidden seat cell that may follow its hidden people cell says nothing, as PublicKnowledge reads it.
                if (perturbed && !isPeople && shown[category] is null && peopleHidden.Contains(category))
                {
                    continue;
                }

                knowledge.Cells.Add(new CellObservation($"{(isPeople ? "people" : "seats")} {category}", Trait.Gender, multiplicity, 1 << (int)category,
                    shown[category], total, 3, perturbed, HiddenMayBeZero: allHidden || perturbed));
            }
        }

        return knowledge;
    }

    [Fact]
    public void Figures_published_by_the_documented_cell_key_method_always_leave_the_truth_consistent()
    {
        var programme = Alice();
        var random = new Random(7);
        for (var draw = 0; draw < 200; draw++)
        {
            var gender = Enumerable.Range(0, 6).Select(_ => Enumerator.Genders[random.Next(Enumerator.Genders.Length)]).ToArray();
            var keys = Enumerable.Range(0, 6).Select(_ => random.Next(256)).ToArray();

            var result = Enumerator.Run(Published(programme, gender, keys, perturbed: true), Trait.Gender);

            Assert.Contains(result.Assignments, a => a.SequenceEqual(gender));
        }
    }

    [Fact]
    public void Exact_figures_under_the_old_rules_give_Alice_away_and_perturbed_ones_do_not()
    {
        var programme = Alice();
        int[] gender = [(int)Gender.Woman, .. Enumerable.Repeat((int)Gender.Man, 5)];

        var exact = Enumerator.Run(Published(programme, gender, new int[6], perturbed: false), Trait.Gender);
        Assert.Equal([(int)Gender.Woman], exact.ValuesPerPerson[0]);

        var random = new Random(11);
        for (var draw = 0; draw < 50; draw++)
        {
            var keys = Enumerable.Range(0, 6).Select(_ => random.Next(256)).ToArray();
            var perturbed = Enumerator.Run(Published(programme, gender, keys, perturbed: true), Trait.Gender);
            Assert.True(perturbed.ValuesPerPerson[0].Count >= 2, $"keys {string.Join(",", keys)}");
        }
    }
}
