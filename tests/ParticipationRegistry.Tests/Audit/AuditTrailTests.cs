using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using static ParticipationRegistry.Tests.Audit.AuditArrange;

namespace ParticipationRegistry.Tests.Audit;

/// <summary>Every mutation is recorded once, by key, method, resource and field names, and never with a personal value.</summary>
public sealed class AuditTrailTests
{
    private const string PersonName = "Zarathustra Quillfeather";
    private const string PersonEmail = "zq-audit@example.org";

    [Fact]
    public async Task Every_mutation_of_a_scripted_session_appears_once_with_its_key_resource_and_field_names()
    {
        await using var registry = await TestRegistry.StartAsync();
        var admin = await registry.AdminKeyNameAsync();
        var editor = await registry.KeyAsync(Role.Editor);
        var viewer = await registry.KeyAsync(Role.Viewer);
        var asEditor = registry.ChannelFor(editor.Secret);
        var meetings = new MeetingService.MeetingServiceClient(asEditor);
        var stakeholders = new StakeholderService.StakeholderServiceClient(asEditor);
        var requestId = Guid.NewGuid().ToString();

        var meeting = await meetings.CreateMeetingAsync(new CreateMeetingRequest { MeetingId = "igf-2030", Meeting = new Meeting { DisplayName = "IGF 2030", Forum = "IGF" } });
        var session = await meetings.CreateSessionAsync(new CreateSessionRequest
        {
            Parent = meeting.Name, SessionId = "ws-1", Session = new Session { DisplayName = "Panel", Kind = SessionKind.Workshop },
        });
        var createPerson = new CreateStakeholderRequest
        {
            RequestId = requestId,
            Stakeholder = new Stakeholder { DisplayName = PersonName, Email = PersonEmail, Gender = Gender.Woman, StakeholderGroup = StakeholderGroup.CivilSociety, CountryCode = "KE" },
        };
        var person = await stakeholders.CreateStakeholderAsync(createPerson);
        var replayed = await stakeholders.CreateStakeholderAsync(createPerson);
        var seat = await meetings.CreateParticipantAsync(new CreateParticipantRequest
        {
            Parent = session.Name, Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Speaker },
        });
        await meetings.UpdateParticipantAsync(new UpdateParticipantRequest
        {
            Participant = new Participant { Name = seat.Name, Role = ParticipantRole.Moderator }, UpdateMask = new FieldMask { Paths = { "role" } },
        });
        await meetings.DeleteParticipantAsync(new DeleteParticipantRequest { Name = seat.Name });
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, Affiliation = "Quillfeather Institute" }, UpdateMask = new FieldMask { Paths = { "affiliation" } },
        });

        Assert.Equal(person.Name, replayed.Name);
        var writes = await registry.AuditEventsAsync("action = AUDIT_ACTION_WRITE");
        Assert.Equal(
            [
                (admin, MethodOf(KeyService.Descriptor, "CreateApiKey"), editor.Name, "role,display_name"),
                (admin, MethodOf(KeyService.Descriptor, "CreateApiKey"), viewer.Name, "role,display_name"),
                (editor.Name, MethodOf(MeetingService.Descriptor, "CreateMeeting"), meeting.Name, "display_name,forum"),
                (editor.Name, MethodOf(MeetingService.Descriptor, "CreateSession"), session.Name, "display_name,kind"),
                (editor.Name, MethodOf(StakeholderService.Descriptor, "CreateStakeholder"), person.Name, "display_name,stakeholder_group,country_code,gender,email"),
                (editor.Name, MethodOf(MeetingService.Descriptor, "CreateParticipant"), seat.Name, "stakeholder,role"),
                (editor.Name, MethodOf(MeetingService.Descriptor, "UpdateParticipant"), seat.Name, "role"),
                (editor.Name, MethodOf(MeetingService.Descriptor, "DeleteParticipant"), seat.Name, ""),
                (admin, MethodOf(StakeholderService.Descriptor, "UpdateStakeholder"), person.Name, "affiliation"),
            ],
            writes.Select(e => (e.ApiKey, e.Method, e.Resource, string.Join(',', e.Fields))).ToList());
        Assert.All(writes, e => Assert.Matches("^auditEvents/.+", e.Name));
        Assert.Equal(writes.OrderBy(e => e.Time).Select(e => e.Name), writes.Select(e => e.Name));
    }

    [Fact]
    public async Task No_event_holds_a_personal_value()
    {
        await using var registry = await TestRegistry.StartAsync();
        var person = await registry.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = PersonName, Email = PersonEmail, Gender = Gender.NonBinary, Affiliation = "Quill Works", Attributes = { StakeholderAttribute.PersonWithDisability } },
        });
        await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = person.Name, View = StakeholderView.Full });
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder { Name = person.Name, Email = "other-" + PersonEmail, Gender = Gender.Declined }, UpdateMask = new FieldMask { Paths = { "email", "gender" } },
        });

        var events = await registry.AuditEventsAsync();

        var text = string.Join('\n', events.Select(e => e.ToString()));
        Assert.Contains(person.Name, text);
        foreach (var value in new[] { PersonName, PersonEmail, "Quill Works", "NON_BINARY", "NonBinary", "DECLINED", "DISABILITY" })
        {
            Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_refused_call_appends_nothing()
    {
        await using var registry = await TestRegistry.StartAsync();
        var viewer = await registry.KeyAsync(Role.Viewer);
        var editor = await registry.KeyAsync(Role.Editor);
        var before = await registry.AuditEventsAsync();

        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => new MeetingService.MeetingServiceClient(registry.ChannelFor(viewer.Secret))
            .CreateMeetingAsync(new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2031" } }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => new BalanceService.BalanceServiceClient(registry.ChannelFor(editor.Secret))
            .CreatePolicyAsync(new CreatePolicyRequest { Policy = new Policy { DisplayName = "p" } }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED", () => new MeetingService.MeetingServiceClient(registry.ChannelFor(null))
            .CreateMeetingAsync(new CreateMeetingRequest { Meeting = new Meeting { DisplayName = "IGF 2031" } }).ResponseAsync);
        // A call the method itself refuses changes nothing either.
        await Assert.ThrowsAsync<RpcException>(() => registry.Stakeholders.DeleteStakeholderAsync(new DeleteStakeholderRequest { Name = "stakeholders/missing" }).ResponseAsync);

        Assert.Equal(before.Select(e => e.Name), (await registry.AuditEventsAsync()).Select(e => e.Name));
    }

    [Fact]
    public async Task A_viewer_or_editor_may_not_read_the_trail()
    {
        await using var registry = await TestRegistry.StartAsync();
        foreach (var role in new[] { Role.Viewer, Role.Editor })
        {
            var key = await registry.KeyAsync(role);
            await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () => new AuditService.AuditServiceClient(registry.ChannelFor(key.Secret))
                .ListAuditEventsAsync(new ListAuditEventsRequest()).ResponseAsync);
        }

        await RpcAssert.FailsAsync(StatusCode.Unauthenticated, "UNAUTHENTICATED", () => new AuditService.AuditServiceClient(registry.ChannelFor(null))
            .ListAuditEventsAsync(new ListAuditEventsRequest()).ResponseAsync);
    }
}
