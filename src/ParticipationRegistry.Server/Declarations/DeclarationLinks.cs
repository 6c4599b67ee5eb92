using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>
/// How long a declaration link works (<c>--declaration-link-days</c>), and where its URL points
/// (<c>--public-http-url</c>; empty: the HTTP endpoint as bound).
/// </summary>
public sealed record DeclarationSettings(TimeSpan LinkLifetime, string PublicHttpUrl = "")
{
    public const int DefaultDays = 30;

    /// <summary>An absolute http:// or https:// URL.</summary>
    public static bool IsBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>
/// Makes declaration links: who may ask is decided by <see cref="PersonalDataRights"/> (a link carries the
/// person's email and opens their personal data), the token is new and random, only its hash is stored.
/// </summary>
public sealed class DeclarationLinks(IDeclarationStore store, PersonalDataRights rights, DeclarationSettings settings, TimeProvider clock, IServiceProvider services)
{
    /// <summary>The path of the form on the HTTP port.</summary>
    public const string FormPath = "/declare";

    public async Task<DeclarationLink> ForPersonAsync(Caller caller, StakeholderName name)
    {
        rights.RequireOverStakeholder(caller, name.StakeholderId, "stakeholder", "A declaration link");
        return (await IssueAsync(caller, [store.Person(name)]))[0];
    }

    public async Task<IReadOnlyList<DeclarationLink>> ForParentAsync(Caller caller, string parent)
    {
        if (ResourceName.TryParse<SessionName>(parent, out var session) && !session.IsWildcard)
        {
            if (!rights.OverSession(caller, session))
            {
                throw RegistryException.PermissionDenied("Links for a panel: only an editor or admin key, or an organiser key of the session, may ask for them.", "parent");
            }

            return await IssueAsync(caller, store.Panel(session));
        }

        if (ResourceName.TryParse<MeetingName>(parent, out var meeting))
        {
            if (!rights.NamesRegistrants(caller))
            {
                throw RegistryException.PermissionDenied("Links for a meeting's registrants: only an editor or admin key may ask for them.", "parent");
            }

            return await IssueAsync(caller, store.Registrants(meeting));
        }

        throw RegistryException.InvalidArgument("parent", "A session, \"meetings/{meeting}/sessions/{session}\", or a meeting, \"meetings/{meeting}\".");
    }

    private async Task<IReadOnlyList<DeclarationLink>> IssueAsync(Caller caller, IReadOnlyList<LinkPerson> people)
    {
        var expires = clock.GetUtcNow() + settings.LinkLifetime;
        var tokens = people.Select(_ => DeclarationTokens.New()).ToList();
        await store.IssueAsync(
            people.Select((p, i) => new NewLink(p.StakeholderId, DeclarationTokens.Hash(tokens[i]), Times.ToText(expires))).ToList(),
            caller.KeyId ?? "");
        var baseUrl = (settings.PublicHttpUrl.Length > 0 ? settings.PublicHttpUrl : services.GetService<BoundEndpoints>()?.HttpUrl ?? "http://localhost").TrimEnd('/');
        return people.Select((p, i) => new DeclarationLink
        {
            Stakeholder = new StakeholderName(p.StakeholderId).ToString(),
            DisplayName = p.DisplayName,
            Email = p.Email,
            Url = $"{baseUrl}{FormPath}/{tokens[i]}",
            ExpireTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(expires),
        }).ToList();
    }
}
