using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports;

/// <summary>
/// Generated meetings whose make-up is known: every count, share and index of the report equals an
/// independent, naive computation from the listed seats, people and registrations, to 1e-9.
/// </summary>
public sealed class ReportAgainstNaiveTests
{
    private static readonly string[] Countries = ["KE", "SN", "BR", "FJ", "DE", "FR", "IN", "JP", "PL", "US", "VA", "AX"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Every_figure_matches_a_naive_count_of_the_listed_data(int seed)
    {
        await using var registry = await TestRegistry.StartAsync();
        var random = new Random(seed);
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "gen", Meeting = new Meeting { DisplayName = "Generated", Forum = "GEN" } });
        var batch = new BatchCreateStakeholdersRequest();
        for (var i = 0; i < 80; i++)
        {
            var stakeholder = new Stakeholder
            {
                DisplayName = $"Person {i}",
                StakeholderGroup = (StakeholderGroup)random.Next(6),
                CountryCode = random.Next(8) == 0 ? "" : Countries[random.Next(Countries.Length)],
                Gender = (Gender)random.Next(6),
            };
            foreach (var attribute in Enum.GetValues<StakeholderAttribute>().Skip(1))
            {
                if (random.Next(5) == 0) stakeholder.Attributes.Add(attribute);
            }

            batch.Requests.Add(new CreateStakeholderRequest { Stakeholder = stakeholder });
        }

        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(batch)).Stakeholders;
        for (var s = 0; s < 12; s++)
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = "meetings/gen", SessionId = $"s{s}", Session = new Session { DisplayName = $"s{s}", Kind = (SessionKind)(1 + random.Next(6)) },
            });
            foreach (var person in people.OrderBy(_ => random.Next()).Take(3 + random.Next(5)))
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = session.Name,
                    Participant = new Participant { Stakeholder = person.Name, Role = (ParticipantRole)(1 + random.Next(5)), Confirmation = Confirmation.Confirmed },
                });
            }
        }

        foreach (var person in people.Where(_ => random.Next(2) == 0))
        {
            await registry.Meetings.CreateRegistrationAsync(new CreateRegistrationRequest
            {
                Parent = "meetings/gen",
                Registration = new Registration { Stakeholder = person.Name, Attendance = (Attendance)random.Next(3) },
            });
        }

        var report = await new ReportService.ReportServiceClient(registry.Channel).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/gen",
            Options = new ReportOptions
            {
                IncludePersonalData = true,
                CrossTabs = { new CrossTabRequest { Rows = ReportDimension.StakeholderGroup, Columns = ReportDimension.Gender, Population = Population.Panellists } },
            },
        });

        // The naive side: plain lists through the API, counted with loops.
        var everyone = (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1000, View = StakeholderView.Full }))
            .Stakeholders.ToDictionary(s => s.Name);
        var seats = await registry.AllSeatsAsync("meetings/gen/sessions/-");
        var registrations = (await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/gen", PageSize = 1000 })).Registrations;
        var seatPeople = seats.Select(p => everyone[p.Stakeholder]).ToList();
        var panellists = seats.Select(p => p.Stakeholder).Distinct().Select(n => everyone[n]).ToList();
        var registrants = registrations.Select(r => everyone[r.Stakeholder]).ToList();

        Assert.Equal(seats.Count, report.Seats);
        Assert.Equal(panellists.Count, report.Panellists);
        Assert.Equal(registrants.Count, report.Registrants);
        var populations = new Dictionary<Population, List<Stakeholder>>
        {
            [Population.Seats] = seatPeople,
            [Population.Panellists] = panellists,
            [Population.Registrants] = registrants,
            [Population.RegistrantsOnsite] = registrations.Where(r => r.Attendance == Attendance.Onsite).Select(r => everyone[r.Stakeholder]).ToList(),
            [Population.RegistrantsRemote] = registrations.Where(r => r.Attendance == Attendance.Remote).Select(r => everyone[r.Stakeholder]).ToList(),
            [Population.RegistrantsCheckedIn] = registrations.Where(r => r.CheckInTime is not null).Select(r => everyone[r.Stakeholder]).ToList(),
        };
        foreach (var breakdown in report.Breakdowns)
        {
            var population = populations[breakdown.Population];
            Assert.Equal(population.Count, breakdown.Total);
            var categories = breakdown.Categories.ToList();
            foreach (var cell in categories)
            {
                var expected = breakdown.Dimension == ReportDimension.Role
                    ? seats.Count(p => Naive.RoleKey(p.Role) == cell.Category)
                    : population.Count(person => Naive.Has(person, breakdown.Dimension, cell.Category));
                Assert.True(expected == cell.Count, $"{breakdown.Population} {breakdown.Dimension} {cell.Category}: expected {expected}, got {cell.Count}");
            }

            if (breakdown.Dimension == ReportDimension.Attribute)
            {
                continue;
            }

            var known = categories.Where(c => c.Known).Select(c => (double)c.Count).ToList();
            var knownTotal = known.Sum();
            if (knownTotal == 0)
            {
                Assert.False(breakdown.HasNormalizedBlau);
                continue;
            }

            var shares = known.Select(c => c / knownTotal).ToList();
            var k = known.Count;
            Assert.Equal((1 - shares.Sum(p => p * p)) / (1 - (1.0 / k)), breakdown.NormalizedBlau, 9);
            Assert.Equal(-shares.Where(p => p > 0).Sum(p => p * Math.Log(p)) / Math.Log(k), breakdown.PielouEvenness, 9);
            foreach (var cell in categories.Where(c => c.Known))
            {
                Assert.Equal(cell.Count / knownTotal, cell.Share, 9);
            }
        }

        var table = Assert.Single(report.CrossTabs);
        foreach (var cell in table.Cells)
        {
            Assert.Equal(
                panellists.Count(p => Naive.Has(p, ReportDimension.StakeholderGroup, cell.Row) && Naive.Has(p, ReportDimension.Gender, cell.Column)),
                cell.Count);
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Restricted_reports_and_the_concentration_match_a_naive_count(int seed)
    {
        await using var registry = await TestRegistry.StartAsync();
        var random = new Random(seed);
        var batch = new BatchCreateStakeholdersRequest();
        for (var i = 0; i < 40; i++)
        {
            batch.Requests.Add(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder
                {
                    DisplayName = $"Person {i:D2}",
                    StakeholderGroup = (StakeholderGroup)random.Next(6),
                    CountryCode = Countries[random.Next(Countries.Length)],
                    Gender = (Gender)random.Next(6),
                },
            });
        }

        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(batch)).Stakeholders;
        var everyone = people.ToDictionary(p => p.Name);
        // An earlier meeting of the forum: ten people on its panel, five more in its room.
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "old", Meeting = new Meeting { DisplayName = "Old", Forum = "NAIVE", StartDate = new Google.Type.Date { Year = 2011, Month = 11, Day = 6 } } });
        await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "new", Meeting = new Meeting { DisplayName = "New", Forum = "NAIVE", StartDate = new Google.Type.Date { Year = 2012, Month = 11, Day = 6 } } });
        var old = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/old", SessionId = "o", Session = new Session { DisplayName = "o" } });
        foreach (var person in people.Take(10))
        {
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest { Parent = old.Name, Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker } });
        }

        foreach (var person in people.Skip(10).Take(5))
        {
            await registry.Meetings.CreateRegistrationAsync(new CreateRegistrationRequest { Parent = "meetings/old", Registration = new Registration { Stakeholder = person.Name } });
        }

        // The meeting reported: sessions of three kinds, people drawn from the first 30 so some sit on several panels.
        SessionKind[] kinds = [SessionKind.Workshop, SessionKind.MainSession, SessionKind.OpenForum];
        for (var s = 0; s < 10; s++)
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = "meetings/new", SessionId = $"s{s}", Session = new Session { DisplayName = $"s{s}", Kind = kinds[random.Next(kinds.Length)] },
            });
            foreach (var person in people.Take(30).OrderBy(_ => random.Next()).Take(3 + random.Next(5)))
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = session.Name,
                    Participant = new Participant
                    {
                        Stakeholder = person.Name,
                        Role = (ParticipantRole)(1 + random.Next(3)),
                        Confirmation = (Confirmation)(1 + random.Next(3)),
                    },
                });
            }
        }

        var sessions = (await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/new", PageSize = 100 })).Sessions.ToDictionary(s => s.Name);
        var seats = await registry.AllSeatsAsync("meetings/new/sessions/-");
        var returners = (await registry.AllSeatsAsync("meetings/old/sessions/-")).Select(p => p.Stakeholder)
            .Concat((await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/old", PageSize = 100 })).Registrations.Select(r => r.Stakeholder))
            .ToHashSet();
        var client = new ReportService.ReportServiceClient(registry.Channel);
        var checkedReports = 0;
        foreach (var (kindsAsked, roles) in new (SessionKind[], ParticipantRole[])[]
        {
            ([], []),
            ([SessionKind.Workshop], []),
            ([SessionKind.Workshop, SessionKind.OpenForum], []),
            ([], [ParticipantRole.Speaker, ParticipantRole.Moderator]),
            ([SessionKind.MainSession], [ParticipantRole.Speaker]),
        })
        {
            var request = new GetMeetingDiversityRequest { Name = "meetings/new", Options = new ReportOptions { IncludePersonalData = true } };
            request.Kinds.AddRange(kindsAsked);
            request.Roles.AddRange(roles);
            var report = await client.GetMeetingDiversityAsync(request);

            var inScope = seats
                .Where(p => kindsAsked.Length == 0 || kindsAsked.Contains(sessions[p.Name[..p.Name.IndexOf("/participants/", StringComparison.Ordinal)]].Kind))
                .Where(p => roles.Length == 0 || roles.Contains(p.Role))
                .ToList();
            var panellists = inScope.Select(p => p.Stakeholder).Distinct().ToList();
            var what = $"kinds [{string.Join(", ", kindsAsked)}], roles [{string.Join(", ", roles)}]";
            Assert.True(inScope.Count == report.Seats, what);
            Assert.Equal(panellists.Count, report.Panellists);
            Assert.Equal(sessions.Values.Count(s => kindsAsked.Length == 0 || kindsAsked.Contains(s.Kind)), report.Sessions);
            Assert.Equal(report.Sessions, report.Balance.Sessions);
            foreach (var breakdown in report.Breakdowns.Where(b => b.Population is Population.Seats or Population.Panellists))
            {
                Assert.False(breakdown.Withheld, what);
                foreach (var cell in breakdown.Categories)
                {
                    var expected = breakdown.Dimension == ReportDimension.Role
                        ? inScope.Count(p => Naive.RoleKey(p.Role) == cell.Category)
                        : breakdown.Population == Population.Seats
                            ? inScope.Count(p => Naive.Has(everyone[p.Stakeholder], breakdown.Dimension, cell.Category))
                            : panellists.Count(p => Naive.Has(everyone[p], breakdown.Dimension, cell.Category));
                    Assert.True(expected == cell.Count, $"{what}: {breakdown.Population} {breakdown.Dimension} {cell.Category}: expected {expected}, got {cell.Count}");
                }
            }

            // Concentration: the top holders (most seats, then name, then id), repeat seats, newcomers.
            var held = inScope.GroupBy(p => p.Stakeholder).Select(g => (Name: g.Key, Seats: (long)g.Count(), DisplayName: everyone[g.Key].DisplayName)).ToList();
            var top = held.OrderByDescending(h => h.Seats).ThenBy(h => h.DisplayName, StringComparer.Ordinal).ThenBy(h => h.Name, StringComparer.Ordinal).Take(10).ToList();
            Assert.Equal(top.Select(h => (h.Name, h.Seats)), report.Concentration.Top.Select(t => (t.Stakeholder, t.Seats)));
            Assert.Equal(held.Where(h => h.Seats > 1).Sum(h => h.Seats), report.Concentration.SeatsHeldByRepeatPanellists);
            Assert.Equal(panellists.Count(p => !returners.Contains(p)), report.Concentration.Newcomers);
            checkedReports++;
        }

        Assert.Equal(5, checkedReports);
    }

    private static class Naive
    {
        private static readonly HashSet<string> Developing = ["SN", "FJ"];

        public static bool Has(Stakeholder person, ReportDimension dimension, string category) => dimension switch
        {
            ReportDimension.StakeholderGroup => Name(person.StakeholderGroup) == category,
            ReportDimension.RegionalGroup => Name(person.RegionalGroup) == category,
            ReportDimension.Gender => Name(person.Gender) == category,
            ReportDimension.Attribute => category == "NO_ATTRIBUTE" ? person.Attributes.Count == 0 : person.Attributes.Any(a => Name(a) == category),
            ReportDimension.DevelopingCountry => category switch
            {
                "DEVELOPING" => Developing.Contains(person.CountryCode),
                "OTHER" => person.CountryCode.Length > 0 && !Developing.Contains(person.CountryCode),
                _ => person.CountryCode.Length == 0,
            },
            _ => throw new ArgumentOutOfRangeException(nameof(dimension)),
        };

        public static string RoleKey(ParticipantRole role) => Name(role);

        private static string Name<T>(T value)
            where T : struct, Enum =>
            typeof(T).GetField(value.ToString())!.GetCustomAttributes(typeof(Google.Protobuf.Reflection.OriginalNameAttribute), false)
                .Cast<Google.Protobuf.Reflection.OriginalNameAttribute>().Single().Name;
    }
}
