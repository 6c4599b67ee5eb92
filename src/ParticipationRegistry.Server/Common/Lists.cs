using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace ParticipationRegistry.Server.Common;

/// <summary>What a collection can be filtered and ordered by.</summary>
public sealed record ListSpec(
    string Collection,
    IReadOnlyList<FilterField> FilterFields,
    IReadOnlyDictionary<string, string> OrderFields,
    string DefaultOrder);

/// <summary>A List request after validation: SQL-ready filter, ordering and page.</summary>
public sealed record ListQuery(FilterSql Filter, Ordering Ordering, PageRequest Page);

/// <summary>A row that can be paged: its id and the value it was sorted by.</summary>
public interface IPageable
{
    string Id { get; }
    string SortKey { get; }
}

/// <summary>A stored resource row: id, times and the version its etag is made of.</summary>
public interface IVersionedRow
{
    string Id { get; set; }
    string CreateTime { get; set; }
    string UpdateTime { get; set; }
    long Version { get; set; }
}

public sealed class Lists(PageTokens tokens)
{
    public ListQuery Resolve(ListSpec spec, string parent, int pageSize, string pageToken, string filter, string orderBy)
    {
        var size = CheckedPageSize(pageSize);
        return Build(spec, parent, size, pageToken, FilterParser.Parse(filter), orderBy);
    }

    /// <summary>As <see cref="Resolve(ListSpec, string, int, string, string, string)"/>, for a filter whose terms are already parsed.</summary>
    public ListQuery Resolve(ListSpec spec, string parent, int pageSize, string pageToken, IReadOnlyList<FilterTerm> filter, string orderBy) =>
        Build(spec, parent, CheckedPageSize(pageSize), pageToken, filter, orderBy);

    private static int CheckedPageSize(int pageSize)
    {
        var violations = new Violations();
        var size = PageSize.Resolve(pageSize, violations);
        violations.ThrowIfAny();
        return size;
    }

    private ListQuery Build(ListSpec spec, string parent, int size, string pageToken, IReadOnlyList<FilterTerm> filter, string orderBy)
    {
        var filterSql = FilterSql.Build(filter, spec.FilterFields);
        var ordering = Ordering.Resolve(orderBy, spec.OrderFields, spec.DefaultOrder);
        var identity = new ListQueryIdentity(spec.Collection, parent, filterSql.Canonical, ordering.Canonical);
        var after = string.IsNullOrEmpty(pageToken) ? null : tokens.Open(pageToken, identity);
        return new ListQuery(filterSql, ordering, new PageRequest(size, after, identity));
    }

    public string NextPageToken<T>(Page<T> page, ListQuery query) =>
        page.Next is null ? "" : tokens.Seal(page.Next, query.Page.Identity);
}

public static class KeysetPaging
{
    /// <summary>Runs one keyset page: fetches one row more than asked to know whether more follow.</summary>
    public static Page<TRow> QueryPage<TRow>(
        this DbConnection connection,
        ListQuery query,
        string select,
        string from,
        string where,
        string idExpression,
        object? fixedParameters = null)
        where TRow : IPageable
    {
        var parameters = new DynamicParameters(fixedParameters);
        foreach (var (name, value) in query.Filter.Parameters)
        {
            parameters.Add(name, value);
        }

        var after = query.Page.After;
        if (after is not null)
        {
            parameters.Add("after_key", after.SortKey);
            parameters.Add("after_id", after.Id);
        }

        parameters.Add("limit", query.Page.Size + 1);
        var sql = Keyset.Sql(select, from, $"({where}) AND ({query.Filter.Where})", query.Ordering, idExpression, after is not null);
        var rows = connection.Query<TRow>(sql, parameters).AsList();
        if (rows.Count <= query.Page.Size)
        {
            return new Page<TRow>(rows, null);
        }

        rows.RemoveAt(rows.Count - 1);
        var last = rows[^1];
        return new Page<TRow>(rows, new PageCursor(last.SortKey, last.Id));
    }
}
