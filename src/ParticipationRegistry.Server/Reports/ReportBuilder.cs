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

    public static bool IsPersonal(Dimension dimension) => dimension is Dimension.Gender or Dimension.Attribute;

    public DiversityReport Session(string meetingId, string sessionId, ReportSettings settings)
    {
        var subject = store.FindSession(meetingId, sessionId)
            ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, $"meetings/{meetingId}/sessions/{sessionId}");
        // A named session's gender and attributes are personal data: withheld whole, not just small cells.
        return Build($"meetings/{meetingId}/sessions/{sessionId}", subject, SeatScope.Session(meetingId, sessionId), settings, withholdPersonal: settings.Suppressing, includeRoom: false);
    }

    public DiversityReport Meeting(SeatScope scope, ReportSettings settings)
    {
        var subject = store.FindMeeting(scope.MeetingId)
            ?? throw RegistryException.NotFound(ErrorReason.MeetingNotFound, $"meetings/{scope.MeetingId}");
        return Build($"meetings/{scope.MeetingId}", subject, scope, settings, withholdPersonal: false, includeRoom: true);
    }

    public CompareMeetingsResponse Compare(IReadOnlyList<string> meetingIds, ReportSettings settings)
    {
        var reports = meetingIds.Select(id => Meeting(SeatScope.Meeting(id), settings)).ToList();
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

    private DiversityReport Build(string name, ReportSubject subject, SeatScope scope, ReportSettings settings, bool withholdPersonal, bool includeRoom)
    {
        var cubes = new Dictionary<Population, IReadOnlyList<CubeRow>>
        {
            [Population.Seats] = store.SeatCube(scope),
            [Population.Panellists] = store.PanellistCube(scope),
        };
        if (includeRoom)
        {
            var room = store.RegistrantCube(scope.MeetingId);
            cubes[Population.Registrants] = room;
            cubes[Population.RegistrantsOnsite] = room.Where(r => r.Attendance == (int)Attendance.Onsite).ToList();
            cubes[Population.RegistrantsRemote] = room.Where(r => r.Attendance == (int)Attendance.Remote).ToList();
        }

        // A restricted report is checked against the unrestricted one: the difference of two shown
        // counts must not reveal a small group either.
        Dictionary<Population, IReadOnlyList<CubeRow>>? unrestricted = null;
        if (settings.Suppressing && scope.IsRestricted)
        {
            var whole = SeatScope.Meeting(scope.MeetingId);
            unrestricted = new() { [Population.Seats] = store.SeatCube(whole), [Population.Panellists] = store.PanellistCube(whole) };
        }

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
                var suppressed = settings.Suppressing && IsPersonal(dimension) && !withholdPersonal
                    ? SuppressedCells(breakdown, population, dimension, cubes, unrestricted, settings.SuppressionThreshold)
                    : null;
                report.Breakdowns.Add(ToProto(breakdown, suppressed, withheld: withholdPersonal && IsPersonal(dimension)));
            }
        }

        foreach (var (rows, columns, population) in settings.CrossTabs)
        {
            if (!cubes.TryGetValue(population, out var cube))
            {
                continue;
            }

            var table = ReportMath.CrossTabOf(cube, rows, columns);
            var personal = settings.Suppressing && (IsPersonal(rows) || IsPersonal(columns));
            // Restricted reports and named sessions withhold personal cross-tabs whole: two crossed
            // variants of different people leave too many differences to guard cell by cell.
            var withhold = personal && (withholdPersonal || unrestricted is not null);
            // The table's row and column totals are the breakdowns: a total they withhold must stay
            // withheld here too.
            bool[,]? suppressed = null;
            if (personal && !withhold)
            {
                var rowTotals = SuppressedTotals(rows, population, cubes, unrestricted, settings.SuppressionThreshold);
                var columnTotals = SuppressedTotals(columns, population, cubes, unrestricted, settings.SuppressionThreshold);
                suppressed = Suppression.ForCrossTab(table.Counts, settings.SuppressionThreshold, rowTotals, columnTotals);
            }

            report.CrossTabs.Add(ToProto(table, population, suppressed, withhold));
        }

        report.Balance = BalanceOf(scope, settings);
        report.Concentration = ConcentrationOf(scope, report);
        report.ReportCards = ReportCardsOf(scope);
        if (BaselineOf(scope, settings, cubes, report) is { } baseline)
        {
            report.Baselines.Add(baseline);
        }

        return report;
    }

    /// <summary>
    /// The cells of a personal breakdown to withhold. A restricted meeting report is checked against
    /// the unrestricted one, and onsite and remote registrants against all registrants, so that the
    /// difference of two shown counts reveals no small group either.
    /// </summary>
    private static bool[] SuppressedCells(
        Breakdown breakdown, Population population, Dimension dimension, Dictionary<Population, IReadOnlyList<CubeRow>> cubes,
        Dictionary<Population, IReadOnlyList<CubeRow>>? unrestricted, int k)
    {
        IReadOnlyList<CubeRow>? baseCube = population switch
        {
            Population.RegistrantsOnsite or Population.RegistrantsRemote => cubes[Population.Registrants],
            _ when unrestricted is not null && unrestricted.TryGetValue(population, out var whole) => whole,
            _ => null,
        };
        if (baseCube is null)
        {
            return Suppression.ForBreakdown(breakdown.Counts, k);
        }

        var baseCounts = ReportMath.BreakdownOf(baseCube, dimension, population).Counts;
        return Suppression.AgainstBase(breakdown.Counts, baseCounts, Suppression.ForBreakdown(baseCounts, k), k);
    }

    private static bool[] SuppressedTotals(
        Dimension dimension, Population population, Dictionary<Population, IReadOnlyList<CubeRow>> cubes,
        Dictionary<Population, IReadOnlyList<CubeRow>>? unrestricted, int k)
    {
        var breakdown = ReportMath.BreakdownOf(cubes[population], dimension, population);
        return IsPersonal(dimension) ? SuppressedCells(breakdown, population, dimension, cubes, unrestricted, k) : new bool[breakdown.Counts.Count];
    }

    private BalanceSummary BalanceOf(SeatScope scope, ReportSettings settings)
    {
        var sessionIds = store.SessionIds(scope);
        var summary = new BalanceSummary { Policy = settings.PolicyName, Sessions = sessionIds.Count };
        var notBalanced = new List<(string StartTime, SessionVerdict Verdict)>();
        // One panel at a time: memory stays flat however many sessions the meeting has.
        panels.VisitSessionPanels(scope.MeetingId, sessionIds, settings.Rules.Any(r => r.ReadsOtherSeats), panel =>
        {
            var verdict = BalanceEngine.Check(panel.Panel, settings.Rules, confirmedOnly: false).Verdict;
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
        });
        summary.NotBalanced.AddRange(notBalanced
            .OrderBy(n => n.StartTime, StringComparer.Ordinal).ThenBy(n => n.Verdict.Session, StringComparer.Ordinal)
            .Select(n => n.Verdict));
        summary.BalancedShare = summary.Sessions == 0 ? 0 : (double)summary.Balanced / summary.Sessions;
        return summary;
    }

    private SpeakerConcentration ConcentrationOf(SeatScope scope, DiversityReport report)
    {
        var repeat = store.SeatsHeldByRepeatPanellists(scope);
        var newcomers = store.Newcomers(scope);
        return new SpeakerConcentration
        {
            Seats = report.Seats,
            Panellists = report.Panellists,
            Top =
            {
                store.TopSeatHolders(scope, 10).Select(h => new SeatHolder
                {
                    Stakeholder = $"stakeholders/{h.StakeholderId}", DisplayName = h.DisplayName, Seats = h.Seats,
                }),
            },
            SeatsHeldByRepeatPanellists = repeat,
            RepeatSeatShare = report.Seats == 0 ? 0 : (double)repeat / report.Seats,
            Newcomers = newcomers,
            NewcomerShare = report.Panellists == 0 ? 0 : (double)newcomers / report.Panellists,
        };
    }

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
        foreach (var (category, share) in reference)
        {
            var cell = observed.Categories.FirstOrDefault(c => c.Category == category);
            if (cell is null || !cell.Known)
            {
                continue;
            }

            var panelCounts = store.PanelCounts(scope, dimension, CategoryValue(dimension, category));
            var without = panelCounts.Where(p => p.Seats > 0 && p.InCategory == 0).Count();
            var chances = panelCounts.Where(p => p.Seats > 0).Select(p => Math.Pow(1 - share, p.Seats)).ToList();
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
                line.Observed = cell.Count;
                line.ProbabilityAtMost = ReportMath.BinomialAtMost(cell.Count, observedTotal, share);
                line.PanelsWithout = without;
                line.ProbabilityPanelsWithoutAtLeast = ReportMath.PoissonBinomialAtLeast(without, chances);
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
