using Google.Protobuf;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>One page of <see cref="PolicyCatalog.List"/>; an empty token means the last page.</summary>
public sealed record PolicyPage(IReadOnlyList<Policy> Policies, string NextPageToken);

/// <summary>
/// Every policy as one collection: the built-in presets in their fixed order, then the stored
/// policies by display name. Presets are read-only: they cannot be created over, changed or deleted.
/// </summary>
public sealed class PolicyCatalog(IBalanceStore store, Lists lists, PageTokens tokens)
{
    private static readonly ListSpec PolicyList = new(
        "policies", [], new Dictionary<string, string> { ["display_name"] = "display_name" }, "display_name");

    public PolicyPage List(int pageSize, string pageToken)
    {
        var query = lists.Resolve(PolicyList, "", pageSize, pageToken, "", "");
        var after = PolicyCursor.From(query.Page.After);
        var firstPreset = after switch
        {
            null => 0,
            PolicyCursor.AfterPreset preset => preset.Index + 1,
            _ => Presets.All.Count,
        };
        var presets = Presets.All.Skip(firstPreset).Take(query.Page.Size).ToList();
        var room = query.Page.Size - presets.Count;
        if (room > 0)
        {
            var storedAfter = (after as PolicyCursor.AfterStored)?.Keyset;
            var page = store.ListPolicies(query with { Page = query.Page with { Size = room, After = storedAfter } });
            return new PolicyPage([.. presets, .. page.Items.Select(BalanceMapping.ToProto)], lists.NextPageToken(page, query));
        }

        var lastPreset = firstPreset + presets.Count - 1;
        var more = lastPreset + 1 < Presets.All.Count
            || store.ListPolicies(query with { Page = query.Page with { Size = 1, After = null } }).Items.Count > 0;
        return new PolicyPage(presets, more ? tokens.Seal(new PolicyCursor.AfterPreset(lastPreset).ToPageCursor(), query.Page.Identity) : "");
    }

    /// <summary>Stores a new policy; a replayed request id returns the policy it created first.</summary>
    public async Task<Policy> CreateAsync(PolicyRow row, RequestIdClaim? claim)
    {
        var name = new PolicyName(row.Id);
        if (Presets.Find(name) is not null)
        {
            throw RegistryException.AlreadyExists(ErrorReason.PolicyAlreadyExists, name.ToString(), $"{name} is a built-in preset; choose another policy_id.");
        }

        var created = await store.CreatePolicyAsync(row, claim, r => BalanceMapping.ToProto(r).ToByteArray());
        return created.ReplayedResponse is { } replayed ? Policy.Parser.ParseFrom(replayed) : BalanceMapping.ToProto(created.Row!);
    }

    public Task<PolicyRow> UpdateAsync(PolicyName name, long? expectedVersion, Func<PolicyRow, PolicyRow> change)
    {
        RefuseIfPreset(name);
        return store.UpdatePolicyAsync(name.PolicyId, expectedVersion, change);
    }

    public Task DeleteAsync(PolicyName name, long? expectedVersion)
    {
        RefuseIfPreset(name);
        return store.DeletePolicyAsync(name.PolicyId, expectedVersion);
    }

    private static void RefuseIfPreset(PolicyName name)
    {
        if (Presets.Find(name) is not null)
        {
            throw RegistryException.FailedPrecondition(ErrorReason.PolicyReadOnly, name.ToString(), $"{name} is a built-in preset and cannot be changed; create a policy of your own from its rules.");
        }
    }
}

/// <summary>
/// Where a page of <see cref="PolicyCatalog.List"/> ended: after a preset, or after a stored policy.
/// In a page token a preset's cursor is the sort key <c>"\0" + index</c> with no id; a stored
/// policy's is its keyset cursor (display name and id, never an empty id).
/// </summary>
public abstract record PolicyCursor
{
    private const char PresetMarker = '\0';

    public static PolicyCursor? From(PageCursor? cursor) => cursor switch
    {
        null => null,
        { SortKey: [PresetMarker, .. var index], Id: "" } => new AfterPreset(int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)),
        _ => new AfterStored(cursor),
    };

    public abstract PageCursor ToPageCursor();

    /// <summary>After the preset at <paramref name="Index"/> of <see cref="Presets.All"/>.</summary>
    public sealed record AfterPreset(int Index) : PolicyCursor
    {
        public override PageCursor ToPageCursor() =>
            new($"{PresetMarker}{Index.ToString(System.Globalization.CultureInfo.InvariantCulture)}", "");
    }

    /// <summary>After a stored policy: the SQL keyset cursor.</summary>
    public sealed record AfterStored(PageCursor Keyset) : PolicyCursor
    {
        public override PageCursor ToPageCursor() => Keyset;
    }
}
