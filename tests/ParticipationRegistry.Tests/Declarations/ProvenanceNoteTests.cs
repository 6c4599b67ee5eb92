using ParticipationRegistry.Tests.Balance;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>
/// The sentence a rule reading gender or youth adds to its explanation when it relies on data the people did
/// not declare themselves: for the youth rule, and for a proposed panel of stored people, as far as the caller
/// may use their data. The panel is <see cref="SelfDeclaredReportTests"/>'s: Mervi and Izumi declared, Peter
/// (man, youth) was recorded by staff.
/// </summary>
public sealed class ProvenanceNoteTests
{
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    // Its rules include not-single-gender and min-youth.
    private const string Diversity = "policies/igf-2017-diversity";

    private static BalanceService.BalanceServiceClient Balance(TestRegistry registry, string? secret) => new(registry.ChannelFor(secret));

    private static string Explanation(CheckPanelBalanceResponse response, string rule) =>
        Assert.Single(response.RuleResults, r => r.RuleId == rule).Explanation;

    private static async Task<List<string>> PanelAsync(TestRegistry registry) =>
        (await registry.Meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = Session })).Participants.Select(p => p.Stakeholder).ToList();

    private static CheckPanelBalanceRequest Proposal(IEnumerable<string> stakeholders) => new()
    {
        Policy = Diversity,
        ProposedPanel = new ProposedPanel
        {
            Panelists =
            {
                stakeholders.Select(s => new ProposedPanelist { Stakeholder = s, Confirmation = Confirmation.Confirmed }),
                // Someone not registered: their facts are the caller's, not a stored person's.
                new ProposedPanelist { Prospective = new ProspectivePanelist { DisplayName = "P", Gender = Gender.Woman, Attributes = { StakeholderAttribute.Youth } } },
            },
        },
    };

    [Fact]
    public async Task A_youth_rules_explanation_says_when_it_relies_on_an_age_group_not_declared_by_the_person_until_they_declare()
    {
        var (registry, peter) = await SelfDeclaredReportTests.ArrangeAsync();
        await using var _registry = registry;
        var check = new CheckPanelBalanceRequest { Session = Session, Policy = Diversity };

        var before = Explanation(await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(check), "min-youth");
        Assert.EndsWith("This relies on the age group of 1 person not declared by themselves.", before);

        // Peter declares his gender and ticks no attribute: his attributes are now his own statement.
        await SelfDeclaredReportTests.DeclareAsync(registry, peter, "man");

        var after = Explanation(await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(check), "min-youth");
        Assert.DoesNotContain("not declared", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_proposed_panel_of_stored_people_says_when_its_rules_rely_on_data_not_declared_by_them()
    {
        var (registry, peter) = await SelfDeclaredReportTests.ArrangeAsync();
        await using var _registry = registry;
        var proposal = Proposal(await PanelAsync(registry));

        var response = await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(proposal);

        Assert.Empty(response.RedactedFields);
        Assert.EndsWith("This relies on the gender of 1 person not declared by themselves.", Explanation(response, "not-single-gender"));
        Assert.EndsWith("This relies on the age group of 1 person not declared by themselves.", Explanation(response, "min-youth"));

        await SelfDeclaredReportTests.DeclareAsync(registry, peter, "man");

        var declared = await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(proposal);
        Assert.All(declared.RuleResults, r => Assert.DoesNotContain("not declared", r.Explanation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_proposed_panels_note_counts_only_the_people_whose_data_the_caller_may_use()
    {
        var (registry, _) = await SelfDeclaredReportTests.ArrangeAsync();
        await using var _registry = registry;
        // Recorded by staff, on no panel of the organiser's: the organiser may not use her gender or attributes.
        var avri = (await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Avri Doria", StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "US", Gender = Gender.Woman, Attributes = { StakeholderAttribute.Youth } },
        })).Name;
        var proposal = Proposal([.. await PanelAsync(registry), avri]);
        var organiser = await RedactionKeys.OrganiserAsync(registry, Session);
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        var admin = await Balance(registry, TestRegistry.AdminSecret).CheckPanelBalanceAsync(proposal);
        var organisers = await Balance(registry, organiser).CheckPanelBalanceAsync(proposal);
        var viewers = await Balance(registry, viewer).CheckPanelBalanceAsync(proposal);

        Assert.EndsWith("This relies on the age group of 2 people not declared by themselves.", Explanation(admin, "min-youth"));
        // Avri's data was not used for the organiser: nothing is said of where it came from.
        Assert.Equal(["proposed_panel.panelists[3]"], organisers.RedactedFields);
        Assert.EndsWith("This relies on the gender of 1 person not declared by themselves.", Explanation(organisers, "not-single-gender"));
        Assert.EndsWith("This relies on the age group of 1 person not declared by themselves.", Explanation(organisers, "min-youth"));
        // A viewer may use nobody's: no sentence derived from anyone's personal data.
        Assert.Equal(4, viewers.RedactedFields.Count);
        Assert.All(viewers.RuleResults, r => Assert.DoesNotContain("not declared", r.Explanation, StringComparison.Ordinal));
    }
}
