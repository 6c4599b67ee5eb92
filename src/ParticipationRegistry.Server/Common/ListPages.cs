namespace ParticipationRegistry.Server.Common;

/// <summary>The rows of one List response, mapped, and the token of the page after them ("" at the end).</summary>
public sealed record ListedPage<TMessage>(IEnumerable<TMessage> Items, string NextPageToken);

public static class ListPages
{
    /// <summary>One page of a List method: resolves the request's paging, filter and order, runs <paramref name="list"/>, maps its rows.</summary>
    public static ListedPage<TMessage> Page<TRow, TMessage>(
        this Lists lists,
        ListSpec spec,
        string parent,
        (int Size, string Token, string Filter, string OrderBy) request,
        Func<ListQuery, Page<TRow>> list,
        Func<TRow, TMessage> toProto)
    {
        var query = lists.Resolve(spec, parent, request.Size, request.Token, request.Filter, request.OrderBy);
        var page = list(query);
        return new ListedPage<TMessage>(page.Items.Select(toProto), lists.NextPageToken(page, query));
    }
}
