using Google.Protobuf;
using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>
/// The batch creates (for imports): 1 to <see cref="MaxBatch"/> items of one meeting, each checked by
/// the single create's own rules (paths under <c>requests[i]</c>) before anything is written, then
/// written all or none in one unit of work; a batch request_id replays the first reply.
/// </summary>
public sealed partial class MeetingGrpcService
{
    public const int MaxBatch = StakeholderGrpcService.MaxBatch;

    public override async Task<BatchCreateSessionsResponse> BatchCreateSessions(BatchCreateSessionsRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var rows = new List<SessionRow>();
        foreach (var (item, i, at) in Items(request.Requests, r => r.RequestId, violations))
        {
            if (item.Parent.Length > 0 && (!ResourceName.TryParse<MeetingName>(item.Parent, out var named) || named != parent))
            {
                at.Add("parent", $"Must be empty or the batch's parent, {parent}.");
            }

            rows.Add(NewSession(item, parent, at));
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(BatchCreateSessions));
        violations.ThrowIfAny();
        var created = await store.CreateSessionsAsync(parent, rows, claim, r => SessionsReply(r).ToByteArray());
        return created.Response(SessionsReply, BatchCreateSessionsResponse.Parser);
    }

    public override async Task<BatchCreateParticipantsResponse> BatchCreateParticipants(BatchCreateParticipantsRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = SessionNamed(request.Parent, "parent", allowWildcard: true);
        var items = new List<(Participant Participant, SessionName Session)>();
        foreach (var (item, _, at) in Items(request.Requests, r => r.RequestId, violations))
        {
            var session = ItemSession(item.Parent, parent, at);
            items.Add((ValidParticipant(item, at), session));
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(BatchCreateParticipants));
        violations.ThrowIfAny();
        var rows = items.Select(i => NewParticipant(i.Participant, i.Session)).ToList();
        var created = await store.CreateParticipantsAsync(parent, rows, claim, r => ParticipantsReply(r).ToByteArray());
        return created.Response(ParticipantsReply, BatchCreateParticipantsResponse.Parser);
    }

    public override async Task<BatchCreateRegistrationsResponse> BatchCreateRegistrations(BatchCreateRegistrationsRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var parent = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var registrations = new List<Registration>();
        foreach (var (item, _, at) in Items(request.Requests, r => r.RequestId, violations))
        {
            if (item.Parent.Length > 0 && (!ResourceName.TryParse<MeetingName>(item.Parent, out var named) || named != parent))
            {
                at.Add("parent", $"Must be empty or the batch's parent, {parent}.");
            }

            registrations.Add(ValidRegistration(item, at));
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(BatchCreateRegistrations));
        violations.ThrowIfAny();
        var rows = registrations.Select(r => NewRegistration(r, parent)).ToList();
        var created = await store.CreateRegistrationsAsync(parent, rows, claim, r => RegistrationsReply(r).ToByteArray());
        return created.Response(RegistrationsReply, BatchCreateRegistrationsResponse.Parser);
    }

    private static BatchCreateSessionsResponse SessionsReply(IReadOnlyList<SessionRow> rows) => new() { Sessions = { rows.Select(MeetingRules.ToProto) } };

    private static BatchCreateParticipantsResponse ParticipantsReply(IReadOnlyList<ParticipantRow> rows) => new() { Participants = { rows.Select(MeetingRules.ToProto) } };

    private static BatchCreateRegistrationsResponse RegistrationsReply(IReadOnlyList<RegistrationRow> rows) => new() { Registrations = { rows.Select(MeetingRules.ToProto) } };

    /// <summary>
    /// The items of a batch with their index and a view of <paramref name="violations"/> under
    /// <c>requests[i]</c>; a count outside 1..<see cref="MaxBatch"/> and an item's own request_id are violations.
    /// </summary>
    private static IEnumerable<(T Item, int Index, Violations At)> Items<T>(IReadOnlyList<T> items, Func<T, string> requestId, Violations violations)
    {
        if (items.Count == 0)
        {
            violations.Add("requests", $"Give 1 to {MaxBatch} requests.");
        }
        else if (items.Count > MaxBatch)
        {
            violations.Add("requests", $"At most {MaxBatch} requests per call; {items.Count} were given.");
        }

        for (var i = 0; i < items.Count && i < MaxBatch; i++)
        {
            var at = violations.At($"requests[{i}]");
            if (requestId(items[i]).Length > 0)
            {
                at.Add("request_id", "Set request_id on the batch, not on its items.");
            }

            yield return (items[i], i, at);
        }
    }

    /// <summary>The session an item's seat goes in: its own parent, which must lie within the batch's; the batch's when it names one session and the item none.</summary>
    private static SessionName ItemSession(string itemParent, SessionName batch, Violations at)
    {
        if (itemParent.Length == 0)
        {
            if (batch.IsWildcard)
            {
                at.Add("parent", $"Required when the batch's parent is {batch}: name a session of {batch.Meeting}.");
            }

            return batch;
        }

        if (!ResourceName.TryParse<SessionName>(itemParent, out var named) || named.IsWildcard || named.MeetingId != batch.MeetingId
            || (!batch.IsWildcard && named != batch))
        {
            at.Add("parent", batch.IsWildcard ? $"Must name a session of {batch.Meeting}." : $"Must be empty or the batch's parent, {batch}.");
            return batch;
        }

        return named;
    }

    // Shared by the single and the batch creates: the same rules, paths relative to `at`.

    private static SessionRow NewSession(CreateSessionRequest request, MeetingName parent, Violations at)
    {
        var session = Required(request.Session, "session", at);
        var all = MeetingRules.UpdatableSessionFields.ToHashSet();
        MeetingRules.Validate(session, all, creating: true, at.At("session"));
        var row = MeetingRules.Apply(session, all, new SessionRow { MeetingId = parent.MeetingId, Id = ChosenId(request.SessionId, "session_id", at) });
        MeetingRules.ValidateCombined(row, at.At("session"));
        return row;
    }

    private static readonly IReadOnlySet<string> NewParticipantFields = MeetingRules.UpdatableParticipantFields.Append("stakeholder").ToHashSet();

    private static readonly IReadOnlySet<string> NewRegistrationFields = MeetingRules.UpdatableRegistrationFields.Append("stakeholder").ToHashSet();

    private static Participant ValidParticipant(CreateParticipantRequest request, Violations at)
    {
        var participant = Required(request.Participant, "participant", at);
        MeetingRules.Validate(participant, NewParticipantFields, at.At("participant"));
        return participant;
    }

    /// <summary>Only once <see cref="ValidParticipant"/> found nothing wrong.</summary>
    private static ParticipantRow NewParticipant(Participant participant, SessionName session) =>
        MeetingRules.Apply(participant, NewParticipantFields, new ParticipantRow { MeetingId = session.MeetingId, SessionId = session.SessionId });

    private static Registration ValidRegistration(CreateRegistrationRequest request, Violations at)
    {
        var registration = Required(request.Registration, "registration", at);
        MeetingRules.Validate(registration, NewRegistrationFields, at.At("registration"));
        return registration;
    }

    /// <summary>Only once <see cref="ValidRegistration"/> found nothing wrong.</summary>
    private static RegistrationRow NewRegistration(Registration registration, MeetingName meeting) =>
        MeetingRules.Apply(registration, NewRegistrationFields, new RegistrationRow { MeetingId = meeting.MeetingId });
}
