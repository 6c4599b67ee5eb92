using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>One registry started with the demo data, shared by the read-only demo tests.</summary>
public sealed class DemoRegistry : IAsyncLifetime
{
    public TestRegistry Registry { get; private set; } = null!;

    public async Task InitializeAsync() => Registry = await TestRegistry.StartAsync(demo: true);

    public async Task DisposeAsync() => await Registry.DisposeAsync();
}

/// <summary>--demo loads IGF 2012 workshop 85 as the 2012 form recorded it.</summary>
public sealed class DemoDataTests(DemoRegistry demo) : IClassFixture<DemoRegistry>
{
    private const string Session = "meetings/igf-2012/sessions/ws-85";

    private TestRegistry Registry => demo.Registry;

    private async Task<Dictionary<string, Stakeholder>> PeopleByNameAsync()
    {
        var page = await Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full });
        Assert.Empty(page.NextPageToken);
        return page.Stakeholders.ToDictionary(s => s.DisplayName);
    }

    private async Task<List<(string Person, Participant Seat)>> SeatsAsync()
    {
        var people = (await PeopleByNameAsync()).Values.ToDictionary(p => p.Name, p => p.DisplayName);
        return (await Registry.AllSeatsAsync(Session)).Select(seat => (people[seat.Stakeholder], seat)).ToList();
    }

    private async Task<Participant> SeatAsync(string person, ParticipantRole role) =>
        Assert.Single(await SeatsAsync(), s => s.Person == person && s.Seat.Role == role).Seat;

    [Fact]
    public async Task The_meeting_is_IGF_2012_in_Baku()
    {
        var meeting = await Registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = "meetings/igf-2012" });

        Assert.Equal("IGF 2012, Baku", meeting.DisplayName);
        Assert.Equal("forums/igf", meeting.Forum);
        Assert.Equal(2012, meeting.StartDate.Year);
        Assert.Equal("meetings/igf-2012", Assert.Single((await Registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings).Name);
    }

    [Fact]
    public async Task The_session_is_workshop_85_held()
    {
        var session = await Registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = Session });

        Assert.Equal("Quo Vadis IGF – or Evolution of IGF", session.DisplayName);
        Assert.Equal(SessionKind.Workshop, session.Kind);
        Assert.Equal(SessionState.Held, session.State);
        Assert.Equal("Taking Stock and the Way Forward", session.Theme);
    }

    [Fact]
    public async Task The_seven_organizers_keep_their_order_and_tags()
    {
        var session = await Registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = Session });

        var organizers = new List<Organization>();
        foreach (var name in session.Organizers)
        {
            organizers.Add(await Registry.Stakeholders.GetOrganizationAsync(new GetOrganizationRequest { Name = name }));
        }

        Assert.Equal(
            [
                "Civil Society Internet Governance Caucus (CS IGC)", "Consumer International", "Diplo Foundation", "Government of Finland",
                "Internet Society", "Institute for InfoSocinomics, Tama University", "IT for Change",
            ],
            organizers.Select(o => o.DisplayName));
        var diplo = organizers[2];
        Assert.True(diplo.Multistakeholder);
        Assert.Equal(StakeholderGroup.Unspecified, diplo.StakeholderGroup);
        Assert.All(organizers.Where(o => o != diplo), o => Assert.False(o.Multistakeholder));
        Assert.Equal(StakeholderGroup.Government, organizers[3].StakeholderGroup);
        Assert.Equal(StakeholderGroup.TechnicalCommunity, organizers[4].StakeholderGroup);
    }

    [Fact]
    public async Task The_gender_report_card_has_the_band_and_no_counts()
    {
        var card = (await Registry.Meetings.GetSessionAsync(new GetSessionRequest { Name = Session })).GenderReportCard;

        Assert.Equal(WomenShareBand.AboutHalf, card.WomenShareBand);
        Assert.Equal(GenderDiscussion.NotRaised, card.GenderDiscussion);
        Assert.False(card.HasParticipantCount);
        Assert.False(card.HasWomenCount);
    }

    [Fact]
    public async Task Seven_distinct_people_hold_eight_seats()
    {
        var people = await PeopleByNameAsync();
        var seats = await SeatsAsync();

        Assert.Equal(
            ["Avri Doria", "Izumi Aizu", "Markus Kummer", "Mervi Kultamaa", "Parminder Jeet Singh", "Peter Major", "Wolfgang Kleinwächter"],
            people.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(8, seats.Count);
        Assert.Equal(
            ["Markus Kummer", "Mervi Kultamaa", "Parminder Jeet Singh", "Peter Major", "Wolfgang Kleinwächter"],
            seats.Where(s => s.Seat.Role == ParticipantRole.Speaker).Select(s => s.Person).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Speakers_carry_their_confirmation_group_and_region()
    {
        var peter = await SeatAsync("Peter Major", ParticipantRole.Speaker);
        var wolfgang = await SeatAsync("Wolfgang Kleinwächter", ParticipantRole.Speaker);
        var mervi = await SeatAsync("Mervi Kultamaa", ParticipantRole.Speaker);
        var markus = await SeatAsync("Markus Kummer", ParticipantRole.Speaker);
        var parminder = await SeatAsync("Parminder Jeet Singh", ParticipantRole.Speaker);

        Assert.Equal(Confirmation.Confirmed, peter.Confirmation);
        Assert.Equal(StakeholderGroup.Government, peter.Snapshot.StakeholderGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, peter.Snapshot.RegionalGroup);
        Assert.Equal(Confirmation.Confirmed, wolfgang.Confirmation);
        Assert.Equal(Confirmation.Tentative, mervi.Confirmation);
        Assert.Equal(Confirmation.Confirmed, markus.Confirmation);
        Assert.Equal(StakeholderGroup.TechnicalCommunity, markus.Snapshot.StakeholderGroup);
        Assert.Equal(Confirmation.Tentative, parminder.Confirmation);
        Assert.Equal(RegionalGroup.AsiaPacific, parminder.Snapshot.RegionalGroup);
    }

    [Fact]
    public async Task Izumi_Aizu_moderates_and_reports_and_Avri_Doria_moderates_remotely()
    {
        var moderator = await SeatAsync("Izumi Aizu", ParticipantRole.Moderator);
        var rapporteur = await SeatAsync("Izumi Aizu", ParticipantRole.Rapporteur);
        var remote = await SeatAsync("Avri Doria", ParticipantRole.RemoteModerator);

        Assert.Equal(Confirmation.Confirmed, moderator.Confirmation);
        Assert.Equal(moderator.Stakeholder, rapporteur.Stakeholder);
        Assert.Equal(StakeholderGroup.CivilSociety, remote.Snapshot.StakeholderGroup);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, remote.Snapshot.RegionalGroup);
    }

    [Fact]
    public async Task Peter_Major_is_listed_under_WEOG_as_stated_without_a_country()
    {
        var peter = (await PeopleByNameAsync())["Peter Major"];

        Assert.Empty(peter.CountryCode);
        Assert.Equal(RegionalGroup.WesternEuropeanOthers, peter.RegionalGroup);
        Assert.Equal(StakeholderGroup.Government, peter.StakeholderGroup);
    }

    [Fact]
    public async Task Gender_is_the_honorific_of_2012_or_not_recorded()
    {
        var people = await PeopleByNameAsync();

        Assert.Equal(Gender.Man, people["Peter Major"].Gender);
        Assert.Equal(Gender.Woman, people["Mervi Kultamaa"].Gender);
        Assert.Equal(Gender.Woman, people["Avri Doria"].Gender);
        Assert.Equal(Gender.Man, people["Markus Kummer"].Gender);
        Assert.Equal(Gender.Unspecified, people["Wolfgang Kleinwächter"].Gender);
        Assert.Equal(Gender.Unspecified, people["Izumi Aizu"].Gender);
    }

    [Fact]
    public async Task Gender_is_not_shown_in_the_basic_view()
    {
        var page = await Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest());

        Assert.All(page.Stakeholders, s => Assert.Equal(Gender.Unspecified, s.Gender));
    }
}

