using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>A seat keeps what the registry knew of the person; it follows them until the session is HELD.</summary>
public sealed class SnapshotTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    private static async Task<TestRegistry> StartWithSessionAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        return registry;
    }

    private static Task<Stakeholder> MoveToAsync(TestRegistry registry, Stakeholder person, string affiliation, StakeholderGroup group, string countryCode, string organization) =>
        registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                Name = person.Name,
                Affiliation = affiliation,
                StakeholderGroup = group,
                CountryCode = countryCode,
                Organization = organization,
            },
            UpdateMask = new FieldMask { Paths = { "affiliation", "stakeholder_group", "country_code", "organization" } },
        }).ResponseAsync;

    [Fact]
    public async Task A_new_seat_snapshots_the_person()
    {
        await using var registry = await StartWithSessionAsync();
        var ministry = await registry.OrganizationAsync("Ministry for Foreign Affairs of Finland", StakeholderGroup.Government);
        var mervi = await registry.StakeholderAsync("Mervi Kultamaa", "Counsellor, Ministry for Foreign Affairs of Finland", StakeholderGroup.Government, "FI", ministry.Name);

        var seat = await registry.SeatAsync(Session, mervi.Name);

        Assert.Equal(
            new StakeholderSnapshot
            {
                DisplayName = "Mervi Kultamaa",
                StakeholderGroup = StakeholderGroup.Government,
                RegionalGroup = RegionalGroup.WesternEuropeanOthers,
                CountryCode = "FI",
                Affiliation = "Counsellor, Ministry for Foreign Affairs of Finland",
                Organization = ministry.Name,
            },
            seat.Snapshot);
    }

    [Fact]
    public async Task Updating_the_person_refreshes_the_seat_while_the_session_is_not_held()
    {
        await using var registry = await StartWithSessionAsync();
        var itForChange = await registry.OrganizationAsync("IT for Change");
        var isoc = await registry.OrganizationAsync("Internet Society", StakeholderGroup.TechnicalCommunity);
        var person = await registry.StakeholderAsync(organization: itForChange.Name);
        var seat = await registry.SeatAsync(Session, person.Name);

        await MoveToAsync(registry, person, "Vice President, Internet Society", StakeholderGroup.TechnicalCommunity, "CH", isoc.Name);

        var snapshot = (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name })).Snapshot;
        Assert.Equal("Vice President, Internet Society", snapshot.Affiliation);
        Assert.Equal(StakeholderGroup.TechnicalCommunity, snapshot.StakeholderGroup);
        Assert.Equal("CH", snapshot.CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, snapshot.RegionalGroup);
        Assert.Equal(isoc.Name, snapshot.Organization);
    }

    [Fact]
    public async Task Once_the_session_is_held_updating_the_person_leaves_the_seat_as_it_was()
    {
        await using var registry = await StartWithSessionAsync();
        var itForChange = await registry.OrganizationAsync("IT for Change");
        var isoc = await registry.OrganizationAsync("Internet Society", StakeholderGroup.TechnicalCommunity);
        var person = await registry.StakeholderAsync(organization: itForChange.Name);
        var seat = await registry.SeatAsync(Session, person.Name);
        await registry.SetStateAsync(Session, SessionState.Held);

        var moved = await MoveToAsync(registry, person, "Vice President, Internet Society", StakeholderGroup.TechnicalCommunity, "CH", isoc.Name);

        Assert.Equal("Vice President, Internet Society", moved.Affiliation);
        var read = await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = seat.Name });
        Assert.Equal(seat.Snapshot, read.Snapshot);
        Assert.Equal("Executive Coordinator, IT for Change", read.Snapshot.Affiliation);
        Assert.Equal(StakeholderGroup.CivilSociety, read.Snapshot.StakeholderGroup);
        Assert.Equal(RegionalGroup.AsiaPacific, read.Snapshot.RegionalGroup);
        Assert.Equal(itForChange.Name, read.Snapshot.Organization);
    }

    [Fact]
    public async Task Only_the_seats_in_sessions_not_held_follow_the_person()
    {
        await using var registry = await StartWithSessionAsync();
        await registry.SessionAsync(Meeting, "ws-86");
        var person = await registry.StakeholderAsync();
        var heldSeat = await registry.SeatAsync(Session, person.Name);
        var openSeat = await registry.SeatAsync($"{Meeting}/sessions/ws-86", person.Name);
        await registry.SetStateAsync(Session, SessionState.Held);

        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, DisplayName = "Parminder J. Singh" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        Assert.Equal("Parminder Jeet Singh", (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = heldSeat.Name })).Snapshot.DisplayName);
        Assert.Equal("Parminder J. Singh", (await registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = openSeat.Name })).Snapshot.DisplayName);
    }
}
