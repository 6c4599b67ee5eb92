using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// The one rule of who may see personal data (gender, attributes, email, unpublished names): admin and
/// editor keys everywhere, an organiser key for the people on its own sessions' panels, nobody else.
/// Every route that reads personal data asks here.
/// </summary>
public sealed class PersonalDataRights(IKeyStore keys)
{
    /// <summary>The states of the published programme: only their seats name people to callers without rights.</summary>
    public static readonly IReadOnlyList<int> PublishedStates = [(int)SessionState.Scheduled, (int)SessionState.Held];

    /// <summary>What a seat shows instead of a name the caller may not see.</summary>
    public const string UnnamedPanellist = "a panellist";

    /// <summary>What a registration shows instead of a name the caller may not see.</summary>
    public const string UnnamedRegistrant = "a registrant";

    /// <summary>The stakeholder fields only a caller with rights over the person sees.</summary>
    public static readonly IReadOnlyList<string> PersonalFields = ["gender", "attributes", "email", "gender_self_description", "provenance"];

    /// <summary>The stakeholder fields hidden from a caller without rights when the person refused publication.</summary>
    public static readonly IReadOnlyList<string> ConsentFields = ["display_name", "affiliation"];

    /// <summary>A seat's or registration's fields hidden from a caller who may not see who holds it.</summary>
    public static readonly IReadOnlyList<string> SeatHolderFields = ["stakeholder", "snapshot.display_name", "snapshot.country_code", "snapshot.affiliation", "snapshot.organization"];

    /// <summary>Marks a response that carries personal data: on the HTTP port it must not be stored by any cache.</summary>
    public static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";

    /// <summary>Over everyone.</summary>
    public bool Full(Caller caller) => caller.IsStaff;

    /// <summary>Over the people on <paramref name="session"/>'s panel.</summary>
    public bool OverSession(Caller caller, SessionName session) => caller.IsStaff || caller.OwnsSession(session);

    /// <summary>Of <paramref name="stakeholderIds"/>, those whose personal data the caller may see.</summary>
    public IReadOnlySet<string> OverStakeholders(Caller caller, IReadOnlyCollection<string> stakeholderIds) =>
        caller.IsStaff ? stakeholderIds.ToHashSet()
        : caller.Sessions.Count == 0 || stakeholderIds.Count == 0 ? new HashSet<string>()
        : keys.SeatedIn(stakeholderIds, caller.Sessions);

    /// <summary>Over the one person <paramref name="stakeholderId"/>.</summary>
    public bool OverStakeholder(Caller caller, string stakeholderId) => OverStakeholders(caller, [stakeholderId]).Contains(stakeholderId);

    /// <summary>PERMISSION_DENIED naming <paramref name="field"/> unless the caller has rights over everyone.</summary>
    public void RequireFull(Caller caller, string field, string what)
    {
        if (!Full(caller))
        {
            throw RegistryException.PermissionDenied($"{what} is personal data: only an editor or admin key may ask for it.", field);
        }
    }

    /// <summary>PERMISSION_DENIED naming <paramref name="field"/> unless the caller has rights over the person.</summary>
    public void RequireOverStakeholder(Caller caller, string stakeholderId, string field, string what)
    {
        if (!OverStakeholder(caller, stakeholderId))
        {
            throw RegistryException.PermissionDenied(
                $"{what} is personal data: only an editor or admin key, or the key of an organiser of a session the person sits on, may ask for it.", field);
        }
    }

    /// <summary>
    /// Whether a seat of <paramref name="session"/> names its holder to the caller: always with rights over
    /// the session, else only on the published programme and when the person did not refuse publication
    /// (<paramref name="publishedWithConsent"/>, which the store works out).
    /// </summary>
    public bool NamesSeatHolder(Caller caller, SessionName session, bool publishedWithConsent) =>
        publishedWithConsent || OverSession(caller, session);

    /// <summary>Registrations are not a published programme: they name people to callers with full rights only.</summary>
    public bool NamesRegistrants(Caller caller) => Full(caller);
}