public sealed class DemoReloadTests
{
    [Fact]
    public async Task Loading_the_demo_twice_creates_nothing_new()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        var before = await CountsAsync(registry);

        await using var reloaded = await registry.RestartAsync(demo: true);

        Assert.Equal((7, 7, 1, 1, 8), before);
        Assert.Equal(before, await CountsAsync(reloaded));
    }

    [Fact]
    public async Task The_demo_is_loaded_once_per_database_and_not_brought_back_after_it_was_changed()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        foreach (var seat in await registry.AllSeatsAsync("meetings/igf-2012/sessions/-"))
        {
            await registry.Meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = seat.Name });
        }

        await registry.Meetings.DeleteSessionAsync(new DeleteSessionRequest { Name = "meetings/igf-2012/sessions/ws-85" });

        await using var reloaded = await registry.RestartAsync(demo: true);

        Assert.Equal((7, 7, 1, 0, 0), await CountsAsync(reloaded));
    }

    private static async Task<(int People, int Organizations, int Meetings, int Sessions, int Seats)> CountsAsync(TestRegistry registry) => (
        (await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders.Count,
        (await registry.Stakeholders.ListOrganizationsAsync(new ListOrganizationsRequest())).Organizations.Count,
        (await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings.Count,
        (await registry.Meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2012" })).Sessions.Count,
        (await registry.AllSeatsAsync("meetings/igf-2012/sessions/-")).Count);
}
