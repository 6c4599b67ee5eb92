using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>Keys for the redaction tests, on the demo meeting igf-2012.</summary>
public static class RedactionKeys
{
    public const string Meeting = "meetings/igf-2012";

    /// <summary>An organiser key for <paramref name="session"/> (created empty first when <paramref name="create"/>).</summary>
    public static async Task<string> OrganiserAsync(TestRegistry registry, string session, bool create = false)
    {
        if (create)
        {
            await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = Meeting,
                SessionId = session[(session.LastIndexOf('/') + 1)..],
                Session = new Session { DisplayName = "Elsewhere", Kind = SessionKind.OpenForum },
            });
        }

        return await registry.CreateKeyAsync(Role.Organizer, [session], [Meeting]);
    }

    /// <summary>An organiser key for an empty session of its own: rights over nobody on the demo panels.</summary>
    public static Task<string> OtherOrganiserAsync(TestRegistry registry) =>
        OrganiserAsync(registry, $"{Meeting}/sessions/elsewhere", create: true);
}
