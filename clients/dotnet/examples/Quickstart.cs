using Google.Type;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Examples;

/// <summary>Registers the seed workshop (IGF 2012, workshop 85: its whole panel, as its report lists it)
/// and prints its balance check, rule by rule.</summary>
public static class Quickstart
{
    // Name, affiliation, group and regional group as the report states them; gender only where the
    // report's form records "Mr." or "Ms."; each seat's role and mark ("TBC" or none is tentative).
    private static readonly (string Name, string Affiliation, StakeholderGroup Group, RegionalGroup Region, Gender Gender,
        (ParticipantRole Role, Confirmation Confirmation)[] Seats)[] Panel =
    [
        ("Peter Major", "Special Advisor, Permanent Mission of Hungary to the United Nations in Geneva",
            StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers, Gender.Man,
            [(ParticipantRole.Speaker, Confirmation.Confirmed)]),
        ("Wolfgang Kleinwächter", "Professor for International Communication Policy and Regulation, University of Aarhus",
            StakeholderGroup.CivilSociety, RegionalGroup.WesternEuropeanOthers, Gender.Unspecified,
            [(ParticipantRole.Speaker, Confirmation.Confirmed)]),
        ("Mervi Kultamaa", "Counsellor, Ministry for Foreign Affairs of Finland",
            StakeholderGroup.Government, RegionalGroup.WesternEuropeanOthers, Gender.Woman,
            [(ParticipantRole.Speaker, Confirmation.Tentative)]),
        ("Markus Kummer", "Vice President of Public Policy, Internet Society",
            StakeholderGroup.TechnicalCommunity, RegionalGroup.WesternEuropeanOthers, Gender.Man,
            [(ParticipantRole.Speaker, Confirmation.Confirmed)]),
        ("Parminder Jeet Singh", "Executive Coordinator, IT for Change",
            StakeholderGroup.CivilSociety, RegionalGroup.AsiaPacific, Gender.Man,
            [(ParticipantRole.Speaker, Confirmation.Tentative)]),
        ("Izumi Aizu", "Senior Research Fellow, Institute for InfoSocionomics, Tama University",
            StakeholderGroup.CivilSociety, RegionalGroup.AsiaPacific, Gender.Unspecified,
            [(ParticipantRole.Moderator, Confirmation.Confirmed), (ParticipantRole.Rapporteur, Confirmation.Confirmed)]),
        ("Avri Doria", "",
            StakeholderGroup.CivilSociety, RegionalGroup.WesternEuropeanOthers, Gender.Woman,
            [(ParticipantRole.RemoteModerator, Confirmation.Confirmed)]),
    ];

    public static async Task<CheckPanelBalanceResponse> RunAsync(string address, string apiKey, TextWriter output)
    {
        using var registry = RegistryClient.Create(address, apiKey);

        var meeting = await registry.Meetings.CreateMeetingAsync(new CreateMeetingRequest
        {
            MeetingId = "quickstart-2012",
            Meeting = new Meeting
            {
                DisplayName = "IGF 2012, Baku",
                Forum = "IGF",
                StartDate = new Date { Year = 2012, Month = 11, Day = 6 },
                EndDate = new Date { Year = 2012, Month = 11, Day = 9 },
                CountryCode = "AZ",
            },
        });
        var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = meeting.Name,
            SessionId = "ws-85",
            Session = new Session { DisplayName = "Quo Vadis IGF – or Evolution of IGF", Kind = SessionKind.Workshop },
        });

        // All seven people in one call, all or none; the request id makes a retry create nobody twice.
        var people = new BatchCreateStakeholdersRequest { RequestId = Guid.NewGuid().ToString() };
        people.Requests.AddRange(Panel.Select(p => new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = p.Name,
                Affiliation = p.Affiliation,
                StakeholderGroup = p.Group,
                RegionalGroup = p.Region,
                Gender = p.Gender,
            },
        }));
        var created = (await registry.Stakeholders.BatchCreateStakeholdersAsync(people)).Stakeholders;

        foreach (var (person, entry) in created.Zip(Panel))
        {
            foreach (var (role, confirmation) in entry.Seats)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = session.Name,
                    Participant = new Participant { Stakeholder = person.Name, Role = role, Confirmation = confirmation },
                });
            }
        }

        var check = await registry.Balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = session.Name });
        await output.WriteLineAsync($"{session.DisplayName}: {check.Verdict} (score {check.Score})");
        foreach (var rule in check.RuleResults)
        {
            await output.WriteLineAsync($"  {rule.Outcome,-13} {rule.Explanation}");
        }

        return check;
    }
}
