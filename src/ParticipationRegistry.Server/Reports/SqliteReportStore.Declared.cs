using Dapper;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>How much of each population's gender the people declared themselves.</summary>
public sealed partial class SqliteReportStore
{
    public IReadOnlyDictionary<Population, long> SelfDeclaredGender(SeatScope scope, bool includeRoom)
    {
        var (seats, parameters) = Seats(scope);
        var declared = Declared("p", "gender_source");
        using var connection = database.Open();
        var (seatCount, people) = connection.QuerySingle<(long, long)>(
            $"SELECT count(*), count(DISTINCT p.stakeholder_id) FROM {seats} AND {declared}", parameters);
        var counts = new Dictionary<Population, long> { [Population.Seats] = seatCount, [Population.Panellists] = people };
        if (includeRoom)
        {
            var room = connection.QuerySingle<(long All, long Onsite, long Remote, long CheckedIn)>(
                $"""
                SELECT count(*), count(CASE WHEN r.attendance = @onsite THEN 1 END), count(CASE WHEN r.attendance = @remote THEN 1 END), count(CASE WHEN r.check_in_time <> '' THEN 1 END)
                FROM registrations r
                WHERE r.meeting_id = @meetingId AND {Declared("r", "gender_source")}
                """,
                new { meetingId = scope.MeetingId, onsite = (int)Attendance.Onsite, remote = (int)Attendance.Remote });
            counts[Population.Registrants] = room.All;
            counts[Population.RegistrantsOnsite] = room.Onsite;
            counts[Population.RegistrantsRemote] = room.Remote;
            counts[Population.RegistrantsCheckedIn] = room.CheckedIn;
        }

        return counts;
    }
}
