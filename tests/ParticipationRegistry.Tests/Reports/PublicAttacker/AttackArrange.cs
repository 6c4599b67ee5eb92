using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

/// <summary>What the attacker must not learn: each person's gender and youth, by stakeholder name.</summary>
internal sealed class Truth : Dictionary<string, (Gender Gender, bool Youth)>
{
    /// <summary>Display names, for messages.</summary>
    public Dictionary<string, string> Names { get; } = [];

    public int[] Of(Programme programme, Trait trait) =>
        [.. programme.People.Select(p => trait == Trait.Gender ? (int)this[p].Gender : this[p].Youth ? 1 : 0)];
}

/// <summary>Meetings arranged as an admin for the attacker to read: generated small ones, and the issue's own.</summary>
internal static class AttackArrange
{
    /// <summary>The seed of every record key in these tests (<see cref="RecordKeys.SetFromSeed"/>), so a run's outcome is not luck.</summary>
    public static int KeySeed { get; } = int.TryParse(Environment.GetEnvironmentVariable("ATTACK_KEY_SEED"), out var seed) ? seed : 1;

    /// <summary>Fixes the record keys of everyone created so far from <see cref="KeySeed"/>.</summary>
    public static void FixKeys(TestRegistry registry) => RecordKeys.SetFromSeed(registry, KeySeed);

    /// <summary>The one-rule policies, published so that a public report may name them.</summary>
    public static async Task<string[]> PublishedPoliciesAsync(TestRegistry registry)
    {
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        (string Id, Rule Rule)[] policies =
        [
            ("women-1pct", new Rule { Id = "women", MinWomenShare = new MinWomenShare { MinShare = 0.01 } }),
            ("not-men-2", new Rule { Id = "not-men", MinNotMen = new MinNotMen { Count = 2 } }),
            ("youth-1", new Rule { Id = "youth", MinYouth = new MinYouth { Count = 1 } }),
            ("youth-2", new Rule { Id = "youth", MinYouth = new MinYouth { Count = 2 } }),
        ];
        foreach (var (id, rule) in policies)
        {
            rule.Severity = RuleSeverity.Required;
            await balance.CreatePolicyAsync(new CreatePolicyRequest { PolicyId = id, Policy = new Policy { DisplayName = id, Rules = { rule }, Published = true } });
        }

        return [.. policies.Select(p => $"policies/{p.Id}")];
    }

    /// <summary>The published policies, a truth to fill, and an empty meeting <c>m</c>.</summary>
    public static async Task<(string[] Policies, Truth Truth)> StartAsync(TestRegistry registry)
    {
        var policies = await PublishedPoliciesAsync(registry);
        await MeetingAsync(registry, "m");
        return (policies, new Truth());
    }

    /// <summary>Seats each of <paramref name="people"/> as a confirmed speaker on <paramref name="session"/>.</summary>
    public static async Task PanelAsync(TestRegistry registry, string session, IEnumerable<string> people)
    {
        foreach (var person in people)
        {
            await SeatAsync(registry, session, person);
        }
    }

    public static async Task MeetingAsync(TestRegistry registry, string meeting)
    {
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = meeting, Meeting = new Meeting { DisplayName = meeting, Forum = "IGF" } });
    }

    public static async Task<string> SessionAsync(TestRegistry registry, string meeting, string id, SessionKind kind = SessionKind.Workshop, SessionState state = SessionState.Scheduled, string theme = "")
    {
        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = $"meetings/{meeting}", SessionId = id, Session = new Session { DisplayName = id, Kind = kind, State = state, Theme = theme },
        });
        return session.Name;
    }

    public static async Task<string> PersonAsync(TestRegistry registry, Truth truth, string name, Gender gender, bool youth = false, StakeholderGroup group = StakeholderGroup.CivilSociety)
    {
        var person = new Stakeholder { DisplayName = name, Gender = gender, StakeholderGroup = group };
        if (youth)
        {
            person.Attributes.Add(StakeholderAttribute.Youth);
        }

        var created = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = person });
        truth[created.Name] = (gender, youth);
        truth.Names[created.Name] = name;
        return created.Name;
    }

    public static async Task SeatAsync(TestRegistry registry, string session, string person, ParticipantRole role = ParticipantRole.Speaker, Confirmation confirmation = Confirmation.Confirmed) =>
        await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = session, Participant = new Participant { Stakeholder = person, Role = role, Confirmation = confirmation, Attendance = Attendance.Onsite },
        });

    /// <summary>
    /// A small random meeting on the published programme: 5 to <paramref name="maxPeople"/> people of random
    /// gender (woman, man, non-binary, not recorded), youth or not, in 2 to 4 sessions of random kind, state
    /// and theme, 2 to 4 seats each, everyone seated at least once.
    /// </summary>
    public static async Task<Truth> GeneratedAsync(TestRegistry registry, string meeting, int seed, int maxPeople = 8)
    {
        var random = new Random(seed);
        var truth = new Truth();
        await MeetingAsync(registry, meeting);
        var people = new List<string>();
        var count = random.Next(5, maxPeople + 1);
        for (var i = 0; i < count; i++)
        {
            var gender = (Gender)Enumerator.Genders[random.Next(Enumerator.Genders.Length)];
            people.Add(await PersonAsync(registry, truth, $"{meeting}-p{i}", gender, youth: random.Next(3) == 0, group: (StakeholderGroup)random.Next(1, 4)));
        }

        SessionKind[] kinds = [SessionKind.Workshop, SessionKind.MainSession, SessionKind.OpenForum];
        var sessions = random.Next(2, 5);
        var panels = new List<HashSet<int>>();
        for (var s = 0; s < sessions; s++)
        {
            var panel = new HashSet<int>();
            var size = random.Next(2, 5);
            while (panel.Count < size)
            {
                panel.Add(random.Next(count));
            }

            panels.Add(panel);
        }

        foreach (var unseated in Enumerable.Range(0, count).Where(p => !panels.Any(panel => panel.Contains(p))))
        {
            panels[random.Next(sessions)].Add(unseated);
        }

        for (var s = 0; s < sessions; s++)
        {
            var name = await SessionAsync(registry, meeting, $"s{s}", kinds[random.Next(kinds.Length)], theme: random.Next(2) == 0 ? "Access" : "Rights");
            var first = true;
            foreach (var p in panels[s])
            {
                await SeatAsync(registry, name, people[p], first && random.Next(3) == 0 ? ParticipantRole.Moderator : ParticipantRole.Speaker,
                    random.Next(4) == 0 ? Confirmation.Tentative : Confirmation.Confirmed);
                first = false;
            }

            if (random.Next(2) == 0)
            {
                await registry.Meetings.UpdateSessionAsync(new UpdateSessionRequest
                {
                    Session = new Session { Name = name, State = SessionState.Held }, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "state" } },
                });
            }
        }

        return truth;
    }
}
