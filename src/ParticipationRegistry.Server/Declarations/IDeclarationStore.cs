using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>A person a link is made for: who, and how the forum's mailer greets and reaches them.</summary>
public sealed record LinkPerson(string StakeholderId, string DisplayName, string Email);

/// <summary>A new link: the token's hash (the token itself is never stored) and when it expires.</summary>
public sealed record NewLink(string StakeholderId, byte[] TokenHash, string ExpireTime);

/// <summary>Why a token does not open the form.</summary>
public enum LinkRefusal
{
    Unknown,
    Used,
    Expired,
    Revoked,
}

/// <summary>What a person may state about themselves through the form: the personal fields, all written at once.</summary>
public sealed record Declaration(int Gender, string GenderSelfDescription, long Attributes, int PublicationConsent, string Email);

/// <summary>The storage of declaration links. Every method is one unit of work; refusals are <see cref="RegistryException"/>s.</summary>
public interface IDeclarationStore
{
    /// <summary>The people of a session's panel, in seating order, each once (NOT_FOUND for no such session).</summary>
    IReadOnlyList<LinkPerson> Panel(SessionName session);

    /// <summary>A meeting's registrants, in registration order, each once (NOT_FOUND for no such meeting).</summary>
    IReadOnlyList<LinkPerson> Registrants(MeetingName meeting);

    /// <summary>The person (NOT_FOUND for no such stakeholder, or an erased one).</summary>
    LinkPerson Person(StakeholderName stakeholder);

    /// <summary>Stores the links in one write, revoking every earlier unused link of their people.</summary>
    Task IssueAsync(IReadOnlyList<NewLink> links, string createdBy);

    /// <summary>The person's record if the token of <paramref name="tokenHash"/> opens the form now, else why not.</summary>
    (StakeholderRow? Person, LinkRefusal Refusal) Open(byte[] tokenHash);

    /// <summary>
    /// Uses the link and writes the declaration in one write: every personal field, stamped SELF_DECLARED
    /// at this time, and the live copies on the person's seats and registrations. Null (nothing written)
    /// when the link no longer opens the form, with the reason.
    /// </summary>
    Task<(StakeholderRow? Person, LinkRefusal Refusal)> DeclareAsync(byte[] tokenHash, Declaration declaration);

    /// <summary>Of <paramref name="stakeholderIds"/>, those whose gender, and those whose attributes, were not declared by the person.</summary>
    (IReadOnlySet<string> Gender, IReadOnlySet<string> Attributes) Undeclared(IReadOnlyCollection<string> stakeholderIds);
}
