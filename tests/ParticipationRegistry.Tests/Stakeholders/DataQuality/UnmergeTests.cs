using Grpc.Core;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders.DataQuality;

/// <summary>UnmergeStakeholder: the duplicate comes back as it was, with its seats and registrations; refusals change nothing; erasure reaches the kept record.</summary>
public sealed class UnmergeTests
{
    private const string Meeting = "meetings/igf-2012";
    private const string Workshop = "meetings/igf-2012/sessions/ws-85";
    private const string HeldWorkshop = "meetings/igf-2012/sessions/ws-86";
    private const string DuplicateName = "Wolfgang Kleinwacther";
    private const string DuplicateEmail = "wk@aarhus.example";

    private sealed record Arranged(TestRegistry Registry, Stakeholder Primary, Stakeholder Duplicate, Participant OpenSeat, Participant HeldSeat, Registration Registration);

    /// <summary>
    /// A primary with a seat and a duplicate with every personal field, an organisation, a seat in an open session, a seat in a
    /// HELD session (history: its copy keeps the duplicate's name) and a registration.
    /// </summary>
    private static async Task<Arranged> ArrangeAsync()
    {
        var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        await registry.SessionAsync(Meeting, "ws-85");
        await registry.SessionAsync(Meeting, "ws-86");
        var organization = await registry.OrganizationAsync("Aarhus University", StakeholderGroup.CivilSociety);
        var primary = await registry.StakeholderAsync("Wolfgang Kleinwächter", "University of Aarhus", StakeholderGroup.CivilSociety, "DE");
        var duplicate = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                DisplayName = DuplicateName, Affiliation = "Aarhus University", Organization = organization.Name, Email = DuplicateEmail,
                Gender = Gender.Man, Attributes = { StakeholderAttribute.Academia }, PublicationConsent = PublicationConsent.Given,
                StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "DK",
            },
        });
        await registry.SeatAsync(Workshop, primary.Name, ParticipantRole.Moderator);
        var openSeat = await registry.SeatAsync(Workshop, duplicate.Name);
        var heldSeat = await registry.SeatAsync(HeldWorkshop, duplicate.Name);
        await registry.SetStateAsync(HeldWorkshop, SessionState.Held);
        var registration = await registry.RegistrationAsync(Meeting, duplicate.Name);
        return new Arranged(registry, primary, duplicate, openSeat, heldSeat, registration);
    }

    private static Task<MergeStakeholdersResponse> MergeAsync(Arranged a) =>
        a.Registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = a.Primary.Name, Duplicates = { a.Duplicate.Name } }).ResponseAsync;

    private static Task<Stakeholder> UnmergeAsync(TestRegistry registry, string name, string etag = "") =>
        registry.Stakeholders.UnmergeStakeholderAsync(new UnmergeStakeholderRequest { Name = name, Etag = etag }).ResponseAsync;

    private static async Task<Stakeholder> GetAsync(TestRegistry registry, string name) =>
        await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full });

    /// <summary>The person as restored must equal the person as it was, but for what any write changes.</summary>
    private static Stakeholder Fields(Stakeholder stakeholder)
    {
        var fields = stakeholder.Clone();
        fields.Etag = "";
        fields.UpdateTime = null;
        return fields;
    }

    private static async Task<string> SeatsAndRegistrationsAsync(TestRegistry registry) => string.Join("\n",
        (await registry.AllSeatsAsync("meetings/igf-2012/sessions/-")).Select(s => $"{s.Name} {s.Stakeholder} {s.Role} {s.Snapshot}").Order(StringComparer.Ordinal)
        .Concat((await registry.Meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = Meeting })).Registrations
            .Select(r => $"{r.Name} {r.Stakeholder} {r.Snapshot}").Order(StringComparer.Ordinal)));

    private static async Task<DiversityReport> ReportAsync(TestRegistry registry) =>
        await new ReportService.ReportServiceClient(registry.Channel).GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = Meeting, Options = new ReportOptions { IncludePersonalData = true },
        });

    /// <summary>Everything a refusal must leave as it was: people, seats, registrations, and what each name resolves to.</summary>
    private static async Task<string> StateAsync(Arranged a) => string.Join("\n",
        await a.Registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { View = StakeholderView.Full }),
        await SeatsAndRegistrationsAsync(a.Registry),
        await GetAsync(a.Registry, a.Duplicate.Name));

    [Fact]
    public async Task Unmerge_restores_the_duplicates_fields_seats_registrations_and_the_report_of_before_the_merge()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        var person = await GetAsync(a.Registry, a.Duplicate.Name);
        var holdings = await SeatsAndRegistrationsAsync(a.Registry);
        var report = await ReportAsync(a.Registry);
        var merged = await MergeAsync(a);
        Assert.NotEqual(report, await ReportAsync(a.Registry));
        Assert.Equal(a.Primary.Name, (await GetAsync(a.Registry, a.Duplicate.Name)).Name);

        var restored = await UnmergeAsync(a.Registry, a.Duplicate.Name, merged.Stakeholder.Etag);

        Assert.Equal(Fields(person), Fields(restored));
        Assert.Equal((DuplicateName, DuplicateEmail, Gender.Man), (restored.DisplayName, restored.Email, restored.Gender));
        Assert.NotEqual(person.Etag, restored.Etag);
        Assert.Equal(restored, await GetAsync(a.Registry, a.Duplicate.Name));
        Assert.Equal(holdings, await SeatsAndRegistrationsAsync(a.Registry));
        Assert.Equal(report, await ReportAsync(a.Registry));
        var found = await a.Registry.Stakeholders.SearchStakeholdersAsync(new SearchStakeholdersRequest { Query = "kleinwacther" });
        Assert.Contains(a.Duplicate.Name, found.Stakeholders.Select(s => s.Name));
        var unmerges = (await a.Registry.AuditEventsAsync()).Where(e => e.Method.EndsWith("/UnmergeStakeholder", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { $"{a.Duplicate.Name} merged_into", $"{a.Primary.Name} duplicates" }.Order(), unmerges.Select(e => $"{e.Resource} {string.Join(',', e.Fields)}").Order());
    }

    [Fact]
    public async Task A_seat_deleted_since_the_merge_is_skipped_and_the_others_come_back()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        await MergeAsync(a);
        await a.Registry.Meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = a.OpenSeat.Name });

        await UnmergeAsync(a.Registry, a.Duplicate.Name);

        var seats = await a.Registry.AllSeatsAsync("meetings/igf-2012/sessions/-");
        Assert.Equal([(a.HeldSeat.Name, a.Duplicate.Name)], seats.Where(s => s.Stakeholder == a.Duplicate.Name).Select(s => (s.Name, s.Stakeholder)));
        Assert.DoesNotContain(seats, s => s.Name == a.OpenSeat.Name);
        Assert.Equal(a.Duplicate.Name, (await a.Registry.Meetings.GetRegistrationAsync(new GetRegistrationRequest { Name = a.Registration.Name })).Stakeholder);
    }

    [Fact]
    public async Task A_name_not_merged_an_unknown_or_bad_name_and_a_stale_etag_are_refused_and_change_nothing()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        await MergeAsync(a);
        var before = await StateAsync(a);

        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_NOT_MERGED", () => UnmergeAsync(a.Registry, a.Primary.Name));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => UnmergeAsync(a.Registry, "stakeholders/nobody"));
        await RpcAssert.FailsAsync(StatusCode.InvalidArgument, "INVALID_ARGUMENT", () => UnmergeAsync(a.Registry, "people/x"));
        await RpcAssert.FailsAsync(StatusCode.Aborted, "ETAG_MISMATCH", () => UnmergeAsync(a.Registry, a.Duplicate.Name, "\"99\""));

        Assert.Equal(before, await StateAsync(a));
        await UnmergeAsync(a.Registry, a.Duplicate.Name);
        await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_NOT_MERGED", () => UnmergeAsync(a.Registry, a.Duplicate.Name));
    }

    [Fact]
    public async Task Erasing_the_primary_erases_the_kept_record_and_the_unmerge_is_refused()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        await MergeAsync(a);
        Assert.NotEmpty(ErasureTests.LiveRowsHolding(a.Registry, DuplicateEmail));

        await a.Registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = a.Primary.Name });

        foreach (var value in new[] { DuplicateName, DuplicateEmail })
        {
            var holding = ErasureTests.LiveRowsHolding(a.Registry, value);
            Assert.True(holding.Count == 0, $"'{value}' is still in {string.Join(", ", holding)}");
        }

        var before = await StateAsync(a);
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_ERASED", () => UnmergeAsync(a.Registry, a.Duplicate.Name));
        Assert.Contains(a.Primary.Name, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(a));
    }

    [Fact]
    public async Task Erasing_the_old_name_erases_the_kept_record_and_its_history_copies_keeps_the_primary_and_the_unmerge_is_refused()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        await MergeAsync(a);
        Assert.NotEmpty(ErasureTests.LiveRowsHolding(a.Registry, DuplicateName));

        var placeholder = await a.Registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = a.Duplicate.Name });

        Assert.Equal((a.Duplicate.Name, "", ""), (placeholder.Name, placeholder.DisplayName, placeholder.Email));
        Assert.Equal((StakeholderGroup.CivilSociety, "DK"), (placeholder.StakeholderGroup, placeholder.CountryCode));
        foreach (var value in new[] { DuplicateName, DuplicateEmail })
        {
            var holding = ErasureTests.LiveRowsHolding(a.Registry, value);
            Assert.True(holding.Count == 0, $"'{value}' is still in {string.Join(", ", holding)}");
        }

        Assert.Equal("Wolfgang Kleinwächter", (await GetAsync(a.Registry, a.Primary.Name)).DisplayName);
        var heldSeat = await a.Registry.Meetings.GetParticipantAsync(new GetParticipantRequest { Name = a.HeldSeat.Name });
        Assert.Equal((a.Primary.Name, "", "DK"), (heldSeat.Stakeholder, heldSeat.Snapshot.DisplayName, heldSeat.Snapshot.CountryCode));
        var before = await StateAsync(a);
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "STAKEHOLDER_ERASED", () => UnmergeAsync(a.Registry, a.Duplicate.Name));
        Assert.Contains(a.Duplicate.Name, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StateAsync(a));
    }

    [Fact]
    public async Task The_export_of_an_old_name_shows_the_kept_record_and_the_seats_it_brought()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        await MergeAsync(a);

        var export = await a.Registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = a.Duplicate.Name });

        Assert.Equal((a.Duplicate.Name, DuplicateName, DuplicateEmail), (export.Stakeholder.Name, export.Stakeholder.DisplayName, export.Stakeholder.Email));
        Assert.Equal(new[] { a.OpenSeat.Name, a.HeldSeat.Name }.Order(), export.Participants.Select(p => p.Name).Order());
        Assert.Equal([a.Registration.Name], export.Registrations.Select(r => r.Name));
    }

    [Fact]
    public async Task Unmerging_a_primary_merged_on_gives_its_own_aliases_back_and_each_unmerge_takes_its_own_seats()
    {
        var a = await ArrangeAsync();
        await using var _ = a.Registry;
        var third = await a.Registry.StakeholderAsync("W. Kleinwächter", "Aarhus", StakeholderGroup.CivilSociety, "DE");
        var holdings = await SeatsAndRegistrationsAsync(a.Registry);
        await MergeAsync(a);
        await a.Registry.Stakeholders.MergeStakeholdersAsync(new MergeStakeholdersRequest { Primary = third.Name, Duplicates = { a.Primary.Name } });
        Assert.Equal(third.Name, (await GetAsync(a.Registry, a.Duplicate.Name)).Name);

        await UnmergeAsync(a.Registry, a.Primary.Name);

        Assert.Equal(a.Primary.Name, (await GetAsync(a.Registry, a.Duplicate.Name)).Name);
        await UnmergeAsync(a.Registry, a.Duplicate.Name);
        Assert.Equal(holdings, await SeatsAndRegistrationsAsync(a.Registry));
        Assert.Equal(DuplicateName, (await GetAsync(a.Registry, a.Duplicate.Name)).DisplayName);
    }
}
