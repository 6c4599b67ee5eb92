using System.Security.Cryptography;
using System.Text;
using Google.Protobuf;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.Server.Storage;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Demo;

/// <summary>
/// Loads the seed workshop (IGF 2012, Baku, workshop 85) through the same stores the API uses, once per
/// database; each create carries a request id derived from what it creates, so an interrupted load completes
/// on the next run. How the 2012 form maps onto the registry is in docs/ARCHITECTURE.md ("Demo data").
/// </summary>
public sealed class DemoData(IStakeholderStore stakeholders, IMeetingStore meetings, RegistryState state, TimeProvider clock, ILogger<DemoData> logger)
{
    public const string MeetingId = "igf-2012";
    public const string SessionId = "ws-85";
    private const string LoadedMarker = "demo_loaded";
    private static readonly string WorkshopName = new SessionName(MeetingId, SessionId).ToString();

    public async Task LoadAsync()
    {
        if (state.Get(LoadedMarker) is not null)
        {
            Log.DemoAlreadyLoaded(logger, WorkshopName);
            return;
        }

        var seed = SeedWorkshopParser.ParseEmbedded();
        var organizationIds = new List<string>();
        foreach (var o in seed.Organizers)
        {
            var created = await stakeholders.CreateOrganizationAsync(
                new OrganizationRow
                {
                    DisplayName = o.Name,
                    StakeholderGroup = o.Group is { } g ? (int)ToProto(g) : 0,
                    Multistakeholder = o.Multistakeholder,
                },
                Claim($"organization:{o.Name}"),
                r => StakeholderRules.ToProto(r).ToByteArray());
            organizationIds.Add(created.IdOr(Organization.Parser, NameIds.OrganizationId));
        }

        var peopleIds = new Dictionary<string, string>();
        // A person holding two roles (moderator and rapporteur) is one person: the first entry wins.
        foreach (var person in seed.People)
        {
            if (peopleIds.ContainsKey(person.DisplayName))
            {
                continue;
            }

            peopleIds[person.DisplayName] = (await stakeholders.CreateStakeholderAsync(
                Provenance.ForNew(new StakeholderRow
                {
                    DisplayName = person.DisplayName,
                    Affiliation = person.Affiliation,
                    StakeholderGroup = person.Group is { } g ? (int)ToProto(g) : 0,
                    RegionalGroup = person.Region is { } r ? (int)ToProto(r) : 0,
                    RegionalGroupStated = person.Region is not null,
                    Gender = (int)(person.Honorific switch { "Ms." => Gender.Woman, "Mr." => Gender.Man, _ => Gender.Unspecified }),
                }, DataSource.Imported),
                Claim($"stakeholder:{person.DisplayName}"),
                r => StakeholderRules.ToProto(r, StakeholderView.Full).ToByteArray())).IdOr(Stakeholder.Parser, NameIds.StakeholderId);
        }

        await meetings.CreateMeetingAsync(
            new MeetingRow
            {
                Id = MeetingId,
                DisplayName = "IGF 2012, Baku",
                Forum = "IGF",
                StartDate = "2012-11-06",
                EndDate = "2012-11-09",
                CountryCode = "AZ",
            },
            Claim("meeting"),
            r => MeetingRules.ToProto(r).ToByteArray());

        await meetings.CreateSessionAsync(
            new SessionRow
            {
                MeetingId = MeetingId,
                Id = SessionId,
                DisplayName = seed.Title,
                Kind = (int)SessionKind.Workshop,
                State = (int)SessionState.Held,
                Theme = seed.Theme,
                OrganizerIds = organizationIds,
                GrcWomenShareBand = (int)ToProto(seed.ReportCard.WomenParticipants),
                GrcGenderDiscussion = (int)ToProto(seed.ReportCard.GenderDiscussion),
            },
            Claim("session"),
            r => MeetingRules.ToProto(r).ToByteArray());

        foreach (var seat in seed.People)
        {
            await meetings.CreateParticipantAsync(
                new ParticipantRow
                {
                    MeetingId = MeetingId,
                    SessionId = SessionId,
                    StakeholderId = peopleIds[seat.DisplayName],
                    Role = (int)ToProto(seat.Role),
                    Confirmation = (int)(seat.Confirmation == SeedConfirmation.Confirmed ? Confirmation.Confirmed : Confirmation.Tentative),
                    // The report narrates each speaker, and the moderator who also reported, taking part
                    // in the room in Baku; it does not say where the remote moderator sat.
                    Attendance = (int)(seat.Role == SeedRole.RemoteModerator ? Attendance.Unspecified : Attendance.Onsite),
                },
                Claim($"seat:{seat.DisplayName}:{seat.Role}"),
                r => MeetingRules.ToProto(r).ToByteArray());
        }

        await state.SetAsync(LoadedMarker, Times.ToText(clock.GetUtcNow()));
        Log.DemoLoaded(logger, WorkshopName, peopleIds.Count, seed.People.Count);
    }

