using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Privacy;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// Assembles diversity reports: reads the figures, lets <see cref="DisclosurePolicy"/> decide what the
/// caller sees, and maps them to the API's messages. Every route (gRPC, JSON, CSV, Markdown, HTML) goes
/// through here, so all of them disclose alike.
/// </summary>
public sealed class ReportBuilder(IReportStore store, IBalanceStore panels)
{
    private static readonly Population[] PanelPopulations = [Population.Seats, Population.Panellists];
    private static readonly Population[] RoomPopulations = [Population.Registrants, Population.RegistrantsOnsite, Population.RegistrantsRemote, Population.RegistrantsCheckedIn];
    private const int TopSeatHolders = 10;

    /// <summary>A report is rebuilt when something was written while it was read, at most this many times in all.</summary>
    private const int BuildAttempts = 3;

    private readonly ReportBalance balance = new(panels);
    private readonly ReportBaselines baselines = new(store);

    public Task<DiversityReport> SessionAsync(SessionName session, ReportSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var subject = store.FindSession(session.MeetingId, session.SessionId)
            ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, session.ToString());
        return BuildAsync(session.ToString(), subject, SeatScope.Session(session.MeetingId, session.SessionId), settings, includeRoom: false, cancellationToken);
    }

    public Task<DiversityReport> MeetingAsync(SeatScope scope, ReportSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var meeting = new MeetingName(scope.MeetingId);
        var subject = store.FindMeeting(scope.MeetingId)
            ?? throw RegistryException.NotFound(ErrorReason.MeetingNotFound, meeting.ToString());
        return BuildAsync(meeting.ToString(), subject, scope, settings, includeRoom: true, cancellationToken);
    }

    /// <summary>
    /// The seats of a meeting by session kind, one small report per kind holding the seats'
    /// breakdowns alone: the same figures, disclosed the same way, as <see cref="MeetingAsync"/>
    /// restricted to that kind gives, from two queries instead of a report per kind.
    /// </summary>
    public IReadOnlyList<(int Kind, DiversityReport Report)> SeatsByKind(MeetingName meeting, ReportSettings settings)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(settings);
        var byKind = store.SeatCubeByKind(SeatScope.Meeting(meeting.MeetingId));
        var people = settings.Suppressing ? store.PanellistsByKind(meeting.MeetingId) : new PeopleByKind([], new Dictionary<int, int>());
        var panelsByKind = new Lazy<IReadOnlyDictionary<int, int>>(() => store.PanelsByKind(meeting.MeetingId));
        var result = new List<(int, DiversityReport)>();
        foreach (var kind in byKind.Select(r => r.Attendance).Distinct().Order())
        {
            var scope = new SeatScope(meeting.MeetingId, null, [kind], [], [], [], []);
            var seats = KindCube.SeatsOf(byKind, [kind]);
            var cubes = new Dictionary<Population, IReadOnlyList<CubeRow>> { [Population.Seats] = seats, [Population.Panellists] = KindCube.SeatsOf(people.Cube, [kind]) };
            var policy = new DisclosurePolicy(new DisclosureRequest(scope, settings.SuppressionThreshold, [], settings.Rules, settings.Layout));
            var plan = policy.Plan(new DisclosureFigures(cubes, () => panelsByKind.Value, people.MostSeats.GetValueOrDefault(kind)));
            var report = new DiversityReport
            {
                Name = meeting.ToString(),
                Seats = seats.Sum(r => r.Count),
                SuppressionThreshold = settings.SuppressionThreshold,
                Perturbed = settings.Suppressing,
            };
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                report.Breakdowns.Add(ReportProto.Breakdown(seats, Population.Seats, dimension, plan, settings.Layout));
            }

            result.Add((kind, report));
        }

        return result;
    }

    /// <param name="built">Reports already built with the same settings, by meeting, to reuse.</param>
    /// <param name="cancellationToken">Checked before each meeting's report: work stops when the caller has gone.</param>
    public async Task<CompareMeetingsResponse> CompareAsync(
        IReadOnlyList<MeetingName> meetings, ReportSettings settings, IReadOnlyDictionary<MeetingName, DiversityReport>? built = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(meetings);
        var reports = new List<DiversityReport>();
        foreach (var meeting in meetings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            reports.Add(built is not null && built.TryGetValue(meeting, out var report) ? report.Clone() : await MeetingAsync(SeatScope.Meeting(meeting.MeetingId), settings, cancellationToken));
        }

        for (var i = 1; i < reports.Count; i++)
        {
            var previous = reports[i - 1].Breakdowns.ToDictionary(b => (b.Dimension, b.Population));
            foreach (var breakdown in reports[i].Breakdowns)
            {
                if (!previous.TryGetValue((breakdown.Dimension, breakdown.Population), out var before))
                {
                    continue;
                }

                var earlier = before.Categories.ToDictionary(c => c.Category);
                foreach (var category in breakdown.Categories)
                {
                    // Changes are of published values; one next to a hidden count would give it away.
                    if (category.HasCount && earlier.TryGetValue(category.Category, out var was) && was.HasCount)
                    {
                        category.Change = category.Count - was.Count;
                    }
                }
            }
        }

        return new CompareMeetingsResponse { Reports = { reports } };
    }

    private async Task<DiversityReport> BuildAsync(string name, ReportSubject subject, SeatScope scope, ReportSettings settings, bool includeRoom, CancellationToken cancellationToken)
    {
        // Its parts are read on several connections, each at its own moment: built again when anything
        // was written meanwhile, so that its parts describe one state of the registry (under a steady
        // stream of writes, the last attempt stands).
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var watch = store.WatchWrites();
            var report = await BuildOnceAsync(name, subject, scope, settings, includeRoom).ConfigureAwait(false);
            if (attempt == BuildAttempts || !watch.WrittenSince)
            {
                return report;
            }
        }
    }

    private async Task<DiversityReport> BuildOnceAsync(string name, ReportSubject subject, SeatScope scope, ReportSettings settings, bool includeRoom)
    {
        scope = scope with { SelfDeclaredOnly = settings.SelfDeclaredOnly };
        var policy = new DisclosurePolicy(DisclosureRequest.Of(scope, settings));
        // Three independent reads, each on its own connection: the people behind the seats, the
        // panels judged one by one, and (here) the seat and room cubes.
        var panellistsRead = Task.Run(() => store.Panellists(scope, TopSeatHolders));
        var balanceRead = Task.Run(() => balance.Summarize(scope, settings, policy));
        var seatCube = store.SeatCube(scope);
        var room = includeRoom ? store.RegistrantCube(scope.MeetingId, scope.SelfDeclaredOnly) : null;
        var panellists = await panellistsRead.ConfigureAwait(false);
        var cubes = new Dictionary<Population, IReadOnlyList<CubeRow>>
        {
            [Population.Seats] = seatCube,
            [Population.Panellists] = panellists.Cube,
        };
        if (room is not null)
        {
            cubes[Population.Registrants] = room;
            cubes[Population.RegistrantsOnsite] = room.Where(r => r.Attendance == (int)Attendance.Onsite).ToList();
            cubes[Population.RegistrantsRemote] = room.Where(r => r.Attendance == (int)Attendance.Remote).ToList();
            cubes[Population.RegistrantsCheckedIn] = room.Where(r => r.CheckedIn).ToList();
        }

        var plan = policy.Plan(new DisclosureFigures(cubes, () => store.PanelsByKind(scope.MeetingId), panellists.Top.Count > 0 ? (int)panellists.Top[0].Seats : 0));
        var report = new DiversityReport
        {
            Name = name,
            DisplayName = subject.DisplayName,
            Sessions = store.CountSessions(scope),
            Seats = cubes[Population.Seats].Sum(r => r.Count),
            Panellists = cubes[Population.Panellists].Sum(r => r.Count),
            Registrants = room?.Sum(r => r.Count) ?? 0,
            RegistrantsCheckedIn = room?.Where(r => r.CheckedIn).Sum(r => r.Count) ?? 0,
            SuppressionThreshold = settings.SuppressionThreshold,
            Perturbed = settings.Suppressing,
        };

        foreach (var population in includeRoom ? PanelPopulations.Concat(RoomPopulations) : PanelPopulations)
        {
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                // Role is a seat's, not a person's.
                if (dimension != Dimension.Role || population == Population.Seats)
                {
                    report.Breakdowns.Add(ReportProto.Breakdown(cubes[population], population, dimension, plan, settings.Layout));
                }
            }
        }

        if (!settings.Suppressing)
        {
            // With personal data: how much of each population's gender the people declared themselves.
            var declared = store.SelfDeclaredGender(scope, includeRoom);
            foreach (var breakdown in report.Breakdowns.Where(b => b.Dimension == ReportDimension.Gender))
            {
                breakdown.SelfDeclared = declared.GetValueOrDefault(ApiEnums.FromApi(breakdown.Population));
            }
        }

        foreach (var crossTab in plan.CrossTabs)
        {
            report.CrossTabs.Add(ReportProto.CrossTab(cubes[crossTab.Population], crossTab));
        }

        report.Concentration = ReportProto.Concentration(panellists, report.Seats, report.Panellists, settings.NamesEveryone);
        report.ReportCards = ReportProto.ReportCards(store.ReportCards(scope));
        if (baselines.Of(scope, settings, cubes, report) is { } baseline)
        {
            report.Baselines.Add(baseline);
        }

        // Awaited last: judging every panel is the longest of the reads.
        report.Balance = await balanceRead.ConfigureAwait(false);
        return report;
    }
}
