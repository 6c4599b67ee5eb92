using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Audit;

/// <summary>One event to append: the resource acted on, the field names (never values), and the create's request id if any.</summary>
public sealed record AuditRecord(string Method, string Resource, IReadOnlyList<string> Fields, AuditAction Action, string? RequestId = null);

/// <summary>An audit_events row.</summary>
public sealed class AuditEventRow : IPageable
{
    public string Id { get; set; } = "";
    public string Time { get; set; } = "";
    public string KeyId { get; set; } = "";
    public string Method { get; set; } = "";
    public string Resource { get; set; } = "";
    public string Fields { get; set; } = "";
    public int Action { get; set; }
    public string SortKey { get; set; } = "";
}

/// <summary>How long events are kept (<c>--audit-retention-days</c>).</summary>
public sealed record AuditRetention(TimeSpan Period)
{
    public const int DefaultDays = 365;

    public static readonly AuditRetention Default = new(TimeSpan.FromDays(DefaultDays));
}

/// <summary>The audit trail in SQLite: appended by the interceptor, read by AuditService and the data export, never edited.</summary>
public sealed class AuditTrail(Database database, TimeProvider clock)
{
    private const string Columns = "id, time, key_id, method, resource, fields, action";

    /// <summary>Appends <paramref name="records"/> in one transaction; a record whose request id was seen before for this method and key is skipped.</summary>
    public Task AppendAsync(string keyId, IEnumerable<AuditRecord> records)
    {
        var now = Times.ToText(clock.GetUtcNow());
        return database.WriteAsync((connection, transaction) =>
        {
            foreach (var record in records)
            {
                // Prepared once on the writer's connection: every audited call appends.
                connection.Prepared(
                    transaction,
                    """
                    INSERT INTO audit_events (id, time, key_id, method, resource, fields, action, request_id)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                    ON CONFLICT DO NOTHING
                    """,
                    Ids.New(), now, keyId, record.Method, record.Resource, string.Join(',', record.Fields), (int)record.Action, record.RequestId).ExecuteNonQuery();
            }
        });
    }

    /// <summary>One page, oldest first, of the events in [<paramref name="start"/>, <paramref name="end"/>) ("" leaves a bound open).</summary>
    public Page<AuditEventRow> List(ListQuery query, string start, string end) =>
        database.Read(connection => connection.QueryPage<AuditEventRow>(
            query, Columns, "audit_events", "(@start = '' OR time >= @start) AND (@end = '' OR time < @end)", "id", new { start, end }));

    /// <summary>Every event about one of <paramref name="resources"/>, oldest first.</summary>
    public IReadOnlyList<AuditEventRow> About(IReadOnlyCollection<string> resources) =>
        database.Read(connection => connection.Query<AuditEventRow>(
            $"SELECT {Columns} FROM audit_events WHERE resource IN @resources ORDER BY time, id", new { resources }).AsList());

    /// <summary>Removes events older than <paramref name="cutoff"/>; returns how many.</summary>
    public static int Purge(DbConnection connection, DbTransaction transaction, DateTimeOffset cutoff) =>
        connection.Execute("DELETE FROM audit_events WHERE time < @cutoff", new { cutoff = Times.ToText(cutoff) }, transaction);

    public static AuditEvent ToProto(AuditEventRow row) => new()
    {
        Name = $"auditEvents/{row.Id}",
        Time = Times.ToTimestampRequired(row.Time),
        ApiKey = row.KeyId.Length == 0 ? "" : new ApiKeyName(row.KeyId).ToString(),
        Method = row.Method,
        Resource = row.Resource,
        Fields = { row.Fields.Split(',', StringSplitOptions.RemoveEmptyEntries) },
        Action = (AuditAction)row.Action,
    };
}
