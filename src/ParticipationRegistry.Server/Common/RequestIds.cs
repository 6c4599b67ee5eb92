using System.Data.Common;
using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// A create's request id (AIP-155): the id, the method, and a fingerprint of the request, so that a
/// replay returns the first response and a different request under the same id is refused.
/// </summary>
public sealed record RequestIdClaim(string RequestId, string Method, byte[] Fingerprint)
{
    /// <summary>Null when the request carries no id; INVALID_ARGUMENT when the id is not a UUID.</summary>
    public static RequestIdClaim? From<TRequest>(TRequest request, string requestId, string method)
        where TRequest : IMessage<TRequest>
    {
        if (string.IsNullOrEmpty(requestId))
        {
            return null;
        }

        if (!Guid.TryParse(requestId, out var uuid))
        {
            throw RegistryException.InvalidArgument("request_id", "Must be a UUID, e.g. 1f0c6a52-3b9e-4c1e-9d55-5a3f0f7e2b11.");
        }

        var withoutId = request.Clone();
        withoutId.Descriptor.FindFieldByName("request_id").Accessor.Clear(withoutId);
        // One spelling per UUID, so a retry that writes it differently ({…}, upper case) still matches.
        return new RequestIdClaim(uuid.ToString("D"), method, SHA256.HashData(withoutId.ToByteArray()));
    }
}

/// <summary>The outcome of an idempotent create: the new row, or the first response replayed.</summary>
public sealed record Created<TRow>(TRow? Row, byte[]? ReplayedResponse)
{
    /// <summary>The create's response: the first one replayed, or the new row mapped.</summary>
    public TMessage Response<TMessage>(Func<TRow, TMessage> toProto, MessageParser<TMessage> parser)
        where TMessage : IMessage<TMessage> =>
        ReplayedResponse is { } replayed ? parser.ParseFrom(replayed) : toProto(Row!);
}

/// <summary>
/// The ledger of request ids, read and written inside the create's own transaction, so two
/// concurrent replays cannot both create. Rows are kept for <see cref="Retention"/>.
/// </summary>
public static class RequestLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    // Both run in every create under a request id, on the writer's connection: prepared once.
    private static byte[]? FindReplay(DbConnection connection, DbTransaction transaction, RequestIdClaim claim)
    {
        using var previous = connection.Prepared(
            transaction, "SELECT method, fingerprint, response FROM request_ids WHERE request_id = $1", claim.RequestId).ExecuteReader();
        if (!previous.Read())
        {
            return null;
        }

        if (previous.GetString(0) != claim.Method || !CryptographicOperations.FixedTimeEquals((byte[])previous.GetValue(1), claim.Fingerprint))
        {
            throw RegistryException.InvalidArgument(
                "request_id",
                "Already used for a different request; use a new UUID for a new request.",
                ErrorReason.RequestIdReused);
        }

        return (byte[])previous.GetValue(2);
    }

    private static void Record(DbConnection connection, DbTransaction transaction, RequestIdClaim claim, byte[] response, DateTimeOffset now) =>
        connection.Prepared(
            transaction,
            "INSERT INTO request_ids (request_id, method, fingerprint, response, create_time) VALUES ($1, $2, $3, $4, $5)",
            claim.RequestId, claim.Method, claim.Fingerprint, response, Times.ToText(now)).ExecuteNonQuery();

    /// <summary>
    /// Forgets every stored reply that names <paramref name="resource"/> (its create, its seats and
    /// registrations, a batch holding it): those replies carry the person's name. A retry of such a
    /// create after this runs as a new request.
    /// </summary>
    public static int ForgetResponsesNaming(DbConnection connection, DbTransaction transaction, string resource) =>
        connection.Execute(
            // SQLite's instr and PostgreSQL's position both find bytes in bytes; neither has the other.
            connection is SqliteConnection
                ? "DELETE FROM request_ids WHERE instr(response, @name) > 0"
                : "DELETE FROM request_ids WHERE position(@name IN response) > 0",
            new { name = System.Text.Encoding.UTF8.GetBytes(resource) },
            transaction);

    public static int Purge(DbConnection connection, DbTransaction transaction, DateTimeOffset now) =>
        connection.Execute(
            "DELETE FROM request_ids WHERE create_time < @cutoff",
            new { cutoff = Times.ToText(now - Retention) },
            transaction);

    /// <summary>
    /// Runs <paramref name="create"/> in <paramref name="transaction"/> unless <paramref name="claim"/> was
    /// seen before, recording its response for later replays.
    /// </summary>
    public static Created<TRow> CreateOnce<TRow>(
        DbConnection connection,
        DbTransaction transaction,
        RequestIdClaim? claim,
        DateTimeOffset now,
        Func<TRow> create,
        Func<TRow, byte[]> encodeResponse)
    {
        if (claim is not null && connection is not SqliteConnection)
        {
            return CreateOnceShared(connection, transaction, claim, now, create, encodeResponse);
        }

        if (claim is not null && FindReplay(connection, transaction, claim) is { } replayed)
        {
            return new Created<TRow>(default, replayed);
        }

        var row = create();
        if (claim is not null)
        {
            Record(connection, transaction, claim, encodeResponse(row), now);
        }

        return new Created<TRow>(row, null);
    }

    /// <summary>
    /// PostgreSQL, where several servers' writers may run the same request id at the same moment: the id is
    /// claimed first (<c>INSERT … ON CONFLICT DO NOTHING</c>, which waits for another transaction holding the
    /// same id to end, and never fails, so the group's transaction is not aborted). Claimed: the create runs and
    /// its reply is stored under the claim. Not claimed: the other server's create committed first, and its
    /// stored reply is replayed (READ COMMITTED: the statement after the wait sees that commit).
    /// </summary>
    private static Created<TRow> CreateOnceShared<TRow>(
        DbConnection connection, DbTransaction transaction, RequestIdClaim claim, DateTimeOffset now, Func<TRow> create, Func<TRow, byte[]> encodeResponse)
    {
        var claimed = connection.Prepared(
            transaction,
            "INSERT INTO request_ids (request_id, method, fingerprint, response, create_time) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (request_id) DO NOTHING",
            claim.RequestId, claim.Method, claim.Fingerprint, Array.Empty<byte>(), Times.ToText(now)).ExecuteNonQuery() == 1;
        if (!claimed)
        {
            return new Created<TRow>(default, FindReplay(connection, transaction, claim)
                ?? throw new InvalidOperationException($"The request id {claim.RequestId} was neither claimed nor found."));
        }

        var row = create();
        connection.Prepared(transaction, "UPDATE request_ids SET response = $1 WHERE request_id = $2", encodeResponse(row), claim.RequestId).ExecuteNonQuery();
        return new Created<TRow>(row, null);
    }
}
