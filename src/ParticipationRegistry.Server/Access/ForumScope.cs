using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// The one rule of a key limited to forums (<see cref="Caller.Forums"/>): every meeting a request names
/// must be in one of them. Asked by the gRPC interceptor and by every HTTP route that names a meeting
/// (report pages, the programme feed), so no route reads another forum's meeting with such a key.
/// </summary>
public sealed class ForumScope(IKeyStore keys)
{
    /// <summary>The PERMISSION_DENIED naming <paramref name="field"/> when <paramref name="meeting"/> lies outside the caller's forums; null when it may be read (or does not exist).</summary>
    public RegistryException? Refusal(Caller caller, MeetingName meeting, string field)
    {
        if (caller.Forums.Count == 0)
        {
            return null;
        }

        var forum = keys.ForumOfMeeting(meeting);
        if (forum is null || (ResourceName.TryParse<ForumName>(forum, out var name) && caller.Forums.Contains(name)))
        {
            return null;
        }

        var where = forum.Length == 0 ? "in no forum" : $"in {forum}";
        return RegistryException.PermissionDenied($"{caller.KeyName} is limited to {Forums(caller)}; {meeting} is {where}.", field);
    }

    /// <summary>Throws <see cref="Refusal"/>'s exception, if any.</summary>
    public void Require(Caller caller, MeetingName meeting, string field)
    {
        if (Refusal(caller, meeting, field) is { } refusal)
        {
            throw refusal;
        }
    }

    /// <summary>The caller's forums, in a stable order, for messages.</summary>
    public static string Forums(Caller caller) => string.Join(", ", caller.Forums.Select(f => f.ToString()).Order(StringComparer.Ordinal));
}
