using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>
/// A proposed panel as judged, the panelists whose stored gender and attributes were not used, and the
/// registered people whose were (only theirs may be described further, as by <see cref="ProvenanceNotes"/>).
/// </summary>
public sealed record BuiltPanel(Panel Panel, IReadOnlyList<int> PersonalDataNotUsed, IReadOnlyList<string> PersonalDataUsed)
{
    /// <summary>The <c>redacted_fields</c> entries: request paths of those panelists.</summary>
    public IEnumerable<string> RedactedFields => PersonalDataNotUsed.Select(i => $"proposed_panel.panelists[{i}]");
}

/// <summary>
/// Turns a proposed panel (registered people by name, prospective people by their facts) into the
/// engine's <see cref="Panel"/>, reading the registered people's facts for the meeting and times given.
/// A registered person's gender and attributes are used only for a caller with rights over them;
/// otherwise they count as not recorded, so the check neither reveals nor uses them.
/// </summary>
public sealed class ProposedPanels(IBalanceStore store, StakeholderRules stakeholderRules, CountryCatalog countries, PersonalDataRights rights)
{
    // A prospective person is judged as a stakeholder with these fields would be.
    private static readonly IReadOnlySet<string> ProspectiveFields = new HashSet<string> { "organization", "stakeholder_group", "country_code", "regional_group", "gender" };

    public BuiltPanel Build(ProposedPanel proposal, Caller caller)
    {
        var violations = new Violations();
        var at = violations.At("proposed_panel");
        var meeting = ResourceName.CheckOptional<MeetingName>(proposal.Meeting, at, "meeting");
        var start = Times.ToText(proposal.StartTime);
        var end = Times.ToText(proposal.EndTime);
        if (start.Length > 0 && end.Length > 0 && string.CompareOrdinal(end, start) <= 0)
        {
            at.Add("end_time", "Must be after start_time.");
        }

        var organizers = new List<OrganizationName>();
        for (var i = 0; i < proposal.Organizers.Count; i++)
        {
            if (ResourceName.Check<OrganizationName>(proposal.Organizers[i], at, $"organizers[{i}]") is { } organizer) organizers.Add(organizer);
        }

        var registered = new StakeholderName?[proposal.Panelists.Count];
        for (var i = 0; i < proposal.Panelists.Count; i++)
        {
            registered[i] = Validate(proposal.Panelists[i], at.At($"panelists[{i}]"));
        }

        violations.ThrowIfAny();
        if (meeting is not null && store.FindMeeting(meeting.MeetingId) is null)
        {
            throw RegistryException.NotFound(ErrorReason.MeetingNotFound, proposal.Meeting, "proposed_panel.meeting");
        }

        var registeredIds = registered.OfType<StakeholderName>().Select(s => s.StakeholderId).Distinct().ToList();
        var people = store.LoadPeople(registeredIds, meeting?.MeetingId, null, start, end).ToDictionary(p => p.Id);
        var visible = rights.OverStakeholders(caller, registeredIds);
        var notUsed = new List<int>();
        var used = new HashSet<string>();
        var seats = new List<Seat>();
        for (var i = 0; i < proposal.Panelists.Count; i++)
        {
            var panelist = proposal.Panelists[i];
            var role = panelist.Role == ParticipantRole.Unspecified ? ParticipantRole.Speaker : panelist.Role;
            var confirmation = panelist.Confirmation == Confirmation.Unspecified ? Confirmation.Tentative : panelist.Confirmation;
            if (registered[i] is { } stakeholder)
            {
                var person = people.GetValueOrDefault(stakeholder.StakeholderId)
                    ?? throw RegistryException.NotFound(ErrorReason.StakeholderNotFound, panelist.Stakeholder, $"proposed_panel.panelists[{i}].stakeholder");
                var seat = Suggestions.SeatOf(person, role, confirmation, panelist.Attendance, sessionsBesidesThis: person.SessionsInMeeting, countries);
                if (!visible.Contains(person.Id))
                {
                    seat = seat with { Gender = Gender.Unspecified, Youth = false };
                    notUsed.Add(i);
                }
                else
                {
                    used.Add(person.Id);
                }

                seats.Add(seat);
            }
            else
            {
                seats.Add(ProspectiveSeat(panelist.Prospective, i, role, confirmation, panelist.Attendance));
            }
        }

        var found = store.LoadOrganizers(organizers.Select(o => o.OrganizationId).ToList());
        for (var i = 0; i < found.Count; i++)
        {
            if (found[i] is null)
            {
                throw RegistryException.NotFound(ErrorReason.OrganizationNotFound, proposal.Organizers[i], $"proposed_panel.organizers[{i}]");
            }
        }

        return new BuiltPanel(new Panel(seats, found.Select(o => o!).ToList()), notUsed, used.ToList());
    }

    /// <summary>Adds the panelist's violations to <paramref name="at"/>; the stakeholder's name when the panelist is registered.</summary>
    private StakeholderName? Validate(ProposedPanelist panelist, Violations at)
    {
        StakeholderRules.RequireDefined(panelist.Role, "role", at);
        StakeholderRules.RequireDefined(panelist.Confirmation, "confirmation", at);
        StakeholderRules.RequireDefined(panelist.Attendance, "attendance", at);
        switch (panelist.PersonCase)
        {
            case ProposedPanelist.PersonOneofCase.Stakeholder:
                return ResourceName.Check<StakeholderName>(panelist.Stakeholder, at, "stakeholder");
            case ProposedPanelist.PersonOneofCase.Prospective:
                stakeholderRules.Validate(AsStakeholder(panelist.Prospective), ProspectiveFields, at.At("prospective"));
                return null;
            default:
                at.Add("stakeholder", "Give a stakeholder name, or a prospective panelist.");
                return null;
        }
    }

    private Seat ProspectiveSeat(ProspectivePanelist p, int index, ParticipantRole role, Confirmation confirmation, Attendance attendance) => new(
        $"prospective-{index}",
        p.DisplayName.Length > 0 ? p.DisplayName : $"panelist {index + 1}",
        role,
        confirmation,
        attendance,
        p.StakeholderGroup,
        (RegionalGroup)stakeholderRules.Apply(AsStakeholder(p), ProspectiveFields, new StakeholderRow()).RegionalGroup,
        p.Gender,
        Suggestions.Developing(p.CountryCode, countries),
        p.Attributes.Contains(StakeholderAttribute.Youth),
        ResourceName.TryParse<OrganizationName>(p.Organization, out var organization) ? organization.OrganizationId : null,
        Newcomer: true,
        SessionsInMeeting: 1,
        HasOverlap: false,
        CountryCode: p.CountryCode.ToUpperInvariant());

    private static Stakeholder AsStakeholder(ProspectivePanelist p) => new()
    {
        StakeholderGroup = p.StakeholderGroup,
        CountryCode = p.CountryCode,
        RegionalGroup = p.RegionalGroup,
        Gender = p.Gender,
        Organization = p.Organization,
    };
}
