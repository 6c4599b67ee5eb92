using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Audit;

/// <summary>AuditService: reads the trail (admin only, see AccessRules); nothing edits it.</summary>
public sealed class AuditGrpcService(AuditTrail trail, Lists lists) : AuditService.AuditServiceBase
{
    private static readonly ListSpec EventList = new(
        "auditEvents",
        [
            FilterField.Text("resource", "resource", value => value, "a resource name, e.g. \"stakeholders/{stakeholder}\""),
            FilterField.Text("api_key", "key_id", value => ResourceName.TryParse<ApiKeyName>(value, out var key) ? key.ApiKeyId : null, "a key name, \"apiKeys/{api_key}\""),
            FilterField.Enum<AuditAction>("action", "action"),
        ],
        new Dictionary<string, string> { ["time"] = "time" },
        "time");

    public override Task<ListAuditEventsResponse> ListAuditEvents(ListAuditEventsRequest request, ServerCallContext context)
    {
        var start = Times.ToText(request.StartTime);
        var end = Times.ToText(request.EndTime);
        if (start.Length > 0 && end.Length > 0 && string.CompareOrdinal(start, end) >= 0)
        {
            throw RegistryException.InvalidArgument("end_time", "Must be after start_time.");
        }

        // The time window is part of the query a page token is bound to.
        var events = lists.Page(EventList, $"{start}..{end}", (request.PageSize, request.PageToken, request.Filter, ""), query => trail.List(query, start, end), AuditTrail.ToProto);
        return Task.FromResult(new ListAuditEventsResponse { AuditEvents = { events.Items }, NextPageToken = events.NextPageToken });
    }
}
