using Google.Protobuf.WellKnownTypes;

namespace ParticipationRegistry.Server.Common;

/// <summary>Replies of the standard methods that return no resource.</summary>
public static class Replies
{
    /// <summary>Runs the delete, then answers google.protobuf.Empty (AIP-135).</summary>
    public static async Task<Empty> DeletedAsync(Func<Task> delete)
    {
        ArgumentNullException.ThrowIfNull(delete);
        await delete();
        return new Empty();
    }
}
