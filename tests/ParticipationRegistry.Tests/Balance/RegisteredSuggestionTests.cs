using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>Registered-only suggestions are read from the meeting's registrations: the same people, in the same order, as the unrestricted ones.</summary>
public sealed class RegisteredSuggestionTests
{
    [Fact]
    public async Task Registered_only_suggestions_are_the_registered_among_all_suggestions_in_their_order()
    {
        await using var registry = await TestRegistry.StartAsync();
        var meetings = registry.Meetings;
        await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "m", Meeting = new Meeting { DisplayName = "M", Forum = "F" } });
        await meetings.CreateSessionAsync(new CreateSessionRequest { Parent = "meetings/m", SessionId = "s", Session = new Session { DisplayName = "S" } });
        for (var i = 0; i < 2; i++)
        {
            var man = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = $"Man {i}", Gender = Gender.Man, StakeholderGroup = StakeholderGroup.Government, RegionalGroup = RegionalGroup.WesternEuropeanOthers },
            });
            await meetings.CreateParticipantAsync(new CreateParticipantRequest
            {
                Parent = "meetings/m/sessions/s",
                Participant = new Participant { Stakeholder = man.Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
            });
        }

        var candidates = new List<Stakeholder>();
        for (var i = 0; i < 8; i++)
        {
            candidates.Add(await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder
                {
                    DisplayName = $"Candidate {i}",
                    Gender = i % 2 == 0 ? Gender.Woman : Gender.Man,
                    StakeholderGroup = (StakeholderGroup)(1 + (i % 3)),
                    RegionalGroup = (RegionalGroup)(1 + (i % 4)),
                },
            }));
        }

        // Registered in the reverse of the order the people were created.
        var registered = new[] { candidates[7], candidates[4], candidates[2], candidates[1] };
        foreach (var person in registered)
        {
            await meetings.CreateRegistrationAsync(new CreateRegistrationRequest { Parent = "meetings/m", Registration = new Registration { Stakeholder = person.Name } });
        }

        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var all = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "meetings/m/sessions/s", PageSize = 100 });
        var registeredOnly = await balance.SuggestPanelistsAsync(new SuggestPanelistsRequest { Session = "meetings/m/sessions/s", PageSize = 100, RegisteredOnly = true });

        var names = registered.Select(p => p.Name).ToHashSet();
        var expected = all.Suggestions.Where(s => names.Contains(s.Stakeholder)).ToList();
        Assert.True(expected.Count >= 3, $"Only {expected.Count} registered people are suggested at all.");
        Assert.Equal(expected, registeredOnly.Suggestions);
    }
}
