using System.Security.Cryptography;
using System.Text;
using System.Data.Common;
using ParticipationRegistry.Server.Admin.Migrate;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>
/// A digest of the database's logical content, read beside the running server: every row of every table,
/// in a fixed order, except what legitimately changes while calls are refused — the audit trail and an
/// API key's <c>last_use_time</c>.
/// </summary>
public static class DatabaseDigest
{
    private static readonly HashSet<string> SkippedTables = ["audit_events"];
    private static readonly HashSet<string> SkippedColumns = ["last_use_time"];

    /// <summary>The digest of the registry <paramref name="connection"/> is open on (SQLite or PostgreSQL).</summary>
    public static string Compute(DbConnection connection)
    {
        var tables = RegistryTables.Describe(connection).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rowCount = 0;
        foreach (var table in tables.Where(t => !SkippedTables.Contains(t)))
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                var row = new StringBuilder();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!SkippedColumns.Contains(reader.GetName(i)))
                    {
                        var value = reader.GetValue(i);
                        row.Append(reader.GetName(i)).Append('=').Append(value is byte[] bytes ? Convert.ToHexString(bytes) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\u001f');
                    }
                }

                rows.Add(row.ToString());
            }

            rows.Sort(StringComparer.Ordinal);
            hash.AppendData(Encoding.UTF8.GetBytes($"table {table} {rows.Count}\n"));
            foreach (var row in rows)
            {
                hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
            }

            rowCount += rows.Count;
        }

        return $"{rowCount} rows, sha256 {Convert.ToHexString(hash.GetHashAndReset())[..16]}";
    }
}
