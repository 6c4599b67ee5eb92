using System.Data.Common;
using System.Diagnostics;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Admin.Migrate;

/// <summary>What was copied of one table, and whether both sides agree.</summary>
public sealed record TableResult(string Table, long SourceRows, long TargetRows, string SourceDigest, string TargetDigest)
{
    public bool Same => SourceRows == TargetRows && SourceDigest == TargetDigest;
}

/// <summary>
/// Moves a registry between engines (SQLite → PostgreSQL, or back): both are brought to this server's schema,
/// the target must hold no registry data, every table is copied from one snapshot of the source in one
/// transaction of the target (all or nothing; PostgreSQL by binary COPY), then each table's row count and
/// digest (<see cref="RegistryTables.Digest"/>) are compared between the source's snapshot and the target.
/// The registry's secrets move too, so page tokens and API keys keep working.
/// </summary>
public static class RegistryMigration
{
    public static IReadOnlyList<TableResult> Copy(DatabaseLocation from, DatabaseLocation to, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(log);
        if (from.Engine == to.Engine && from.Target == to.Target)
        {
            throw new ArgumentException("--from and --to are the same database.");
        }

        if (from.Engine == StorageEngine.Sqlite && !File.Exists(from.Target))
        {
            throw new ArgumentException($"--from: no SQLite file at {from.Display}.");
        }

        using var source = new Database(from);
        using var target = new Database(to);
        Migrator.Migrate(source);
        Migrator.Migrate(target);
        using var reader = source.Open();
        using var writer = target.Open();
        return Copy(reader, writer, from.Display, to.Display, log);
    }

    /// <summary>
    /// The copy itself, between two open connections whose databases are both at this server's schema:
    /// <paramref name="reader"/> must not be in a transaction; it reads one snapshot (SQLite: a read transaction;
    /// PostgreSQL: REPEATABLE READ, read-only) for the copy and its check. Backups on PostgreSQL use it
    /// with the server's own database as the source and a new SQLite file as the target.
    /// </summary>
    public static IReadOnlyList<TableResult> Copy(DbConnection reader, DbConnection writer, string from, string to, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(log);
        var tables = RegistryTables.Describe(reader);
        var targetTables = RegistryTables.Describe(writer).ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var table in tables)
        {
            if (!targetTables.TryGetValue(table.Name, out var other) || !other.Columns.SequenceEqual(table.Columns, StringComparer.Ordinal))
            {
                throw new InvalidOperationException($"The table {table.Name} differs between {from} and {to}; both should be at schema {Migrator.LatestVersion}.");
            }

            if (table.Name != "registry_secrets" && writer.ExecuteScalar<long>($"SELECT count(*) FROM {RegistryTables.Quote(table.Name)}") > 0)
            {
                throw new InvalidOperationException($"{to} already holds registry data (table {table.Name}); migrate into an empty database.");
            }
        }

        // One snapshot of the source for the copy and its check: a server still writing to it changes neither.
        reader.Execute(reader is SqliteConnection ? "BEGIN TRANSACTION" : "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        var watch = Stopwatch.StartNew();
        using (var transaction = writer.BeginTransaction())
        {
            writer.Execute("DELETE FROM registry_secrets", transaction: transaction);
            foreach (var table in tables)
            {
                var rows = CopyTable(reader, writer, transaction, table);
                log.WriteLine($"  copied {table.Name,-28} {rows,10:N0} rows");
            }

            transaction.Commit();
        }

        log.WriteLine($"  copy took {watch.Elapsed.TotalSeconds:F1} s; checking row counts and digests");
        var results = tables.Select(table =>
        {
            var (sourceRows, sourceDigest) = RegistryTables.Digest(reader, table);
            var (targetRows, targetDigest) = RegistryTables.Digest(writer, table);
            return new TableResult(table.Name, sourceRows, targetRows, sourceDigest, targetDigest);
        }).ToList();
        reader.Execute("COMMIT TRANSACTION");
        return results;
    }

    private static long CopyTable(DbConnection reader, DbConnection writer, DbTransaction transaction, RegistryTable table)
    {
        var columns = string.Join(", ", table.Columns.Select(RegistryTables.Quote));
        using var select = reader.CreateCommand();
        select.CommandText = $"SELECT {columns} FROM {RegistryTables.Quote(table.Name)}";
        using var rows = select.ExecuteReader();
        return writer is PostgresConnection postgres
            ? CopyInto((NpgsqlConnection)postgres.Inner, rows, table, columns)
            : InsertInto(writer, transaction, rows, table, columns);
    }

    // Binary COPY: the fastest way into PostgreSQL, typed by the target's own column types.
    private static long CopyInto(NpgsqlConnection connection, DbDataReader rows, RegistryTable table, string columns)
    {
        var types = connection.Query<(string Column, string Type)>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @name",
            new { name = table.Name }).ToDictionary(c => c.Column, c => c.Type, StringComparer.Ordinal);
        var npgsqlTypes = table.Columns.Select(c => types[c] switch
        {
            "bigint" => NpgsqlDbType.Bigint,
            "bytea" => NpgsqlDbType.Bytea,
            "double precision" => NpgsqlDbType.Double,
            _ => NpgsqlDbType.Text,
        }).ToArray();
        using var import = connection.BeginBinaryImport($"COPY {RegistryTables.Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)");
        long count = 0;
        while (rows.Read())
        {
            import.StartRow();
            for (var i = 0; i < npgsqlTypes.Length; i++)
            {
                if (rows.IsDBNull(i))
                {
                    import.WriteNull();
                    continue;
                }

                var value = rows.GetValue(i);
                switch (npgsqlTypes[i])
                {
                    case NpgsqlDbType.Bigint:
                        import.Write(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                        break;
                    case NpgsqlDbType.Double:
                        import.Write(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Double);
                        break;
                    case NpgsqlDbType.Bytea:
                        import.Write((byte[])value, NpgsqlDbType.Bytea);
                        break;
                    default:
                        import.Write(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)!, NpgsqlDbType.Text);
                        break;
                }
            }

            count++;
        }

        import.Complete();
        return count;
    }

    private static long InsertInto(DbConnection connection, DbTransaction transaction, DbDataReader rows, RegistryTable table, string columns)
    {
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {RegistryTables.Quote(table.Name)} ({columns}) " +
            $"VALUES ({string.Join(", ", table.Columns.Select((_, i) => $"${i + 1}"))})";
        var parameters = table.Columns.Select((_, i) =>
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"${i + 1}";
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        insert.Prepare();
        long count = 0;
        while (rows.Read())
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                parameters[i].Value = rows.IsDBNull(i) ? DBNull.Value : rows.GetValue(i);
            }

            insert.ExecuteNonQuery();
            count++;
        }

        return count;
    }
}
