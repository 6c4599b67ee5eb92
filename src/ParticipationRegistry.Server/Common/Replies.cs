using Google.Protobuf.WellKnownTypes;

namespace ParticipationRegistry.Server.Common;

/// <summary>Replies of the standard methods that return no resource.</summary>
public static class Replies
{
    /// <summary>Runs the delete, then answers google.protobuf.Empty (AIP-135).</summary>
    public static Task<Empty> Deleted(Action delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        delete();
        return Task.FromResult(new Empty());
    }
}