    /// <summary>A request id fixed by what is created, so a rerun replays the first result.</summary>
    private static RequestIdClaim Claim(string what)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"participation-registry-demo:{what}"));
        var id = new Guid(hash.AsSpan(0, 16)).ToString("D");
        return new RequestIdClaim(id, "Demo", hash);
    }

    private static StakeholderGroup ToProto(SeedGroup group) => group switch
    {
        SeedGroup.Government => StakeholderGroup.Government,
        SeedGroup.CivilSociety => StakeholderGroup.CivilSociety,
        SeedGroup.PrivateSector => StakeholderGroup.PrivateSector,
        SeedGroup.TechnicalCommunity => StakeholderGroup.TechnicalCommunity,
        _ => StakeholderGroup.IntergovernmentalOrganization,
    };

    private static RegionalGroup ToProto(SeedRegion region) => region switch
    {
        SeedRegion.African => RegionalGroup.African,
        SeedRegion.AsiaPacific => RegionalGroup.AsiaPacific,
        SeedRegion.EasternEuropean => RegionalGroup.EasternEuropean,
        SeedRegion.LatinAmericanCaribbean => RegionalGroup.LatinAmericanCaribbean,
        _ => RegionalGroup.WesternEuropeanOthers,
    };

    private static ParticipantRole ToProto(SeedRole role) => role switch
    {
        SeedRole.Speaker => ParticipantRole.Speaker,
        SeedRole.Moderator => ParticipantRole.Moderator,
        SeedRole.RemoteModerator => ParticipantRole.RemoteModerator,
        _ => ParticipantRole.Rapporteur,
    };

    private static WomenShareBand ToProto(SeedWomenBand band) => band switch
    {
        SeedWomenBand.None => WomenShareBand.None,
        SeedWomenBand.Few => WomenShareBand.Few,
        SeedWomenBand.AboutOneThird => WomenShareBand.AboutOneThird,
        SeedWomenBand.AboutHalf => WomenShareBand.AboutHalf,
        _ => WomenShareBand.Majority,
    };

    private static GenderDiscussion ToProto(SeedGenderDiscussion discussion) => discussion switch
    {
        SeedGenderDiscussion.NotRaised => GenderDiscussion.NotRaised,
        SeedGenderDiscussion.Mentioned => GenderDiscussion.Mentioned,
        SeedGenderDiscussion.Significant => GenderDiscussion.Significant,
        _ => GenderDiscussion.MainFocus,
    };
}

internal static class CreatedExtensions
{
    /// <summary>The id of what was created, or of what a replay returned.</summary>
    public static string IdOr<TRow, TMessage>(this Created<TRow> created, MessageParser<TMessage> parser, Func<string, string?> idOf)
        where TRow : IVersionedRow
        where TMessage : IMessage<TMessage>
    {
        if (created.Row is { } row)
        {
            return row.Id;
        }

        var message = parser.ParseFrom(created.ReplayedResponse!);
        var name = (string)message.Descriptor.FindFieldByName("name").Accessor.GetValue(message);
        return idOf(name)!;
    }
}
