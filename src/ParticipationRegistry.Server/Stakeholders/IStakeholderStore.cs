using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// The storage seam for people and organisations. Every method is one unit of work; a provider
/// for another database implements this interface and nothing in the service changes.
/// Refusals are <see cref="RegistryException"/>s.
/// </summary>
public interface IStakeholderStore
{
    Created<StakeholderRow> CreateStakeholder(StakeholderRow draft, RequestIdClaim? claim, Func<StakeholderRow, byte[]> encodeResponse);

    /// <summary>All or none. <paramref name="fieldOf"/> names item i's organization field for errors.</summary>
    Created<IReadOnlyList<StakeholderRow>> CreateStakeholders(IReadOnlyList<StakeholderRow> rows, RequestIdClaim? claim, Func<IReadOnlyList<StakeholderRow>, byte[]> encodeResponse, Func<int, string> fieldOf);

    StakeholderRow GetStakeholder(string id);

    Page<StakeholderRow> ListStakeholders(ListQuery query);

    /// <summary>
    /// Applies <paramref name="change"/> to the current row and writes it if the version is still
    /// <paramref name="expectedVersion"/> (or unchanged since the read, when null); refreshes the
    /// person's seat and registration snapshots that are not yet history.
    /// </summary>
    StakeholderRow UpdateStakeholder(string id, long? expectedVersion, Func<StakeholderRow, StakeholderRow> change);

    void DeleteStakeholder(string id, long? expectedVersion, bool force);

    Created<OrganizationRow> CreateOrganization(OrganizationRow draft, RequestIdClaim? claim, Func<OrganizationRow, byte[]> encodeResponse);

    OrganizationRow GetOrganization(string id);

    Page<OrganizationRow> ListOrganizations(ListQuery query);

    OrganizationRow UpdateOrganization(string id, long? expectedVersion, Func<OrganizationRow, OrganizationRow> change);

    void DeleteOrganization(string id, long? expectedVersion);
}
