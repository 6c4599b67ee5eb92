using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>MeetingService: validate, map, one store call.</summary>
public sealed partial class MeetingGrpcService(
    IMeetingStore store, MeetingRules rules, Lists lists, PersonalDataRights rights, PolicyResolver policies, CountryCatalog countries) : MeetingService.MeetingServiceBase
{
    private static readonly ListSpec MeetingList = new(
        "meetings",
        [
            FilterField.Text("forum", "forum", ForumRules.FilterValue, "a forum name, \"forums/{forum}\""),
            FilterField.Text("country_code", "country_code", c => c.ToUpperInvariant(), "an ISO 3166-1 alpha-2 code"),
        ],
        new Dictionary<string, string> { ["start_date"] = "start_date", ["display_name"] = "display_name", ["create_time"] = "create_time" },
        "start_date");

    private static readonly ListSpec SessionList = new(
        "sessions",
        [
            FilterField.Enum<SessionKind>("kind", "kind"),
            FilterField.Enum<SessionState>("state", "state"),
        ],
        new Dictionary<string, string> { ["start_time"] = "start_time", ["display_name"] = "display_name", ["create_time"] = "create_time" },
        "start_time");

    private static readonly FilterField StakeholderFilter =
        FilterField.Text("stakeholder", "stakeholder_id", NameIds.StakeholderId, "a stakeholder name, \"stakeholders/{stakeholder}\"");

    private static readonly ListSpec ParticipantList = new(
        "participants",
        [
            FilterField.Enum<ParticipantRole>("role", "role"),
            FilterField.Enum<Confirmation>("confirmation", "confirmation"),
            FilterField.Enum<Attendance>("attendance", "attendance"),
            StakeholderFilter,
        ],
        new Dictionary<string, string> { ["create_time"] = "create_time", ["display_name"] = "snap_display_name" },
        "create_time");

    private static readonly ListSpec RegistrationList = new(
        "registrations",
        [FilterField.Enum<Attendance>("attendance", "attendance"), StakeholderFilter],
        new Dictionary<string, string> { ["create_time"] = "create_time", ["display_name"] = "snap_display_name" },
        "create_time");

    // Meetings

    public override async Task<Meeting> CreateMeeting(CreateMeetingRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var meeting = Required(request.Meeting, "meeting", violations);
        var all = MeetingRules.UpdatableMeetingFields.ToHashSet();
        rules.Validate(meeting, all, violations.At("meeting"));
        var row = MeetingRules.Apply(meeting, all, new MeetingRow { Id = ChosenId(request.MeetingId, "meeting_id", violations) });
        MeetingRules.ValidateCombined(row, violations.At("meeting"));
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateMeeting));
        violations.ThrowIfAny();
        var created = await store.CreateMeetingAsync(row, claim, r => MeetingRules.ToProto(r).ToByteArray());
        return created.Response(MeetingRules.ToProto, Meeting.Parser);
    }

    public override Task<Meeting> GetMeeting(GetMeetingRequest request, ServerCallContext context) =>
        Task.FromResult(WithForumTimeZone(MeetingRules.ToProto(store.GetMeeting(ResourceName.Parse<MeetingName>(request.Name, "name"))), []));

    public override Task<ListMeetingsResponse> ListMeetings(ListMeetingsRequest request, ServerCallContext context)
    {
        var zones = new Dictionary<string, string>();
        var meetings = lists.Page(
            MeetingList, "", (request.PageSize, request.PageToken, request.Filter, request.OrderBy), store.ListMeetings, r => WithForumTimeZone(MeetingRules.ToProto(r), zones));
        return Task.FromResult(new ListMeetingsResponse { Meetings = { meetings.Items }, NextPageToken = meetings.NextPageToken });
    }

    public override async Task<Meeting> UpdateMeeting(UpdateMeetingRequest request, ServerCallContext context)
    {
        var meeting = request.Meeting ?? new Meeting();
        var name = ResourceName.Parse<MeetingName>(meeting.Name, "meeting.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, meeting, MeetingRules.UpdatableMeetingFields, "meeting", (paths, at) => rules.Validate(meeting, paths, at));
        var row = await store.UpdateMeetingAsync(name, Etags.Expected(meeting.Etag), current =>
            Checked(MeetingRules.Apply(meeting, fields, current), MeetingRules.ValidateCombined, "meeting"));
        return MeetingRules.ToProto(row);
    }

    public override Task<Empty> DeleteMeeting(DeleteMeetingRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteMeetingAsync(ResourceName.Parse<MeetingName>(request.Name, "name"), Etags.Expected(request.Etag), request.Force));

    // Sessions

    public override async Task<Session> CreateSession(CreateSessionRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var row = NewSession(request, parent, violations);
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateSession));
        violations.ThrowIfAny();
        var created = await store.CreateSessionAsync(row, claim, r => MeetingRules.ToProto(r).ToByteArray());
        return created.Response(MeetingRules.ToProto, Session.Parser);
    }

    public override Task<Session> GetSession(GetSessionRequest request, ServerCallContext context) =>
        Task.FromResult(MeetingRules.ToProto(store.GetSession(SessionNamed(request.Name, "name"))));

    public override Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var sessions = lists.Page(
            SessionList, request.Parent, (request.PageSize, request.PageToken, request.Filter, request.OrderBy), query => store.ListSessions(parent, query), MeetingRules.ToProto);
        return Task.FromResult(new ListSessionsResponse { Sessions = { sessions.Items }, NextPageToken = sessions.NextPageToken });
    }

    public override async Task<Session> UpdateSession(UpdateSessionRequest request, ServerCallContext context)
    {
        var session = request.Session ?? new Session();
        var name = SessionNamed(session.Name, "session.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, session, MeetingRules.UpdatableSessionFields, "session", (paths, at) => MeetingRules.Validate(session, paths, creating: false, at));
        var row = await store.UpdateSessionAsync(name, Etags.Expected(session.Etag), current =>
        {
            var wasHeld = current.State == (int)SessionState.Held;
            var next = Checked(MeetingRules.Apply(session, fields, current), MeetingRules.ValidateCombined, "session");
            if (wasHeld && next.State != (int)SessionState.Held)
            {
                throw RegistryException.FailedPrecondition(
                    ErrorReason.SessionHeld, name.ToString(), $"{name} was HELD; its panel is history and its state cannot change.");
            }

            return next;
        });
        return MeetingRules.ToProto(row);
    }

    public override Task<Empty> DeleteSession(DeleteSessionRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteSessionAsync(SessionNamed(request.Name, "name"), Etags.Expected(request.Etag), request.Force));

    // Participants

    public override async Task<Participant> CreateParticipant(CreateParticipantRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = SessionNamed(request.Parent, "parent");
        var participant = ValidParticipant(request, violations);
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateParticipant));
        violations.ThrowIfAny();
        var row = NewParticipant(participant, parent);
        var created = await store.CreateParticipantAsync(row, claim, r => MeetingRules.ToProto(r).ToByteArray());
        return created.Response(MeetingRules.ToProto, Participant.Parser);
    }

    public override Task<Participant> GetParticipant(GetParticipantRequest request, ServerCallContext context)
    {
        var row = store.GetParticipant(ResourceName.Parse<ParticipantName>(request.Name, "name"));
        return Task.FromResult(ShownSeat(row, context.GetCaller(), PublishedWithConsent(context.GetCaller(), row.MeetingId, [row])));
    }

    public override Task<ListParticipantsResponse> ListParticipants(ListParticipantsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var parent = SessionNamed(request.Parent, "parent", allowWildcard: true);
        if (FiltersByStakeholder(request.Filter) && (parent.IsWildcard || !rights.OverSession(caller, parent)))
        {
            // Which sessions a person sits on is what a hidden seat hides.
            rights.RequireFull(caller, "filter", "Filtering seats by stakeholder");
        }

        IReadOnlySet<string> published = new HashSet<string>();
        var participants = lists.Page(
            ParticipantList,
            request.Parent,
            (request.PageSize, request.PageToken, request.Filter, request.OrderBy),
            query =>
            {
                var page = store.ListParticipants(parent, query);
                published = PublishedWithConsent(caller, parent.MeetingId, page.Items);
                return page;
            },
            r => ShownSeat(r, caller, published));
        return Task.FromResult(new ListParticipantsResponse { Participants = { participants.Items }, NextPageToken = participants.NextPageToken });
    }

    public override async Task<Participant> UpdateParticipant(UpdateParticipantRequest request, ServerCallContext context)
    {
        var participant = request.Participant ?? new Participant();
        var name = ResourceName.Parse<ParticipantName>(participant.Name, "participant.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, participant, MeetingRules.UpdatableParticipantFields, "participant", (paths, at) => MeetingRules.Validate(participant, paths, at));
        var row = await store.UpdateParticipantAsync(name, Etags.Expected(participant.Etag), current => MeetingRules.Apply(participant, fields, current));
        return MeetingRules.ToProto(row);
    }

    public override Task<Empty> DeleteParticipant(DeleteParticipantRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteParticipantAsync(ResourceName.Parse<ParticipantName>(request.Name, "name"), Etags.Expected(request.Etag)));

    // Registrations

    public override async Task<Registration> CreateRegistration(CreateRegistrationRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var registration = ValidRegistration(request, violations);
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateRegistration));
        violations.ThrowIfAny();
        var row = NewRegistration(registration, parent);
        var created = await store.CreateRegistrationAsync(row, claim, r => MeetingRules.ToProto(r).ToByteArray());
        return created.Response(MeetingRules.ToProto, Registration.Parser);
    }

    public override Task<Registration> GetRegistration(GetRegistrationRequest request, ServerCallContext context) =>
        Task.FromResult(ShownRegistration(store.GetRegistration(ResourceName.Parse<RegistrationName>(request.Name, "name")), context.GetCaller()));

    public override Task<ListRegistrationsResponse> ListRegistrations(ListRegistrationsRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        if (FiltersByStakeholder(request.Filter))
        {
            rights.RequireFull(caller, "filter", "Filtering registrations by stakeholder");
        }

        var registrations = lists.Page(
            RegistrationList, request.Parent, (request.PageSize, request.PageToken, request.Filter, request.OrderBy), query => store.ListRegistrations(parent, query), r => ShownRegistration(r, caller));
        return Task.FromResult(new ListRegistrationsResponse { Registrations = { registrations.Items }, NextPageToken = registrations.NextPageToken });
    }

    public override async Task<Registration> UpdateRegistration(UpdateRegistrationRequest request, ServerCallContext context)
    {
        var registration = request.Registration ?? new Registration();
        var name = ResourceName.Parse<RegistrationName>(registration.Name, "registration.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, registration, MeetingRules.UpdatableRegistrationFields, "registration", (paths, at) => MeetingRules.Validate(registration, paths, at));
        var row = await store.UpdateRegistrationAsync(name, Etags.Expected(registration.Etag), current => MeetingRules.Apply(registration, fields, current));
        return MeetingRules.ToProto(row);
    }

    public override Task<Empty> DeleteRegistration(DeleteRegistrationRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteRegistrationAsync(ResourceName.Parse<RegistrationName>(request.Name, "name"), Etags.Expected(request.Etag)));

    // Disclosure

    /// <summary>The seats of <paramref name="rows"/> on the published programme with consent; not looked up for a caller who sees every name.</summary>
    private IReadOnlySet<string> PublishedWithConsent(Caller caller, string meetingId, IReadOnlyList<ParticipantRow> rows) =>
        rights.Full(caller) ? new HashSet<string>() : store.PublishedWithConsent(meetingId, rows.Select(r => r.Id).ToList());

    private Participant ShownSeat(ParticipantRow row, Caller caller, IReadOnlySet<string> publishedWithConsent)
    {
        var participant = MeetingRules.ToProto(row);
        if (!rights.NamesSeatHolder(caller, new SessionName(row.MeetingId, row.SessionId), publishedWithConsent.Contains(row.Id)))
        {
            participant.Stakeholder = "";
            Unnamed(participant.Snapshot, PersonalDataRights.UnnamedPanellist);
            participant.RedactedFields.AddRange(PersonalDataRights.SeatHolderFields);
        }

        return participant;
    }

    private Registration ShownRegistration(RegistrationRow row, Caller caller)
    {
        var registration = MeetingRules.ToProto(row);
        if (!rights.NamesRegistrants(caller))
        {
            registration.Stakeholder = "";
            Unnamed(registration.Snapshot, PersonalDataRights.UnnamedRegistrant);
            registration.RedactedFields.AddRange(PersonalDataRights.SeatHolderFields);
        }

        return registration;
    }

    /// <summary>Keeps the snapshot's stakeholder group and regional group; replaces who the person is.</summary>
    private static void Unnamed(StakeholderSnapshot snapshot, string placeholder)
    {
        snapshot.DisplayName = placeholder;
        snapshot.CountryCode = "";
        snapshot.Affiliation = "";
        snapshot.Organization = "";
    }

    private static bool FiltersByStakeholder(string filter) =>
        FilterParser.Parse(filter).Any(t => t.Field == StakeholderFilter.Name);

    // Helpers

    private static T Required<T>(T? message, string field, Violations violations)
        where T : class, IMessage<T>, new()
    {
        if (message is null)
        {
            violations.Add(field, "Required.");
        }

        return message ?? new T();
    }

    private static string ChosenId(string id, string field, Violations violations)
    {
        if (id.Length == 0)
        {
            return Ids.New();
        }

        if (!Ids.IsValidUserId(id))
        {
            violations.Add(field, Ids.UserIdRule);
        }

        return id;
    }

    /// <summary>Runs the cross-field checks on the row about to be written.</summary>
    private static T Checked<T>(T row, Action<T, Violations> check, string path)
    {
        var violations = new Violations();
        check(row, violations.At(path));
        violations.ThrowIfAny();
        return row;
    }

    /// <summary>A session name; its meeting is never the wildcard, and its session only where a list allows it.</summary>
    private static SessionName SessionNamed(string text, string field, bool allowWildcard = false)
    {
        var name = ResourceName.Parse<SessionName>(text, field);
        return name.MeetingId == SessionName.Wildcard || (name.IsWildcard && !allowWildcard)
            ? throw RegistryException.InvalidArgument(field, ResourceName.Problem<SessionName>(text))
            : name;
    }
}
