using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Audit;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>ExportStakeholderData: everything held about one person in one message, for an admin, recorded as a read of personal data.</summary>
public sealed class DataExportTests
{
    private const string Meeting = "meetings/igf-2012";

    [Fact]
    public async Task The_export_holds_the_full_record_every_seat_and_registration_and_the_events_about_them()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var panel = await registry.SessionAsync(Meeting, "ws-85");
        var other = await registry.SessionAsync(Meeting, "ws-86");
        var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Nnenna Nwakanma", Email = "nnenna@example.org", Gender = Gender.Woman, CountryCode = "CI" },
        });
        var seats = new[] { await registry.SeatAsync(panel.Name, person.Name), await registry.SeatAsync(other.Name, person.Name, ParticipantRole.Moderator) };
        var seat = await registry.Meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seats[0].Name, Role = ParticipantRole.Rapporteur }, UpdateMask = new FieldMask { Paths = { "role" } },
        });
        var registration = await registry.RegistrationAsync(Meeting, person.Name);
        var someoneElse = await registry.StakeholderAsync("Avri Doria", countryCode: "US");
        await registry.SeatAsync(panel.Name, someoneElse.Name);

        var export = await registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = person.Name });

        Assert.Equal(person, export.Stakeholder);
        Assert.Equal("nnenna@example.org", export.Stakeholder.Email);
        Assert.Equal([seat, seats[1]], export.Participants);
        Assert.Equal("Nnenna Nwakanma", export.Participants[0].Snapshot.DisplayName);
        Assert.Equal(registration, Assert.Single(export.Registrations));
        Assert.Equal(
            [
                ("CreateStakeholder", person.Name),
                ("CreateParticipant", seats[0].Name),
                ("CreateParticipant", seats[1].Name),
                ("UpdateParticipant", seats[0].Name),
                ("CreateRegistration", registration.Name),
            ],
            export.AuditEvents.Select(e => (e.Method[(e.Method.LastIndexOf('/') + 1)..], e.Resource)).ToList());
    }

    [Fact]
    public async Task The_export_is_recorded_as_a_read_of_personal_data()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.StakeholderAsync();

        await registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = person.Name });
        var export = await registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = person.Name });

        var read = Assert.Single(export.AuditEvents, e => e.Action == AuditAction.PersonalDataRead);
        Assert.Equal(("/participation.registry.v1.StakeholderService/ExportStakeholderData", person.Name, await registry.AdminKeyNameAsync()), (read.Method, read.Resource, read.ApiKey));
    }

    [Fact]
    public async Task The_export_of_an_erased_person_holds_only_the_placeholder()
    {
        await using var registry = await TestRegistry.StartAsync();
        await registry.MeetingAsync("igf-2012");
        var person = await registry.StakeholderAsync("Nnenna Nwakanma", countryCode: "CI");
        await registry.RegistrationAsync(Meeting, person.Name);
        var placeholder = await registry.Stakeholders.EraseStakeholderAsync(new EraseStakeholderRequest { Name = person.Name });

        var export = await registry.Stakeholders.ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = person.Name });

        Assert.Equal(placeholder, export.Stakeholder);
        Assert.DoesNotContain("Nnenna", export.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_admin_may_export_and_an_unknown_person_is_not_found()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.StakeholderAsync();
        var editor = await registry.CreateKeyAsync(Role.Editor);

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => new StakeholderService.StakeholderServiceClient(registry.ChannelFor(editor))
            .ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = person.Name }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "STAKEHOLDER_NOT_FOUND", () => registry.Stakeholders
            .ExportStakeholderDataAsync(new ExportStakeholderDataRequest { Name = "stakeholders/nobody" }).ResponseAsync);
    }
}
