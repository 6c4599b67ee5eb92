using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// The one rule of who may see personal data (gender, attributes, email, unpublished names): admin and
/// editor keys everywhere, an organiser key for the people on its own sessions' panels, nobody else.
/// Every route that reads personal data asks here.
/// </summary>
public sealed class PersonalDataRights(IKeyStore keys)
{
    /// <summary>Over everyone.</summary>
    public bool Full(Caller caller) => caller.IsStaff;

    /// <summary>Over the people on <paramref name="session"/>'s panel.</summary>
    public bool OverSession(Caller caller, SessionName session) => caller.IsStaff || caller.OwnsSession(session);

    /// <summary>Of <paramref name="stakeholderIds"/>, those whose personal data the caller may see.</summary>
    public IReadOnlySet<string> OverStakeholders(Caller caller, IReadOnlyCollection<string> stakeholderIds) =>
        caller.IsStaff ? stakeholderIds.ToHashSet()
        : caller.Sessions.Count == 0 || stakeholderIds.Count == 0 ? new HashSet<string>()
        : keys.SeatedIn(stakeholderIds, caller.Sessions);

    /// <summary>PERMISSION_DENIED naming <paramref name="field"/> unless the caller has rights over everyone.</summary>
    public void RequireFull(Caller caller, string field, string what)
    {
        if (!Full(caller))
        {
            throw RegistryException.PermissionDenied($"{what} is personal data: only an editor or admin key may ask for it.", field);
        }
    }
}
