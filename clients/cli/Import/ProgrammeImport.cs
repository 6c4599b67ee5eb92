using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Cli.Import;

/// <summary>
/// <c>registry import programme FILE.csv --meeting M</c>: one row per seat. Sessions, people and seats are
/// created as needed, in that order, each in batches of at most 1000 that the server applies whole; what is
/// already there (a session by id, a person by the match rule, a seat by session, person and role) is kept
/// as it is and not created again, so a re-run adds nothing.
/// </summary>
public static class ProgrammeImport
{
    public static readonly string[] Fields =
        ["session_id", "title", "kind", "start_time", "end_time", "room", "person", "affiliation", "group", "country", "region", "role", "confirmation", "attendance", "email", "gender"];

    private sealed record SeatRow(int Line, string SessionId, Session Session, Stakeholder Person, Participant Seat);

    private sealed class PlannedSession(Session session, int line)
    {
        public Session Session { get; } = session;

        public int Line { get; } = line;

        public List<int> Lines { get; } = [line];
    }

    public static async Task<int> RunAsync(ImportRun run)
    {
        var meeting = (await run.Invocation.Client.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = Names.Meeting(run.Settings.Meeting) }, cancellationToken: run.Cancellation)).Name;
        var seats = Parse(run, run.Read(Fields, ["session_id", "title", "person", "role"]));

        // Sessions: the first row of a session says what it is; a later row that says otherwise is bad.
        var sessions = new Dictionary<string, PlannedSession>(StringComparer.Ordinal);
        foreach (var row in seats.ToList())
        {
            if (!sessions.TryGetValue(row.SessionId, out var planned))
            {
                sessions[row.SessionId] = new PlannedSession(row.Session, row.Line);
            }
            else if (!planned.Session.Equals(row.Session))
            {
                run.Bad.Add(row.Line, $"session {row.SessionId} is described differently on line {planned.Line} (title, kind, times and room must be the same on each of its rows)");
                seats.Remove(row);
            }
            else
            {
                planned.Lines.Add(row.Line);
            }
        }

        var client = run.Invocation.Client;
        var existingSessions = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var session in Pages.All(new ListSessionsRequest { Parent = meeting, PageSize = 1000 }, client.Meetings.ListSessionsAsync, r => r.Sessions, run.Cancellation))
        {
            existingSessions.Add(Names.Id(session.Name));
        }

        var existingSeats = new HashSet<(string Session, string Stakeholder, ParticipantRole Role)>();
        await foreach (var seat in Pages.All(new ListParticipantsRequest { Parent = $"{meeting}/sessions/-", PageSize = 1000 }, client.Meetings.ListParticipantsAsync, r => r.Participants, run.Cancellation))
        {
            existingSeats.Add((Names.Id(Names.Parent(seat.Name)), seat.Stakeholder, seat.Role));
        }

        var people = new PeopleIndex(run.Settings.Match);
        await people.LoadAsync(client, run.Cancellation);
        var newSessions = sessions.Where(s => !existingSessions.Contains(s.Key)).Select(s => (Id: s.Key, Planned: s.Value)).ToList();
        int sessionsCreated = 0, peopleCreated = 0, seatsCreated = 0, seatsThere = 0, peopleMatched = 0;

        // People of the good rows, matched or pending; then the pending ones likely to be someone already
        // registered are warned about, skipped or attached (--on-duplicate), before any progress display.
        var refs = new Dictionary<int, PersonRef>();
        var linesOf = new Dictionary<int, List<int>>();
        foreach (var row in seats.Where(r => !run.Bad.Contains(r.Line)))
        {
            var match = people.FindOrAdd(row.Person, row.Line);
            refs[row.Line] = match;
            if (match.IsNew)
            {
                (linesOf.TryGetValue(match.Pending, out var lines) ? lines : linesOf[match.Pending] = []).Add(row.Line);
            }
            else
            {
                peopleMatched++;
            }
        }

        var decisions = await DuplicateCheck.DecideAsync(run, people, linesOf);
        var peopleToCreate = decisions.Count(d => d is PendingDecision.Create);

        async Task Write(Spectre.Console.ProgressContext? progress)
        {
            var sessionTask = progress?.AddTask("sessions", maxValue: Math.Max(1, newSessions.Count));
            var peopleTask = progress?.AddTask("people", maxValue: Math.Max(1, peopleToCreate));
            var seatTask = progress?.AddTask("seats", maxValue: 1);
            if (!run.Settings.DryRun && newSessions.Count > 0)
            {
                var created = await Batches.SendAsync(
                    newSessions, s => s.Planned.Lines, "session",
                    async (chunk, cancellation) =>
                    {
                        var items = chunk.Select(s => new CreateSessionRequest { Parent = meeting, SessionId = s.Id, Session = s.Planned.Session }).ToList();
                        var request = new BatchCreateSessionsRequest
                        {
                            Parent = meeting,
                            Requests = { items },
                            RequestId = Batches.RequestId("sessions", run.Settings.File, chunk.Select((s, i) => (s.Planned.Line, (Google.Protobuf.IMessage)items[i]))),
                        };
                        return (IReadOnlyList<Session>)(await client.Meetings.BatchCreateSessionsAsync(request, cancellationToken: cancellation)).Sessions;
                    },
                    run.Bad, sessionTask, run.Cancellation);
                sessionsCreated = created.Count(s => s is not null);
            }

            sessionTask.Complete();

            // People: those of rows a refused session made bad are not created (CreatePeopleAsync).
            var newNames = DuplicateCheck.Resolve(decisions, [], dryRun: true);
            if (!run.Settings.DryRun && peopleToCreate > 0)
            {
                newNames = await run.CreatePeopleAsync(people, linesOf, peopleTask, decisions);
                peopleCreated = newNames.Where((n, i) => n is not null && decisions[i] is PendingDecision.Create).Count();
            }

            peopleTask.Complete();

            // Seats: skip those already there; the same person twice in one role of one session is a bad row.
            var toCreate = new List<(SeatRow Row, CreateParticipantRequest Item)>();
            var inFile = new Dictionary<(string, string, ParticipantRole), int>();
            foreach (var row in seats.Where(r => refs.ContainsKey(r.Line) && !run.Bad.Contains(r.Line)))
            {
                var person = refs[row.Line];
                // A new person's name, the existing person's for one attached by --on-duplicate merge; null: refused or skipped.
                var stakeholder = person.IsNew ? newNames[person.Pending] : person.Name;
                if (stakeholder is null)
                {
                    continue;
                }

                if (inFile.TryGetValue((row.SessionId, stakeholder, row.Seat.Role), out var first))
                {
                    run.Bad.Add(row.Line, $"{row.Person.DisplayName} already holds the role {Enums.Text(row.Seat.Role)} in session {row.SessionId} on line {first}");
                    continue;
                }

                inFile[(row.SessionId, stakeholder, row.Seat.Role)] = row.Line;

                if (existingSeats.Contains((row.SessionId, stakeholder, row.Seat.Role)))
                {
                    seatsThere++;
                    continue;
                }

                var seat = row.Seat.Clone();
                seat.Stakeholder = stakeholder;
                toCreate.Add((row, new CreateParticipantRequest { Parent = $"{meeting}/sessions/{row.SessionId}", Participant = seat }));
            }

            if (seatTask is not null)
            {
                seatTask.MaxValue = Math.Max(1, toCreate.Count);
            }

            if (!run.Settings.DryRun && toCreate.Count > 0)
            {
                var created = await Batches.SendAsync(
                    toCreate, s => [s.Row.Line], "seat",
                    async (chunk, cancellation) =>
                    {
                        var request = new BatchCreateParticipantsRequest
                        {
                            Parent = $"{meeting}/sessions/-",
                            Requests = { chunk.Select(s => s.Item) },
                            RequestId = Batches.RequestId("seats", run.Settings.File, chunk.Select(s => (s.Row.Line, (Google.Protobuf.IMessage)s.Item))),
                        };
                        return (IReadOnlyList<Participant>)(await client.Meetings.BatchCreateParticipantsAsync(request, cancellationToken: cancellation)).Participants;
                    },
                    run.Bad, seatTask, run.Cancellation);
                seatsCreated = created.Count(s => s is not null);
            }
            else
            {
                seatsCreated = run.Settings.DryRun ? toCreate.Count : 0;
            }

            seatTask.Complete();
        }

        if (run.Settings.DryRun)
        {
            await Write(null);
            run.Summary.Add($"Would create {newSessions.Count} session(s), {peopleToCreate} person(s) and {seatsCreated} seat(s); " +
                $"{sessions.Count - newSessions.Count} session(s), {peopleMatched} person row(s) and {seatsThere} seat(s) are already there.");
        }
        else
        {
            await run.WithProgressAsync(Write);
            run.Summary.Add($"Created {sessionsCreated} session(s), {peopleCreated} person(s) and {seatsCreated} seat(s); " +
                $"{sessions.Count - newSessions.Count} session(s), {peopleMatched} person row(s) and {seatsThere} seat(s) were already there.");
        }

        return await run.FinishAsync();
    }

    private static List<SeatRow> Parse(ImportRun run, IReadOnlyList<InputRow> rows)
    {
        var seats = new List<SeatRow>();
        foreach (var row in rows)
        {
            var problems = new List<string>();
            var id = row["session_id"];
            if (!SessionIds.IsValid(id))
            {
                problems.Add(id.Length == 0 ? "session_id is empty" : $"session_id '{id}' must be lower-case letters, digits and hyphens, starting with a letter (ws-85)");
            }

            var session = new Session { DisplayName = row["title"], Room = row["room"] };
            if (session.DisplayName.Length is 0 or > 300)
            {
                problems.Add(session.DisplayName.Length == 0 ? "title is empty" : "title is longer than 300 characters");
            }

            session.Kind = PersonFields.Optional<SessionKind>(row, "kind", problems);
            session.StartTime = Time(row, "start_time", problems);
            session.EndTime = Time(row, "end_time", problems);
            if (session.StartTime is not null && session.EndTime is not null && session.EndTime.ToDateTimeOffset() <= session.StartTime.ToDateTimeOffset())
            {
                problems.Add("end_time is not after start_time");
            }

            var person = PersonFields.Parse(row, "person", problems);
            var seat = new Participant
            {
                Role = PersonFields.Optional<ParticipantRole>(row, "role", problems),
                Confirmation = PersonFields.Optional<Confirmation>(row, "confirmation", problems),
                Attendance = PersonFields.Optional<Attendance>(row, "attendance", problems),
            };
            if (row["role"].Length == 0)
            {
                problems.Add("role is empty");
            }

            if (problems.Count > 0 || person is null)
            {
                run.Bad.Add(row.Line, problems);
                continue;
            }

            seats.Add(new SeatRow(row.Line, id, session, person, seat));
        }

        return seats;
    }

    private static Google.Protobuf.WellKnownTypes.Timestamp? Time(InputRow row, string field, List<string> problems)
    {
        var text = row[field];
        if (text.Length == 0)
        {
            return null;
        }

        if (Output.TryParseTime(text, out var time))
        {
            return time;
        }

        problems.Add($"{field} '{text}' is not an ISO 8601 time such as 2012-11-07T09:00:00+04:00");
        return null;
    }
}

/// <summary>Session ids as the server accepts them: <c>^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$</c>.</summary>
public static partial class SessionIds
{
    public static bool IsValid(string id) => Pattern().IsMatch(id);

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial System.Text.RegularExpressions.Regex Pattern();
}
