using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;
using ApiDimension = ParticipationRegistry.V1.ReportDimension;
using ApiPopulation = ParticipationRegistry.V1.Population;

namespace ParticipationRegistry.Server.Reports;

/// <summary>What a report is asked for, validated.</summary>
public sealed record ReportSettings(
    int SuppressionThreshold,
    IReadOnlyList<(Dimension Rows, Dimension Columns, Population Population)> CrossTabs,
    string PolicyName,
    IReadOnlyList<BalanceRule> Rules,
    Dimension BaselineDimension,
    IReadOnlyList<(string Category, double Share)> GivenShares)
{
    public bool Suppressing => SuppressionThreshold > 1;
}

/// <summary>
/// Assembles diversity reports from SQL aggregates, the pure statistics and the suppression rules.
/// Every route (gRPC, JSON, CSV, Markdown, HTML) goes through here, so all of them suppress alike.
/// </summary>
public sealed class ReportBuilder(IReportStore store, IBalanceStore panels)
{
    private static readonly Population[] PanelPopulations = [Population.Seats, Population.Panellists];
    private static readonly Population[] RoomPopulations = [Population.Registrants, Population.RegistrantsOnsite, Population.RegistrantsRemote];
    private const int TopSeatHolders = 10;

    public static bool IsPersonal(Dimension dimension) => dimension is Dimension.Gender or Dimension.Attribute;

