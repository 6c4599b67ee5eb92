using Grpc.Net.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Reports.PublicAttacker;

internal sealed record ProgrammeSession(string Name, SessionKind Kind, SessionState State, string Theme);

internal sealed record ProgrammeSeat(int Session, int Person, ParticipantRole Role, Confirmation Confirmation, Attendance Attendance, StakeholderGroup Group);

/// <summary>Which seats a report counts: a session, or the meeting restricted as GetMeetingDiversity restricts it (empty = all).</summary>
internal sealed record Restriction(
    string? Session = null,
    SessionKind[]? Kinds = null,
    SessionState[]? States = null,
    string[]? Themes = null,
    ParticipantRole[]? Roles = null,
    Confirmation[]? Confirmations = null)
{
    public bool IsWhole => Session is null && Kinds is null && States is null && Themes is null && Roles is null && Confirmations is null;

    public bool Counts(ProgrammeSession session) =>
        (Session is null || Session == session.Name)
        && (Kinds is null || Kinds.Contains(session.Kind))
        && (States is null || States.Contains(session.State))
        && (Themes is null || Themes.Contains(session.Theme));

    public bool Counts(ProgrammeSeat seat, IReadOnlyList<ProgrammeSession> sessions) =>
        Counts(sessions[seat.Session])
        && (Roles is null || Roles.Contains(seat.Role))
        && (Confirmations is null || Confirmations.Contains(seat.Confirmation));

    public override string ToString() => IsWhole ? "whole meeting" : string.Join(
        " ",
        new[]
        {
            Session, Join(Kinds), Join(States), Join(Themes), Join(Roles), Join(Confirmations),
        }.Where(s => !string.IsNullOrEmpty(s)));

    private static string? Join<T>(T[]? values) => values is null ? null : string.Join("+", values);
}

/// <summary>
/// A meeting's programme as a viewer key reads it (ListSessions, ListParticipants): who sits on which panel,
/// in which role and confirmation state, so each person's seat count. People are numbered in order of first seat.
/// </summary>
internal sealed class Programme
{
    public required IReadOnlyList<ProgrammeSession> Sessions { get; init; }
    public required IReadOnlyList<ProgrammeSeat> Seats { get; init; }

    /// <summary>Each person's stakeholder name, by person number.</summary>
    public required IReadOnlyList<string> People { get; init; }

    public static async Task<Programme> ReadAsync(GrpcChannel viewer, string meeting)
    {
        var meetings = new MeetingService.MeetingServiceClient(viewer);
        var sessions = (await meetings.ListSessionsAsync(new ListSessionsRequest { Parent = meeting, PageSize = 1000, OrderBy = "create_time" })).Sessions
            .Select(s => new ProgrammeSession(s.Name, s.Kind, s.State, s.Theme))
            .ToList();
        var people = new List<string>();
        var seats = new List<ProgrammeSeat>();
        foreach (var seat in (await meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = $"{meeting}/sessions/-", PageSize = 1000 })).Participants)
        {
            // The public programme names every panellist here (published sessions, consent not refused).
            Assert.NotEmpty(seat.Stakeholder);
            if (!people.Contains(seat.Stakeholder))
            {
                people.Add(seat.Stakeholder);
            }

            var session = sessions.FindIndex(s => seat.Name.StartsWith(s.Name + "/", StringComparison.Ordinal));
            seats.Add(new ProgrammeSeat(session, people.IndexOf(seat.Stakeholder), seat.Role, seat.Confirmation, seat.Attendance, seat.Snapshot.StakeholderGroup));
        }

        return new Programme { Sessions = sessions, Seats = seats, People = people };
    }

    /// <summary>Seats per person in scope (seats), or 1 for everyone with one (panellists); only seats passing <paramref name="also"/>.</summary>
    public int[] Multiplicity(Restriction scope, bool people, Func<ProgrammeSeat, bool>? also = null)
    {
        var counts = new int[People.Count];
        foreach (var seat in Seats.Where(s => scope.Counts(s, Sessions) && (also is null || also(s))))
        {
            counts[seat.Person] = people ? 1 : counts[seat.Person] + 1;
        }

        return counts;
    }

    public IEnumerable<int> SessionsIn(Restriction scope) => Enumerable.Range(0, Sessions.Count).Where(s => scope.Counts(Sessions[s]));
}
