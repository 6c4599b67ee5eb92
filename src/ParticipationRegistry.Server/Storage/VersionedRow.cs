using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Storage;

/// <summary>The columns every stored resource has, and the sort key a list query selects with them.</summary>
public abstract class VersionedRow : IPageable, IVersionedRow
{
    public string Id { get; set; } = "";
    public string CreateTime { get; set; } = "";
    public string UpdateTime { get; set; } = "";
    public long Version { get; set; }
    public string SortKey { get; set; } = "";

    /// <summary>A copy to change without touching this row.</summary>
    public virtual VersionedRow Copy() => (VersionedRow)MemberwiseClone();
}
