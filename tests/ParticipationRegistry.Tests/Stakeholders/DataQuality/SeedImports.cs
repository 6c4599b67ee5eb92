using ParticipationRegistry.Server.Demo;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>
/// The seed workshop's panel imported twice, as a forum's data accumulates it: once as the workshop's panel
/// (meetings/igf-2012/sessions/ws-85), once, spelt as the report's own text spells two of its names
/// ("Kleinwacther", "InfoSocinomics"), as the panel of the workshop's follow-up and the meeting's registrations.
/// </summary>
internal sealed record SeedImports(IReadOnlyList<(string First, string Second, string DisplayName)> People)
{
    public const string Meeting = "meetings/igf-2012";
    public const string Workshop = "meetings/igf-2012/sessions/ws-85";
    public const string FollowUp = "meetings/igf-2012/sessions/ws-85-follow-up";

    public static string Variant(string text) =>
        text.Replace("Kleinwächter", "Kleinwacther", StringComparison.Ordinal).Replace("InfoSocionomics", "InfoSocinomics", StringComparison.Ordinal);

    public static async Task<SeedImports> ArrangeAsync(TestRegistry registry)
    {
        var seed = SeedWorkshopParser.ParseEmbedded();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        await registry.SessionAsync(Meeting, "ws-85-follow-up", "Quo Vadis IGF: follow-up");
        var people = seed.People.DistinctBy(p => p.DisplayName).ToList();
        var first = await ImportAsync(registry, people, variant: false);
        var second = await ImportAsync(registry, people, variant: true);
        foreach (var name in second)
        {
            await registry.RegistrationAsync(Meeting, name);
        }

        // Each person's seats, role by role, as the seed lists them.
        foreach (var (session, names) in new[] { (Workshop, first), (FollowUp, second) })
        {
            foreach (var seat in seed.People)
            {
                var name = names[people.FindIndex(p => p.DisplayName == seat.DisplayName)];
                await registry.SeatAsync(session, name, Role(seat.Role), seat.Confirmation == SeedConfirmation.Tentative ? Confirmation.Tentative : Confirmation.Confirmed);
            }
        }

        return new SeedImports(people.Select((p, i) => (first[i], second[i], p.DisplayName)).ToList());
    }

    private static async Task<List<string>> ImportAsync(TestRegistry registry, IReadOnlyList<SeedPerson> people, bool variant)
    {
        var batch = new BatchCreateStakeholdersRequest { Source = DataSource.Imported };
        batch.Requests.AddRange(people.Select(p => new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = variant ? Variant(p.DisplayName) : p.DisplayName,
                Affiliation = variant ? Variant(p.Affiliation) : p.Affiliation,
                StakeholderGroup = Group(p.Group),
                Gender = p.Honorific switch { "Ms." => Gender.Woman, "Mr." => Gender.Man, _ => Gender.Unspecified },
            },
        }));
        var created = await registry.Stakeholders.BatchCreateStakeholdersAsync(batch);
        return created.Stakeholders.Select(s => s.Name).ToList();
    }

    private static ParticipantRole Role(SeedRole role) => role switch
    {
        SeedRole.Speaker => ParticipantRole.Speaker,
        SeedRole.Moderator => ParticipantRole.Moderator,
        SeedRole.RemoteModerator => ParticipantRole.RemoteModerator,
        _ => ParticipantRole.Rapporteur,
    };

    private static StakeholderGroup Group(SeedGroup? group) => group switch
    {
        SeedGroup.Government => StakeholderGroup.Government,
        SeedGroup.CivilSociety => StakeholderGroup.CivilSociety,
        SeedGroup.PrivateSector => StakeholderGroup.PrivateSector,
        SeedGroup.TechnicalCommunity => StakeholderGroup.TechnicalCommunity,
        SeedGroup.IntergovernmentalOrganization => StakeholderGroup.IntergovernmentalOrganization,
        _ => StakeholderGroup.Unspecified,
    };
}