    public Task<DiversityReport> SessionAsync(string meetingId, string sessionId, ReportSettings settings)
    {
        var subject = store.FindSession(meetingId, sessionId)
            ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, $"meetings/{meetingId}/sessions/{sessionId}");
        // A named session's gender and attributes are personal data: withheld whole, not just small cells.
        return BuildAsync($"meetings/{meetingId}/sessions/{sessionId}", subject, SeatScope.Session(meetingId, sessionId), settings, withholdPersonal: settings.Suppressing, includeRoom: false);
    }

    public Task<DiversityReport> MeetingAsync(SeatScope scope, ReportSettings settings)
    {
        var subject = store.FindMeeting(scope.MeetingId)
            ?? throw RegistryException.NotFound(ErrorReason.MeetingNotFound, $"meetings/{scope.MeetingId}");
        return BuildAsync($"meetings/{scope.MeetingId}", subject, scope, settings, withholdPersonal: false, includeRoom: true);
    }

    /// <summary>
    /// The seats of a meeting by session kind, one small report per kind holding the seats'
    /// breakdowns alone: the same figures, suppressed the same way, as <see cref="MeetingAsync"/>
    /// restricted to that kind gives, from one query instead of a report per kind.
    /// </summary>
    public IReadOnlyList<(int Kind, DiversityReport Report)> SeatsByKind(string meetingId, ReportSettings settings)
    {
        var byKind = store.SeatCubeByKind(SeatScope.Meeting(meetingId));
        var result = new List<(int, DiversityReport)>();
        foreach (var kind in byKind.Select(r => r.Attendance).Distinct().Order())
        {
            var scope = new SeatScope(meetingId, null, [kind], [], [], [], []);
            var seats = SeatsOfKinds(byKind, [kind]);
            var disclosure = new PersonalDisclosure(store, scope, settings, new() { [Population.Seats] = seats }, withholdPersonal: false, seatsByKind: byKind);
            var report = new DiversityReport
            {
                Name = $"meetings/{meetingId}",
                Seats = seats.Sum(r => r.Count),
                SuppressionThreshold = settings.Suppressing ? settings.SuppressionThreshold : 0,
            };
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                var decision = disclosure.Of(Population.Seats, dimension);
                report.Breakdowns.Add(ToProto(ReportMath.BreakdownOf(seats, dimension, Population.Seats), decision.Suppressed, decision.Withheld));
            }

            result.Add((kind, report));
        }

        return result;
    }

    /// <summary>The seat cube of the given kinds, from the cube by kind (whose Attendance holds the kind).</summary>
    private static List<CubeRow> SeatsOfKinds(IReadOnlyList<CubeRow> byKind, IReadOnlyList<int> kinds) =>
        byKind.Where(r => kinds.Contains(r.Attendance)).Select(r => r with { Attendance = 0 }).ToList();

    /// <param name="built">Reports already built with the same settings, by meeting id, to reuse.</param>
    public async Task<CompareMeetingsResponse> CompareAsync(IReadOnlyList<string> meetingIds, ReportSettings settings, IReadOnlyDictionary<string, DiversityReport>? built = null)
    {
        var reports = new List<DiversityReport>();
        foreach (var id in meetingIds)
        {
            reports.Add(built is not null && built.TryGetValue(id, out var report) ? report.Clone() : await MeetingAsync(SeatScope.Meeting(id), settings));
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
                    // A change next to a suppressed count would give it away.
                    if (category.HasCount && earlier.TryGetValue(category.Category, out var was) && was.HasCount)
                    {
                        category.Change = category.Count - was.Count;
                    }
                }
            }
        }

        return new CompareMeetingsResponse { Reports = { reports } };
    }

    /// <summary>A report is rebuilt when something was written while it was read, at most this many times in all.</summary>
    private const int BuildAttempts = 3;

    private async Task<DiversityReport> BuildAsync(string name, ReportSubject subject, SeatScope scope, ReportSettings settings, bool withholdPersonal, bool includeRoom)
    {
        // Its parts are read on several connections, each at its own moment: built again when anything
        // was written meanwhile, so that its parts describe one state of the registry (under a steady
        // stream of writes, the last attempt stands).
        for (var attempt = 1; ; attempt++)
        {
            using var watch = store.WatchWrites();
            var report = await BuildOnceAsync(name, subject, scope, settings, withholdPersonal, includeRoom).ConfigureAwait(false);
            if (attempt == BuildAttempts || !watch.WrittenSince)
            {
                return report;
            }
        }
    }

    private async Task<DiversityReport> BuildOnceAsync(string name, ReportSubject subject, SeatScope scope, ReportSettings settings, bool withholdPersonal, bool includeRoom)
    {
        // Three independent reads, each on its own connection: the people behind the seats, the
        // panels judged one by one, and (here) the seat and room cubes. On two cores they overlap.
        var panellistsRead = Task.Run(() => store.Panellists(scope, TopSeatHolders));
        var balanceRead = Task.Run(() => BalanceOf(scope, settings));
        // Restricted to kinds alone, the seats are the kinds' rows of the meeting's table by kind: read
        // once, so the figures and the table their suppression is decided on cannot disagree.
        var seatsByKind = scope.IsKindsOnly ? store.SeatCubeByKind(SeatScope.Meeting(scope.MeetingId)) : null;
        var seatCube = seatsByKind is null
            ? store.SeatCube(scope)
            : SeatsOfKinds(seatsByKind, scope.Kinds);
        var room = includeRoom ? store.RegistrantCube(scope.MeetingId) : null;
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
        }

        var disclosure = new PersonalDisclosure(store, scope, settings, cubes, withholdPersonal, seatsByKind);
        var report = new DiversityReport
        {
            Name = name,
            DisplayName = subject.DisplayName,
            Sessions = store.CountSessions(scope),
            Seats = cubes[Population.Seats].Sum(r => r.Count),
            Panellists = cubes[Population.Panellists].Sum(r => r.Count),
            Registrants = includeRoom ? cubes[Population.Registrants].Sum(r => r.Count) : 0,
            SuppressionThreshold = settings.Suppressing ? settings.SuppressionThreshold : 0,
        };

        foreach (var population in includeRoom ? PanelPopulations.Concat(RoomPopulations) : PanelPopulations)
        {
            foreach (var dimension in Enum.GetValues<Dimension>())
            {
                if (dimension == Dimension.Role && population != Population.Seats)
                {
                    continue;
                }

                var breakdown = ReportMath.BreakdownOf(cubes[population], dimension, population);
                var decision = disclosure.Of(population, dimension);
                report.Breakdowns.Add(ToProto(breakdown, decision.Suppressed, decision.Withheld));
            }
        }

        bool[,] CrossTabCells(Population population, Dimension rows, Dimension columns) => Suppression.ForCrossTab(
            ReportMath.CrossTabOf(cubes[population], rows, columns).Counts, settings.SuppressionThreshold,
            disclosure.TotalsOf(population, rows), disclosure.TotalsOf(population, columns));

        foreach (var (rows, columns, population) in settings.CrossTabs)
        {
            if (!cubes.TryGetValue(population, out var cube))
            {
                continue;
            }

            var table = ReportMath.CrossTabOf(cube, rows, columns);
            var personal = settings.Suppressing && (IsPersonal(rows) || IsPersonal(columns));
            var withhold = personal && disclosure.WithholdsCrossTabs(population);
            // The table's row and column totals are the breakdowns: a total they withhold must stay
            // withheld here too.
            bool[,]? suppressed = null;
            if (personal && !withhold)
            {
                suppressed = CrossTabCells(population, rows, columns);
                // The seats and the people holding them have the same empty cells, so a zero withheld in one
                // table would be shown in the other: both are decided, and a cell withheld in either is
                // withheld in both.
                if (population is Population.Seats or Population.Panellists && rows != Dimension.Role && columns != Dimension.Role)
                {
                    var twin = CrossTabCells(population == Population.Seats ? Population.Panellists : Population.Seats, rows, columns);
                    for (var r = 0; r < suppressed.GetLength(0); r++)
                    {
                        for (var c = 0; c < suppressed.GetLength(1); c++)
                        {
                            suppressed[r, c] |= twin[r, c];
                        }
                    }
                }
            }

            report.CrossTabs.Add(ToProto(table, population, suppressed, withhold));
        }

        report.Balance = await balanceRead.ConfigureAwait(false);
        report.Concentration = ConcentrationOf(panellists, report);
        report.ReportCards = ReportCardsOf(scope);
        if (BaselineOf(scope, settings, cubes, report) is { } baseline)
        {
            report.Baselines.Add(baseline);
        }

        return report;
    }

    /// <summary>
    /// Decides, for one report, which personal figures (gender, attributes) a caller without
    /// personal-data rights sees. Every figure that could be combined with another the same caller can
    /// get is decided together with it, as one table:
    /// <list type="bullet">
    /// <item>A whole meeting's breakdowns: each on its own (<see cref="Suppression.ForBreakdown"/>), never
    /// covering a small count with a zero, since the seats and the people holding them are empty in the same
    /// categories and one of the two shows it.</item>
    /// <item>Onsite and remote registrants: one table, a row each plus the unrecorded rest, whose column
    /// totals are all registrants as that breakdown shows them (<see cref="Suppression.ForVariants"/>).</item>
    /// <item>A report restricted to session kinds: its seats are the sum of the kinds' rows of one table of
    /// the meeting's seats by kind, decided once for the meeting, and a cell is shown only when every row
    /// it sums is shown there. Whatever kinds a caller asks for, what they get follows from that one
    /// protected table, so comparing variants (kind A with kinds A and B, or every kind with the whole
    /// meeting) reveals no withheld cell.</item>
    /// <item>Any other restriction (state, theme, role, confirmation), panellists of a restricted report
    /// (a person sits in several kinds, so they do not add up), and a named session: withheld whole. Those
    /// variants overlap in too many ways for cells to be guarded one by one.</item>
    /// <item>One session's panel, however reached: a meeting whose panels are those of a single session,
    /// and a kind of a single session, are withheld whole; in the table by kind such kinds stay in the
    /// hidden rest, all of whose counts are kept unknown when it is one session.</item>
    /// </list>
    /// Cross-tabs take the breakdowns' withheld totals as withheld, and the seats' and the people's tables
    /// of the same two dimensions withhold the union of their cells; those of restricted reports and of
    /// onsite and remote registrants are withheld whole, for the same reason.
    /// </summary>
    private sealed class PersonalDisclosure(
        IReportStore store, SeatScope scope, ReportSettings settings, Dictionary<Population, IReadOnlyList<CubeRow>> cubes, bool withholdPersonal,
        IReadOnlyList<CubeRow>? seatsByKind = null)
    {
        private const int MinPanels = 2;
        private readonly Dictionary<(Population, Dimension), Decision> decided = [];
        private IReadOnlyList<CubeRow>? seatsByKind = seatsByKind;
        private IReadOnlyDictionary<int, int>? panelsByKind;

        public sealed record Decision(bool Withheld, bool[]? Suppressed)
        {
            public static readonly Decision Open = new(false, null);
            public static readonly Decision WithheldWhole = new(true, null);
        }

        private int K => settings.SuppressionThreshold;

        public Decision Of(Population population, Dimension dimension)
        {
            if (!settings.Suppressing || !IsPersonal(dimension))
            {
                return Decision.Open;
            }

            if (!decided.TryGetValue((population, dimension), out var decision))
            {
                decision = Decide(population, dimension);
                decided[(population, dimension)] = decision;
            }

            return decision;
        }

        public bool WithholdsCrossTabs(Population population) =>
            withholdPersonal || scope.IsRestricted || population is Population.RegistrantsOnsite or Population.RegistrantsRemote
            || (population is Population.Seats or Population.Panellists && OnePanelOrFewer);

        /// <summary>
        /// An aggregate of the panels of fewer than two sessions is one session's composition, which is
        /// personal data like a named session's (the meeting of a single workshop, say).
        /// </summary>
        private bool OnePanelOrFewer => PanelsByKind.Values.Sum() < MinPanels;

        private IReadOnlyDictionary<int, int> PanelsByKind => panelsByKind ??= store.PanelsByKind(scope.MeetingId);

        /// <summary>Which totals of a cross-tab's line are withheld: those its breakdown withholds.</summary>
        public bool[] TotalsOf(Population population, Dimension dimension)
        {
            var size = ReportMath.CategoriesOf(dimension).Count;
            var decision = Of(population, dimension);
            return decision.Withheld ? Enumerable.Repeat(true, size).ToArray() : decision.Suppressed ?? new bool[size];
        }

        private Decision Decide(Population population, Dimension dimension)
        {
            if (withholdPersonal)
            {
                return Decision.WithheldWhole;
            }

            var counts = ReportMath.BreakdownOf(cubes[population], dimension, population).Counts;
            if (population is Population.Seats or Population.Panellists && OnePanelOrFewer)
            {
                return Decision.WithheldWhole;
            }

            var restricted = scope.IsRestricted && population is Population.Seats or Population.Panellists;
            if (restricted)
            {
                // A kind of one session is that session: a report including it is withheld.
                var oneSessionKind = scope.Kinds.Any(kind => PanelsByKind.GetValueOrDefault(kind) == 1);
                return population == Population.Seats && scope.IsKindsOnly && !oneSessionKind ? FromKindTable(dimension, counts) : Decision.WithheldWhole;
            }

            if (population is Population.RegistrantsOnsite or Population.RegistrantsRemote)
            {
                return FromAttendanceTable(population, dimension);
            }

            return new Decision(false, Suppression.ForBreakdown(counts, K));
        }

        private Decision FromAttendanceTable(Population population, Dimension dimension)
        {
            var all = ReportMath.BreakdownOf(cubes[Population.Registrants], dimension, Population.Registrants).Counts;
            var onsite = ReportMath.BreakdownOf(cubes[Population.RegistrantsOnsite], dimension, Population.RegistrantsOnsite).Counts;
            var remote = ReportMath.BreakdownOf(cubes[Population.RegistrantsRemote], dimension, Population.RegistrantsRemote).Counts;
            var table = Suppression.ForVariants(Table([onsite, remote], all.Count), all, Of(Population.Registrants, dimension).Suppressed!, K);
            var row = population == Population.RegistrantsOnsite ? 0 : 1;
            return new Decision(false, Enumerable.Range(0, all.Count).Select(c => table[row, c]).ToArray());
        }

        private Decision FromKindTable(Dimension dimension, IReadOnlyList<long> counts)
        {
            seatsByKind ??= store.SeatCubeByKind(SeatScope.Meeting(scope.MeetingId));
            // Kinds of one session are never shown: they stay in the table's hidden rest, and when the
            // rest is one session's panel, all of it must stay unknown, not just its small counts.
            var kinds = seatsByKind.Select(r => r.Attendance).Distinct().Where(kind => PanelsByKind.GetValueOrDefault(kind) >= MinPanels).Order().ToList();
            var rows = kinds.Select(kind => ReportMath.BreakdownOf(SeatsOfKinds(seatsByKind, [kind]), dimension, Population.Seats).Counts).ToList();
            var whole = ReportMath.BreakdownOf(seatsByKind, dimension, Population.Seats).Counts;
            var restSessions = PanelsByKind.Where(p => !kinds.Contains(p.Key)).Sum(p => p.Value);
            // Decided exactly as the whole meeting's own report decides it.
            var wholeSuppressed = Suppression.ForBreakdown(whole, K);
            var table = Suppression.ForVariants(Table(rows, whole.Count), whole, wholeSuppressed, K, restIsPersonal: restSessions == 1);
            var suppressed = new bool[counts.Count];
            for (var r = 0; r < kinds.Count; r++)
            {
                if (!scope.Kinds.Contains(kinds[r]))
                {
                    continue;
                }

                for (var c = 0; c < counts.Count; c++)
                {
                    suppressed[c] |= table[r, c];
                }
            }

            return new Decision(false, suppressed);
        }

        private static long[,] Table(List<IReadOnlyList<long>> rows, int columns)
        {
            var table = new long[rows.Count, columns];
            for (var r = 0; r < rows.Count; r++)
            {
                for (var c = 0; c < rows[r].Count; c++)
                {
                    table[r, c] = rows[r][c];
                }
            }

            return table;
        }
    }

    private BalanceSummary BalanceOf(SeatScope scope, ReportSettings settings)
    {
        var summary = new BalanceSummary { Policy = settings.PolicyName };
        var notBalanced = new List<(string StartTime, SessionVerdict Verdict)>();
        var withOtherSeats = settings.Rules.Any(r => r.ReadsOtherSeats);
        // One panel at a time: memory stays flat however many sessions the meeting has.
        var panelsJudged = 0;
        void Judge(SessionPanel panel)
        {
            summary.Sessions++;
            panelsJudged += panel.Panel.Seats.Count > 0 ? 1 : 0;
            var verdict = BalanceEngine.VerdictOf(panel.Panel, settings.Rules, confirmedOnly: false);
            if (verdict == PanelVerdict.Balanced)
            {
                summary.Balanced++;
                return;
            }

            if (verdict == PanelVerdict.Unbalanced) summary.Unbalanced++;
            else summary.Indeterminate++;
            notBalanced.Add((panel.StartTime, new SessionVerdict
            {
                Session = $"meetings/{panel.MeetingId}/sessions/{panel.SessionId}",
                DisplayName = panel.DisplayName,
                Verdict = verdict == PanelVerdict.Unbalanced ? Verdict.Unbalanced : Verdict.Indeterminate,
            }));
        }

        if (scope.SessionId is not null)
        {
            panels.VisitSessionPanels(scope.MeetingId, [scope.SessionId], withOtherSeats, Judge);
        }
        else
        {
            panels.VisitMeetingPanels(scope.MeetingId, new SessionFilter(scope.Kinds, scope.States, scope.Themes), withOtherSeats, Judge);
        }

        summary.BalancedShare = summary.Sessions == 0 ? 0 : (double)summary.Balanced / summary.Sessions;
        // A verdict under rules reading gender or attributes is personal data of the session it names.
        if (settings.Suppressing && settings.Rules.Any(r => r.Severity == Severity.Required && r.ReadsPersonalData))
        {
            summary.VerdictsWithheld = true;
            if (panelsJudged < 2)
            {
                // One session's panel: its counts are its verdict.
                summary.Balanced = summary.Unbalanced = summary.Indeterminate = 0;
                summary.BalancedShare = 0;
            }

            return summary;
        }

        summary.NotBalanced.AddRange(notBalanced
            .OrderBy(n => n.StartTime, StringComparer.Ordinal).ThenBy(n => n.Verdict.Session, StringComparer.Ordinal)
            .Select(n => n.Verdict));
        return summary;
    }

    private static SpeakerConcentration ConcentrationOf(PanellistFigures panellists, DiversityReport report) => new()
    {
        Seats = report.Seats,
        Panellists = report.Panellists,
        Top =
        {
            panellists.Top.Select(h => new SeatHolder
            {
                Stakeholder = $"stakeholders/{h.StakeholderId}", DisplayName = h.DisplayName, Seats = h.Seats,
            }),
        },
        SeatsHeldByRepeatPanellists = panellists.SeatsHeldByRepeatPanellists,
        RepeatSeatShare = report.Seats == 0 ? 0 : (double)panellists.SeatsHeldByRepeatPanellists / report.Seats,
        Newcomers = panellists.Newcomers,
        NewcomerShare = report.Panellists == 0 ? 0 : (double)panellists.Newcomers / report.Panellists,
    };

    private ReportCardSummary ReportCardsOf(SeatScope scope)
    {
        var totals = store.ReportCards(scope);
        var summary = new ReportCardSummary
        {
            SessionsWithCard = totals.SessionsWithCard,
            SessionsWithCounts = totals.SessionsWithCounts,
            Participants = totals.Participants,
            Women = totals.Women,
        };
        if (totals.Participants > 0)
        {
            summary.WomenShare = (double)totals.Women / totals.Participants;
        }

        foreach (var (band, sessions) in totals.Bands)
        {
            summary.Bands[ProtoEnums.NameOf((WomenShareBand)band)] = sessions;
        }

        foreach (var (answer, sessions) in totals.Discussion)
        {
            summary.GenderDiscussion[ProtoEnums.NameOf((GenderDiscussion)answer)] = sessions;
        }

        return summary;
    }

    private BaselineComparison? BaselineOf(SeatScope scope, ReportSettings settings, Dictionary<Population, IReadOnlyList<CubeRow>> cubes, DiversityReport report)
    {
        var dimension = settings.BaselineDimension;
        IReadOnlyList<(string Category, double Share)> reference;
        string source;
        if (settings.GivenShares.Count > 0)
        {
            (reference, source) = (settings.GivenShares, "given");
        }
        else if (cubes.TryGetValue(Population.Registrants, out var room) && room.Sum(r => r.Count) > 0)
        {
            var roomBreakdown = ReportMath.BreakdownOf(room, dimension, Population.Registrants);
            var known = roomBreakdown.Known;
            if (known == 0)
            {
                return null;
            }

            reference = roomBreakdown.Categories.Select((c, i) => (c, i)).Where(x => x.c.Known)
                .Select(x => (x.c.Key, (double)roomBreakdown.Counts[x.i] / known)).ToList();
            source = "registrants";
        }
        else
        {
            return null;
        }

        var observed = report.Breakdowns.Single(b => b.Dimension == ToApi(dimension) && b.Population == ApiPopulation.Panellists);
        // With a cell of the breakdown suppressed, its known total would give the cell away: then
        // only the reference and what follows from the panels' sizes (public) are shown.
        var hidden = !observed.HasKnown;
        var observedTotal = hidden ? 0 : observed.Known;
        var comparison = new BaselineComparison
        {
            Dimension = ToApi(dimension),
            Population = ApiPopulation.Panellists,
            Reference = source,
        };
        var lines = reference
            .Select(r => (r.Category, r.Share, Cell: observed.Categories.FirstOrDefault(c => c.Category == r.Category)))
            .Where(r => r.Cell is { Known: true })
            .ToList();
        // Panels by size, with how many lack each category: the chance of a panel of n seats having none
        // is (1 − share)^n.
        var sizes = store.PanelSizes(scope, dimension, lines.Select(l => CategoryValue(dimension, l.Category)).ToList());
        for (var i = 0; i < lines.Count; i++)
        {
            var (category, share, cell) = lines[i];
            var without = sizes.Sum(s => s.Without[i]);
            var chances = sizes.SelectMany(s => Enumerable.Repeat(Math.Pow(1 - share, s.Seats), (int)s.Panels)).ToList();
            var line = new BaselineCategory
            {
                Category = category,
                ReferenceShare = share,
                ObservedTotal = observedTotal,
                Expected = observedTotal * share,
                PanelsWithoutExpected = chances.Sum(),
                Suppressed = hidden,
            };
            if (!line.Suppressed)
            {
                line.Observed = cell!.Count;
                line.ProbabilityAtMost = ReportMath.BinomialAtMost(cell.Count, observedTotal, share);
                line.PanelsWithout = (int)without;
                line.ProbabilityPanelsWithoutAtLeast = ReportMath.PoissonBinomialAtLeast((int)without, chances);
            }

            comparison.Categories.Add(line);
        }

        return comparison;
    }

    /// <summary>The stored number behind a category key of a dimension.</summary>
    public static int CategoryValue(Dimension dimension, string key) => dimension switch
    {
        Dimension.StakeholderGroup => ProtoEnums.Values<StakeholderGroup>()[key],
        Dimension.RegionalGroup => ProtoEnums.Values<RegionalGroup>()[key],
        Dimension.Gender => ProtoEnums.Values<Gender>()[key],
        Dimension.Attribute => ProtoEnums.Values<StakeholderAttribute>()[key],
        Dimension.Role => ProtoEnums.Values<ParticipantRole>()[key],
        _ => key == "DEVELOPING" ? 1 : key == "OTHER" ? 0 : -1,
    };

    public static ApiDimension ToApi(Dimension dimension) => (ApiDimension)((int)dimension + 1);

    public static ApiPopulation ToApi(Population population) => (ApiPopulation)((int)population + 1);

    private static DimensionBreakdown ToProto(Breakdown breakdown, bool[]? suppressed, bool withheld)
    {
        var anySuppressed = withheld || (suppressed?.Any(s => s) ?? false);
        // Attributes are multi-valued: shares are of all people, and "known" is those with any attribute.
        var isAttribute = breakdown.Dimension == Dimension.Attribute;
        var noAttribute = isAttribute ? breakdown.Counts[^1] : 0;
        var known = isAttribute ? breakdown.Total - noAttribute : breakdown.Known;
        var shareBase = isAttribute ? breakdown.Total : known;
        var proto = new DimensionBreakdown
        {
            Dimension = ToApi(breakdown.Dimension),
            Population = ToApi(breakdown.Population),
            Total = breakdown.Total,
            Withheld = withheld,
        };
        for (var i = 0; i < breakdown.Categories.Count; i++)
        {
            var category = breakdown.Categories[i];
            var cell = new CategoryCount { Category = category.Key, Label = category.Label, Known = category.Known };
            if (withheld || (suppressed?[i] ?? false))
            {
                cell.Suppressed = true;
            }
            else
            {
                cell.Count = breakdown.Counts[i];
                if (category.Known && !anySuppressed && shareBase > 0)
                {
                    cell.Share = (double)breakdown.Counts[i] / shareBase;
                }
            }

            proto.Categories.Add(cell);
        }

        if (!anySuppressed)
        {
            proto.Known = known;
            var indices = ReportMath.IndicesOf(breakdown);
            if (indices.NormalizedBlau is { } blau) proto.NormalizedBlau = blau;
            if (indices.PielouEvenness is { } pielou) proto.PielouEvenness = pielou;
        }

        return proto;
    }

    private static CrossTab ToProto(CrossTabCounts table, Population population, bool[,]? suppressed, bool withheld)
    {
        var proto = new CrossTab { Rows = ToApi(table.Rows), Columns = ToApi(table.Columns), Population = ToApi(population) };
        for (var r = 0; r < table.RowCategories.Count; r++)
        {
            for (var c = 0; c < table.ColumnCategories.Count; c++)
            {
                var cell = new CrossTabCell { Row = table.RowCategories[r].Key, Column = table.ColumnCategories[c].Key };
                if (withheld || (suppressed?[r, c] ?? false))
                {
                    cell.Suppressed = true;
                }
                else
                {
                    cell.Count = table.Counts[r, c];
                }

                proto.Cells.Add(cell);
            }
        }

        return proto;
    }
}
