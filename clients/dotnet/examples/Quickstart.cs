using Google.Type;
using ParticipationRegistry.Client;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Examples;

/// <summary>Registers the seed workshop's speakers and prints its balance check, rule by rule.</summary>
public static class Quickstart
{
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

        Stakeholder[] speakers =
        [
            new() { DisplayName = "Peter Major", StakeholderGroup = StakeholderGroup.Government, CountryCode = "HU", Gender = Gender.Man },
            new() { DisplayName = "Mervi Kultamaa", StakeholderGroup = StakeholderGroup.Government, CountryCode = "FI", Gender = Gender.Woman },
            new() { DisplayName = "Markus Kummer", StakeholderGroup = StakeholderGroup.TechnicalCommunity, CountryCode = "CH", Gender = Gender.Man },
            new() { DisplayName = "Parminder Jeet Singh", StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "IN", Gender = Gender.Man },
        ];
        foreach (var speaker in speakers)
        {
            var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = speaker,
                RequestId = Guid.NewGuid().ToString(),
            });
            await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = session.Name,
                Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
            });
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
