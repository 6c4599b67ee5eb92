using Google.Protobuf;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>What a call needs: nothing, any key, an editor key, or an admin key.</summary>
public enum Need
{
    Anyone,
    AnyKey,
    Editor,
    Admin,
}

/// <summary>
/// One method's requirement. <paramref name="Organizer"/>, where set, lets an organiser key make an
/// editor's call when the request is about the key's own sessions (and keeps within what an organiser may do).
/// </summary>
public sealed record AccessRule(Need Need, Func<IMessage, Caller, bool>? Organizer = null);

/// <summary>
/// The requirement of every gRPC method, by full method name. A method missing here is refused to
/// everyone (the authorisation tests enumerate every method of every service, so a new one without
/// a rule fails them).
/// </summary>
public static class AccessRules
{
    private static readonly AccessRule Public = new(Need.Anyone);
    private static readonly AccessRule Read = new(Need.AnyKey);
    private static readonly AccessRule Edit = new(Need.Editor);
    private static readonly AccessRule Administer = new(Need.Admin);

    public static readonly IReadOnlyDictionary<string, AccessRule> ByMethod = new Dictionary<string, AccessRule>
    {
        ["/grpc.health.v1.Health/Check"] = Public,
        ["/grpc.health.v1.Health/Watch"] = Public,
        ["/grpc.health.v1.Health/List"] = Public,
        ["/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Public,
        ["/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Public,

        [Method(StakeholderService.Descriptor, "CreateStakeholder")] = Edit,
        [Method(StakeholderService.Descriptor, "GetStakeholder")] = Read,
        [Method(StakeholderService.Descriptor, "ListStakeholders")] = Read,
        [Method(StakeholderService.Descriptor, "UpdateStakeholder")] = Edit,
        [Method(StakeholderService.Descriptor, "DeleteStakeholder")] = Edit,
        [Method(StakeholderService.Descriptor, "BatchCreateStakeholders")] = Edit,
        [Method(StakeholderService.Descriptor, "EraseStakeholder")] = Administer,
        [Method(StakeholderService.Descriptor, "ExportStakeholderData")] = Administer,
        // An organiser key with sessions gets through; the service then asks PersonalDataRights whether the
        // person sits on one of them (a link opens the person's personal data, and carries their email).
        [Method(StakeholderService.Descriptor, "CreateDeclarationLink")] = new(Need.Editor, (_, c) => c.Sessions.Count > 0),
        [Method(StakeholderService.Descriptor, "CreateDeclarationLinks")] = new(Need.Editor, (m, c) => Organizer.Owns(c, ((CreateDeclarationLinksRequest)m).Parent)),
        [Method(StakeholderService.Descriptor, "CreateOrganization")] = Edit,
        [Method(StakeholderService.Descriptor, "GetOrganization")] = Read,
        [Method(StakeholderService.Descriptor, "ListOrganizations")] = Read,
        [Method(StakeholderService.Descriptor, "UpdateOrganization")] = Edit,
        [Method(StakeholderService.Descriptor, "DeleteOrganization")] = Edit,
        // Any key finds people; what it shows of them, and whether an email finds anyone, PersonalDataRights decides.
        [Method(StakeholderService.Descriptor, "SearchStakeholders")] = Read,
        [Method(StakeholderService.Descriptor, "ListDuplicateCandidates")] = Edit,
        [Method(StakeholderService.Descriptor, "MarkNotDuplicate")] = Edit,
        [Method(StakeholderService.Descriptor, "FindDuplicateCandidates")] = Edit,
        [Method(StakeholderService.Descriptor, "MergeStakeholders")] = Edit,
        [Method(StakeholderService.Descriptor, "UnmergeStakeholder")] = Edit,

        [Method(MeetingService.Descriptor, "CreateForum")] = Edit,
        [Method(MeetingService.Descriptor, "GetForum")] = Read,
        [Method(MeetingService.Descriptor, "ListForums")] = Read,
        [Method(MeetingService.Descriptor, "UpdateForum")] = Edit,
        [Method(MeetingService.Descriptor, "DeleteForum")] = Edit,
        [Method(MeetingService.Descriptor, "CreateMeeting")] = Edit,
        [Method(MeetingService.Descriptor, "GetMeeting")] = Read,
        [Method(MeetingService.Descriptor, "ListMeetings")] = Read,
        [Method(MeetingService.Descriptor, "UpdateMeeting")] = Edit,
        [Method(MeetingService.Descriptor, "DeleteMeeting")] = Edit,
        [Method(MeetingService.Descriptor, "CreateSession")] = new(Need.Editor, (m, c) => Organizer.MayCreateSession((CreateSessionRequest)m, c)),
        [Method(MeetingService.Descriptor, "BatchCreateSessions")] = new(Need.Editor, (m, c) => Organizer.MayCreateSessions((BatchCreateSessionsRequest)m, c)),
        [Method(MeetingService.Descriptor, "GetSession")] = Read,
        [Method(MeetingService.Descriptor, "ListSessions")] = Read,
        [Method(MeetingService.Descriptor, "UpdateSession")] = new(Need.Editor, (m, c) => Organizer.MayUpdateSession((UpdateSessionRequest)m, c)),
        [Method(MeetingService.Descriptor, "DeleteSession")] = new(Need.Editor, (m, c) => Organizer.Owns(c, ((DeleteSessionRequest)m).Name)),
        [Method(MeetingService.Descriptor, "CreateParticipant")] = new(Need.Editor, (m, c) => Organizer.Owns(c, ((CreateParticipantRequest)m).Parent)),
        [Method(MeetingService.Descriptor, "BatchCreateParticipants")] = new(Need.Editor, (m, c) => Organizer.OwnsEverySeat((BatchCreateParticipantsRequest)m, c)),
        [Method(MeetingService.Descriptor, "GetParticipant")] = Read,
        [Method(MeetingService.Descriptor, "ListParticipants")] = Read,
        [Method(MeetingService.Descriptor, "UpdateParticipant")] = new(Need.Editor, (m, c) => Organizer.OwnsSeat(c, ((UpdateParticipantRequest)m).Participant?.Name)),
        [Method(MeetingService.Descriptor, "DeleteParticipant")] = new(Need.Editor, (m, c) => Organizer.OwnsSeat(c, ((DeleteParticipantRequest)m).Name)),
        [Method(MeetingService.Descriptor, "CreateRegistration")] = Edit,
        [Method(MeetingService.Descriptor, "BatchCreateRegistrations")] = Edit,
        [Method(MeetingService.Descriptor, "GetRegistration")] = Read,
        [Method(MeetingService.Descriptor, "ListRegistrations")] = Read,
        [Method(MeetingService.Descriptor, "UpdateRegistration")] = new(Need.Editor, (m, c) => Organizer.MayCheckIn((UpdateRegistrationRequest)m, c)),
        [Method(MeetingService.Descriptor, "DeleteRegistration")] = Edit,

        [Method(BalanceService.Descriptor, "CreatePolicy")] = Administer,
        [Method(BalanceService.Descriptor, "GetPolicy")] = Read,
        [Method(BalanceService.Descriptor, "ListPolicies")] = Read,
        [Method(BalanceService.Descriptor, "UpdatePolicy")] = Administer,
        [Method(BalanceService.Descriptor, "DeletePolicy")] = Administer,
        [Method(BalanceService.Descriptor, "CheckPanelBalance")] = Read,
        [Method(BalanceService.Descriptor, "SuggestPanelists")] = new(Need.Editor, (m, c) => Organizer.Owns(c, ((SuggestPanelistsRequest)m).Session)),
        [Method(BalanceService.Descriptor, "ListSessionBalances")] = Read,

        [Method(ReportService.Descriptor, "GetSessionDiversity")] = Public,
        [Method(ReportService.Descriptor, "GetMeetingDiversity")] = Public,
        [Method(ReportService.Descriptor, "CompareMeetings")] = Public,

        [Method(KeyService.Descriptor, "CreateApiKey")] = Administer,
        [Method(KeyService.Descriptor, "GetApiKey")] = Administer,
        [Method(KeyService.Descriptor, "ListApiKeys")] = Administer,
        [Method(KeyService.Descriptor, "RevokeApiKey")] = Administer,

        [Method(AuditService.Descriptor, "ListAuditEvents")] = Administer,

        [Method(AdminService.Descriptor, "CreateBackup")] = Administer,
    };

    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        $"/{service.FullName}/{service.FindMethodByName(method)?.Name ?? throw new InvalidOperationException($"{service.FullName} has no method {method}.")}";

    /// <summary>What an organiser key may do beyond a viewer's: its own sessions, nothing else.</summary>
    private static class Organizer
    {
        public static bool Owns(Caller caller, string? sessionName) =>
            ResourceName.TryParse<SessionName>(sessionName, out var session) && caller.OwnsSession(session);

        // Checking people in at the door of a meeting the key works in, and nothing else of the registration.
        public static bool MayCheckIn(UpdateRegistrationRequest request, Caller caller) =>
            request.UpdateMask?.Paths is [ "check_in_time" ]
            && ResourceName.TryParse<RegistrationName>(request.Registration?.Name, out var registration)
            && (caller.Meetings.Contains(registration.Meeting) || caller.Sessions.Any(s => s.MeetingId == registration.MeetingId));

        public static bool OwnsSeat(Caller caller, string? participantName) =>
            ResourceName.TryParse<ParticipantName>(participantName, out var seat) && caller.OwnsSession(seat.Session);

        // A new session in one of the key's meetings, and only as a proposal.
        public static bool MayCreateSession(CreateSessionRequest request, Caller caller) =>
            ResourceName.TryParse<MeetingName>(request.Parent, out var meeting)
            && caller.Meetings.Contains(meeting)
            && request.Session?.State is null or SessionState.Unspecified or SessionState.Proposed;

        // Every item a new proposal in one of the key's meetings: an item's parent, or the batch's when it has none.
        public static bool MayCreateSessions(BatchCreateSessionsRequest request, Caller caller) =>
            MayCreateSession(new CreateSessionRequest { Parent = request.Parent }, caller)
            && request.Requests.All(item => MayCreateSession(
                new CreateSessionRequest { Parent = item.Parent.Length > 0 ? item.Parent : request.Parent, Session = item.Session }, caller));

        // Every seat in one of the key's own sessions: an item's parent, or the batch's when it has none
        // (the batch's `sessions/-` names none of them; its items must then name theirs).
        public static bool OwnsEverySeat(BatchCreateParticipantsRequest request, Caller caller) =>
            (Owns(caller, request.Parent) || (ResourceName.TryParse<SessionName>(request.Parent, out var batch) && batch.IsWildcard))
            && request.Requests.All(item => Owns(caller, item.Parent.Length > 0 ? item.Parent : request.Parent));

        // The key's own session, leaving its state alone: accepting, scheduling and holding are the secretariat's.
        public static bool MayUpdateSession(UpdateSessionRequest request, Caller caller)
        {
            var paths = request.UpdateMask?.Paths ?? [];
            var touchesState = paths.Count == 0
                ? request.Session?.State is not (null or SessionState.Unspecified)
                : paths.Any(p => p is "*" or "state");
            return !touchesState && Owns(caller, request.Session?.Name);
        }
    }
}
