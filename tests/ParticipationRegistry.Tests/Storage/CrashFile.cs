using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Storage;

/// <summary>The crash test's reading of the database file (server stopped or running: WAL readers see committed data).</summary>
internal static class CrashFile
{
    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }

    private static string Id(string name) => name[(name.LastIndexOf('/') + 1)..];

    /// <summary>Rows a create made: people by display name, or seats by person.</summary>
    public static int Count(string path, CrashCaller caller, PendingWrite write)
    {
        using var connection = Open(path);
        return write.Kind switch
        {
            WriteKind.Create => connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM stakeholders WHERE display_name = @n", new { n = ((CreateStakeholderRequest)write.Request).Stakeholder.DisplayName }),
            WriteKind.BatchCreate => connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM stakeholders WHERE display_name IN @n",
                new { n = ((BatchCreateStakeholdersRequest)write.Request).Requests.Select(r => r.Stakeholder.DisplayName).ToList() }),
            WriteKind.Seat => connection.ExecuteScalar<int>("SELECT COUNT(*) FROM participants WHERE stakeholder_id = @id", new { id = Id(write.Person!.Name) }),
            WriteKind.SeatBatch => connection.ExecuteScalar<int>(
                "SELECT COUNT(*) FROM participants WHERE stakeholder_id IN @ids", new { ids = write.Batch!.People.Select(p => Id(p.Name)).ToList() }),
            _ => throw new ArgumentException($"caller {caller.Index}: {write.Kind} is not a create", nameof(write)),
        };
    }

    /// <summary>The rows a create makes when it is applied once.</summary>
    public static int Expected(PendingWrite write) => write.Kind switch
    {
        WriteKind.BatchCreate => ((BatchCreateStakeholdersRequest)write.Request).Requests.Count,
        WriteKind.SeatBatch => write.Batch!.People.Count,
        _ => 1,
    };

    public static string? IdOf(string path, string displayName)
    {
        using var connection = Open(path);
        return connection.QueryFirstOrDefault<string>("SELECT id FROM stakeholders WHERE display_name = @displayName", new { displayName });
    }

    /// <summary>Everything the file must show after a kill; each broken rule as a line.</summary>
    public static List<string> Check(string path, IEnumerable<CrashCaller> callers)
    {
        using var connection = Open(path);
        var violations = new List<string>();
        var integrity = connection.ExecuteScalar<string>("PRAGMA integrity_check");
        if (integrity != "ok")
        {
            violations.Add($"integrity_check: {integrity}");
        }

        var stored = connection.Query<(string Id, string DisplayName, string Affiliation, long Erased)>(
            "SELECT id, display_name, affiliation, erased FROM stakeholders").ToDictionary(r => r.Id);
        var seats = connection.Query<(string Id, string StakeholderId)>("SELECT id, stakeholder_id FROM participants").ToList();
        var seatIds = seats.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(seats.Where(s => !stored.ContainsKey(s.StakeholderId)).Select(s => $"seat {s.Id} without its person {s.StakeholderId}"));
        foreach (var caller in callers)
        {
            var pending = caller.Pending;
            foreach (var person in caller.People.Concat(caller.Batches.SelectMany(b => b.People)))
            {
                var found = stored.TryGetValue(Id(person.Name), out var row) && row.Erased == 0;
                if (pending?.Person == person && pending.Kind == WriteKind.Delete)
                {
                    continue;
                }

                if (person.Deleted)
                {
                    if (found)
                    {
                        violations.Add($"{person.Name}: acknowledged delete, still present");
                    }
                }
                else if (!found || row.DisplayName != person.DisplayName)
                {
                    violations.Add($"{person.Name} ({person.DisplayName}): acknowledged create lost");
                }
                else if (row.Affiliation != person.Affiliation && !(pending?.Person == person && pending.Kind == WriteKind.Update && row.Affiliation == pending.Value))
                {
                    violations.Add($"{person.Name}: affiliation '{row.Affiliation}', acknowledged '{person.Affiliation}'");
                }
            }

            violations.AddRange(caller.Seats.Where(s => !seatIds.Contains(Id(s))).Select(s => $"{s}: acknowledged seat lost"));
            if (pending is not null && pending.Kind is not (WriteKind.Update or WriteKind.Delete))
            {
                var count = Count(path, caller, pending);
                if (count != 0 && count != Expected(pending))
                {
                    violations.Add($"caller {caller.Index}: in-flight {pending.Kind} half-applied: {count} of {Expected(pending)} rows");
                }
            }
        }

        return violations;
    }
}
