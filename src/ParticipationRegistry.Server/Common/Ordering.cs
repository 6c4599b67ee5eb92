using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// An <c>order_by</c> resolved to a whitelisted SQL expression: one field, optionally followed by
/// <c>desc</c> (or <c>asc</c>). Every sort expression yields text, so a cursor is a string.
/// </summary>
public sealed record Ordering(string Expression, bool Descending, string Canonical)
{
    public static Ordering Resolve(string orderBy, IReadOnlyDictionary<string, string> fields, string defaultField)
    {
        var words = orderBy.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return new Ordering(fields[defaultField], false, defaultField);
        }

        var allowed = $"one of {string.Join(", ", fields.Keys)}, optionally followed by ' desc'";
        if (words.Length > 2 || !fields.TryGetValue(words[0], out var expression))
        {
            throw RegistryException.InvalidArgument("order_by", $"'{SafeText.Quote(orderBy)}' is not supported: use {allowed}.");
        }

        var descending = false;
        if (words.Length == 2)
        {
            descending = words[1].ToLowerInvariant() switch
            {
                "desc" => true,
                "asc" => false,
                _ => throw RegistryException.InvalidArgument("order_by", $"'{words[1]}' is not a direction: use asc or desc."),
            };
        }

        return new Ordering(expression, descending, descending ? $"{words[0]} desc" : words[0]);
    }
}

/// <summary>
/// Keyset paging in SQL: <c>WHERE (sort, id) &gt; (@after_key, @after_id) ORDER BY sort, id LIMIT n+1</c>.
/// No OFFSET, so page 1000 costs what page 1 costs.
/// </summary>
public static class Keyset
{
    /// <summary>
    /// Builds the paged SELECT. <paramref name="select"/> is the column list, <paramref name="from"/>
    /// the FROM clause, <paramref name="where"/> the fixed predicates; <paramref name="idExpression"/>
    /// breaks ties. The query selects the sort key as <c>sort_key</c>.
    /// </summary>
    public static string Sql(string select, string from, string where, Ordering ordering, string idExpression, bool hasCursor)
    {
        var direction = ordering.Descending ? "DESC" : "ASC";
        var comparison = ordering.Descending ? "<" : ">";
        var cursor = hasCursor ? $"\n  AND ({ordering.Expression}, {idExpression}) {comparison} (@after_key, @after_id)" : "";
        return $"""
            SELECT {select}, {ordering.Expression} AS sort_key
            FROM {from}
            WHERE {where}{cursor}
            ORDER BY {ordering.Expression} {direction}, {idExpression} {direction}
            LIMIT @limit
            """;
    }
}

/// <summary>One page of rows and the cursor after its last row, if more follow.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, PageCursor? Next);

/// <summary>The validated paging part of a List request.</summary>
public sealed record PageRequest(int Size, PageCursor? After, ListQueryIdentity Identity);
