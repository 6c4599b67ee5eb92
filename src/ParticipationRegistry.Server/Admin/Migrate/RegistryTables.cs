using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Admin.Migrate;

/// <summary>One table of the registry: its columns (in schema order) and the tables its foreign keys name.</summary>
public sealed record RegistryTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<string> References);

/// <summary>
/// The registry's tables as either engine describes them, in an order in which every row's foreign keys
/// are inserted before it, and a digest of a table's rows that is the same on both engines for the same
/// rows: values canonically encoded (null, integer, text as UTF-8, bytes, real) in primary-key order (text
/// compared bytewise on both: SQLite's BINARY, PostgreSQL's COLLATE "C").
/// </summary>
public static class RegistryTables
{
    /// <summary>The tables of <paramref name="connection"/>'s database (SQLite or PostgreSQL), parents before children.</summary>
    public static IReadOnlyList<RegistryTable> Describe(DbConnection connection)
    {
        var tables = connection is SqliteConnection ? DescribeSqlite(connection) : DescribePostgres(connection);
        return Ordered(tables);
    }

    private static List<RegistryTable> DescribeSqlite(DbConnection connection)
    {
        var names = connection.Query<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").ToList();
        return names.Select(name => new RegistryTable(
            name,
            // The name comes from sqlite_schema, not from a caller.
            connection.Query<string>($"SELECT name FROM pragma_table_info('{name}') ORDER BY cid").ToList(),
            connection.Query<string>($"SELECT DISTINCT \"table\" FROM pragma_foreign_key_list('{name}')").ToList())).ToList();
    }

    private static List<RegistryTable> DescribePostgres(DbConnection connection)
    {
        var names = connection.Query<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_version' ORDER BY table_name").ToList();
        return names.Select(name => new RegistryTable(
            name,
            connection.Query<string>(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @name ORDER BY ordinal_position",
                new { name }).ToList(),
            connection.Query<string>(
                """
                SELECT DISTINCT confrelid::regclass::text FROM pg_constraint
                WHERE contype = 'f' AND conrelid = (quote_ident(current_schema()) || '.' || quote_ident(@name))::regclass
                """,
                new { name }).Select(n => n.Split('.')[^1].Trim('"')).ToList())).ToList();
    }

    private static List<RegistryTable> Ordered(List<RegistryTable> tables)
    {
        var byName = tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var ordered = new List<RegistryTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(RegistryTable table, int depth)
        {
            if (placed.Contains(table.Name) || depth > tables.Count)
            {
                return;
            }

            foreach (var parent in table.References.Where(r => r != table.Name && byName.ContainsKey(r)))
            {
                Place(byName[parent], depth + 1);
            }

            if (placed.Add(table.Name))
            {
                ordered.Add(table);
            }
        }

        foreach (var table in tables)
        {
            Place(table, 0);
        }

        return ordered;
    }

    /// <summary>The primary-key columns of <paramref name="table"/> (every column when it has none), for a stable row order.</summary>
    public static IReadOnlyList<string> KeyOf(DbConnection connection, RegistryTable table)
    {
        var key = connection is SqliteConnection
            ? connection.Query<string>($"SELECT name FROM pragma_table_info('{table.Name}') WHERE pk > 0 ORDER BY pk").ToList()
            : connection.Query<string>(
                """
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indisprimary AND i.indrelid = (quote_ident(current_schema()) || '.' || quote_ident(@name))::regclass
                ORDER BY array_position(i.indkey::int2[], a.attnum)
                """,
                new { name = table.Name }).ToList();
        return key.Count > 0 ? key : table.Columns;
    }

    /// <summary>How many rows, and the SHA-256 of their canonical encoding in key order.</summary>
    public static (long Rows, string Sha256) Digest(DbConnection connection, RegistryTable table, DbTransaction? transaction = null)
    {
        var key = KeyOf(connection, table);
        var columns = string.Join(", ", table.Columns.Select(Quote));
        var order = string.Join(", ", key.Select(Quote));
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {columns} FROM {Quote(table.Name)} ORDER BY {order}";
        using var reader = command.ExecuteReader();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long rows = 0;
        var buffer = new List<byte>(256);
        while (reader.Read())
        {
            rows++;
            buffer.Clear();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                Encode(buffer, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            buffer.Add((byte)'\n');
            hash.AppendData(buffer.ToArray());
        }

        return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static void Encode(List<byte> buffer, object? value)
    {
        var text = value switch
        {
            null => "N",
            long or int or short => "I" + Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture),
            bool flag => flag ? "I1" : "I0",
            double real => "R" + real.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            byte[] bytes => "B" + Convert.ToHexStringLower(bytes),
            string s => "T" + Convert.ToBase64String(Encoding.UTF8.GetBytes(s)),
            _ => "T" + Convert.ToBase64String(Encoding.UTF8.GetBytes(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "")),
        };
        buffer.AddRange(Encoding.ASCII.GetBytes(text));
        buffer.Add((byte)'|');
    }

    /// <summary>A table or column name from the schema itself, quoted for either engine.</summary>
    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
