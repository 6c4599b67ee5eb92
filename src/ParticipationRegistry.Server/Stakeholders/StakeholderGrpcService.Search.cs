using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Search;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>SearchStakeholders: by name, later word, affiliation word or email, insensitive to case and diacritics.</summary>
public sealed partial class StakeholderGrpcService
{
    public const int MaxQuery = 200;

    public override Task<SearchStakeholdersResponse> SearchStakeholders(SearchStakeholdersRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var violations = new Violations();
        var text = request.Query.Trim();
        var key = NameKeys.Key(text);
        if (text.Length == 0 || text.Length > MaxQuery)
        {
            violations.Add("query", $"Give 1 to {MaxQuery} characters.");
        }
        else if (key.Length == 0)
        {
            violations.Add("query", "Give at least one letter or digit.");
        }

        var size = PageSize.Resolve(request.PageSize, violations);
        violations.ThrowIfAny();

        // Only a caller who may see everyone's email may find people by it: anyone else could probe addresses.
        var email = rights.Full(caller) && text.Contains('@', StringComparison.Ordinal) ? AsciiLower(text) : null;
        var services = context.GetHttpContext().RequestServices;
        var tokens = services.GetRequiredService<PageTokens>();
        // ":2": the cursor's shape since migration 0019 (ranks 2 and 3 carry the word read); a token of the earlier shape
        // is refused as any stale token is, INVALID_PAGE_TOKEN, and the caller starts again.
        var identity = new ListQueryIdentity("stakeholders:search:2", "", $"{key}\u001f{email}", "");
        (int, string, string)? after = null;
        if (request.PageToken.Length > 0)
        {
            var cursor = tokens.Open(request.PageToken, identity);
            var parts = cursor.SortKey.Split('\u001f', 2);
            after = (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], cursor.Id);
        }

        var hits = services.GetRequiredService<StakeholderSearch>().Find(key, email, after, size + 1);
        var next = "";
        if (hits.Count > size)
        {
            hits = hits.Take(size).ToList();
            var last = hits[^1];
            next = tokens.Seal(new PageCursor($"{last.Rank}\u001f{last.SortKey}", last.Row.Id), identity);
        }

        var over = rights.OverStakeholders(caller, hits.Select(h => h.Row.Id).ToList());
        var found = hits
            // A person who refused publication is not found by name by a caller who may not see the name.
            .Where(h => over.Contains(h.Row.Id) || h.Row.PublicationConsent != (int)PublicationConsent.Refused)
            .Select(h => Disclosed(h.Row, StakeholderView.Basic, over.Contains(h.Row.Id)));
        return Task.FromResult(new SearchStakeholdersResponse { Stakeholders = { found }, NextPageToken = next });
    }

    // SQLite's lower() folds ASCII only; the index is on lower(email), so the query is folded the same way.
    private static string AsciiLower(string text) =>
        string.Create(text.Length, text, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] is >= 'A' and <= 'Z' ? (char)(source[i] + 32) : source[i];
            }
        });
}
