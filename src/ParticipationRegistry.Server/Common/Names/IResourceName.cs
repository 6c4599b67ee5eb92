namespace ParticipationRegistry.Server.Common;

/// <summary>A resource name type (AIP-122): its pattern, and how it is made from the ids the pattern holds.</summary>
public interface IResourceName<TSelf>
    where TSelf : IResourceName<TSelf>
{
    /// <summary>The name's shape, collection ids and placeholders alternating: <c>meetings/{meeting}/sessions/{session}</c>.</summary>
    static abstract string Pattern { get; }

    static abstract TSelf FromIds(IReadOnlyList<string> ids);
}
