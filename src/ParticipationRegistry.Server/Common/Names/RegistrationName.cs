namespace ParticipationRegistry.Server.Common;

/// <summary><c>meetings/{meeting}/registrations/{registration}</c>: a person registered to attend.</summary>
public sealed record RegistrationName(string MeetingId, string RegistrationId) : IResourceName<RegistrationName>
{
    public static string Pattern => "meetings/{meeting}/registrations/{registration}";

    public MeetingName Meeting => new(MeetingId);

    public static RegistrationName FromIds(IReadOnlyList<string> ids) => new(ids[0], ids[1]);

    public override string ToString() => $"meetings/{MeetingId}/registrations/{RegistrationId}";
}
