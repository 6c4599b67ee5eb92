using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// The storage seam for people and organisations. Every method is one unit of work (writes return when committed); a provider
/// for another database implements this interface and nothing in the service changes.
/// Refusals are <see cref="RegistryException"/>s.
/// </summary>
public interface IStakeholderStore
{
    Task<Created<StakeholderRow>> CreateStakeholderAsync(StakeholderRow draft, RequestIdClaim? claim, Func<StakeholderRow, byte[]> encodeResponse);

    /// <summary>All or none. <paramref name="fieldOf"/> names item i's organization field for errors.</summary>
    Task<Created<IReadOnlyList<StakeholderRow>>> CreateStakeholdersAsync(IReadOnlyList<StakeholderRow> rows, RequestIdClaim? claim, Func<IReadOnlyList<StakeholderRow>, byte[]> encodeResponse, Func<int, string> fieldOf);

    StakeholderRow GetStakeholder(StakeholderName name);

    Page<StakeholderRow> ListStakeholders(ListQuery query);

    /// <summary>
    /// Applies <paramref name="change"/> to the current row and writes it if the version is still
    /// <paramref name="expectedVersion"/> (or unchanged since the read, when null); refreshes the
    /// person's seat and registration snapshots that are not yet history.
    /// </summary>
    Task<StakeholderRow> UpdateStakeholderAsync(StakeholderName name, long? expectedVersion, Func<StakeholderRow, StakeholderRow> change);

    Task DeleteStakeholderAsync(StakeholderName name, long? expectedVersion, bool force);

    /// <summary>
    /// Moves every seat and registration of <paramref name="duplicates"/> to <paramref name="primary"/>, applies
    /// <paramref name="change"/> to the primary, and leaves the duplicates as aliases of it: one write, or none
    /// (a seat or registration it would repeat, an erased person, a stale etag).
    /// </summary>
    Task<MergeResult> MergeStakeholdersAsync(StakeholderName primary, IReadOnlyList<StakeholderName> duplicates, long? expectedVersion, Func<StakeholderRow, StakeholderRow> change);

    /// <summary>
    /// Undoes the merge of the duplicate <paramref name="name"/> names: restores its kept record, gives back the seats and
    /// registrations the merge moved from it that its primary still holds, and removes its alias; one write, or none (a name
    /// not merged, an erased primary or duplicate, a stale etag of the primary).
    /// </summary>
    Task<UnmergeResult> UnmergeStakeholderAsync(StakeholderName name, long? expectedPrimaryVersion);

    Task<Created<OrganizationRow>> CreateOrganizationAsync(OrganizationRow draft, RequestIdClaim? claim, Func<OrganizationRow, byte[]> encodeResponse);

    OrganizationRow GetOrganization(OrganizationName name);

    Page<OrganizationRow> ListOrganizations(ListQuery query);

    Task<OrganizationRow> UpdateOrganizationAsync(OrganizationName name, long? expectedVersion, Func<OrganizationRow, OrganizationRow> change);

    Task DeleteOrganizationAsync(OrganizationName name, long? expectedVersion);
}
