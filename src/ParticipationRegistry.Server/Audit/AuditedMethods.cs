using Google.Protobuf;
using Google.Protobuf.Reflection;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Audit;

/// <summary>
/// Which calls the audit trail records. A method whose name starts with one of <see cref="WriteVerbs"/>
/// is a mutation: every successful one is recorded. Every other method must be listed in
/// <see cref="Reads"/> (the tests enumerate every method of every service), and the few that can read
/// personal data say when they do in <see cref="PersonalReadOf"/>.
/// </summary>
public static class AuditedMethods
{
    public static readonly IReadOnlyList<string> WriteVerbs = ["BatchCreate", "Create", "Update", "Delete", "Revoke", "Erase", "Merge", "Unmerge", "Mark"];

    /// <summary>Every method that changes nothing.</summary>
    public static readonly IReadOnlySet<string> Reads = new HashSet<string>
    {
        "/grpc.health.v1.Health/Check",
        "/grpc.health.v1.Health/Watch",
        "/grpc.health.v1.Health/List",
        "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
        "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
        Method(StakeholderService.Descriptor, "GetStakeholder"),
        Method(StakeholderService.Descriptor, "ListStakeholders"),
        Method(StakeholderService.Descriptor, "ExportStakeholderData"),
        Method(StakeholderService.Descriptor, "GetOrganization"),
        Method(StakeholderService.Descriptor, "ListOrganizations"),
        Method(StakeholderService.Descriptor, "SearchStakeholders"),
        Method(StakeholderService.Descriptor, "ListDuplicateCandidates"),
        Method(StakeholderService.Descriptor, "FindDuplicateCandidates"),
        Method(MeetingService.Descriptor, "GetForum"),
        Method(MeetingService.Descriptor, "ListForums"),
        Method(MeetingService.Descriptor, "GetMeeting"),
        Method(MeetingService.Descriptor, "ListMeetings"),
        Method(MeetingService.Descriptor, "GetSession"),
        Method(MeetingService.Descriptor, "ListSessions"),
        Method(MeetingService.Descriptor, "GetParticipant"),
        Method(MeetingService.Descriptor, "ListParticipants"),
        Method(MeetingService.Descriptor, "GetRegistration"),
        Method(MeetingService.Descriptor, "ListRegistrations"),
        Method(BalanceService.Descriptor, "GetPolicy"),
        Method(BalanceService.Descriptor, "ListPolicies"),
        Method(BalanceService.Descriptor, "CheckPanelBalance"),
        Method(BalanceService.Descriptor, "SuggestPanelists"),
        Method(BalanceService.Descriptor, "ListSessionBalances"),
        Method(ReportService.Descriptor, "GetSessionDiversity"),
        Method(ReportService.Descriptor, "GetMeetingDiversity"),
        Method(ReportService.Descriptor, "CompareMeetings"),
        Method(KeyService.Descriptor, "GetApiKey"),
        Method(KeyService.Descriptor, "ListApiKeys"),
        Method(AuditService.Descriptor, "ListAuditEvents"),
    };

    private static readonly string[] PersonalStakeholderFields = ["gender", "attributes", "email"];
    private static readonly string[] PersonalReportFields = ["include_personal_data"];

    public static bool IsWrite(string method) =>
        method.LastIndexOf('/') is var slash and >= 0 && WriteVerbs.Any(verb => method.AsSpan(slash + 1).StartsWith(verb, StringComparison.Ordinal));

    /// <summary>The events a successful call appends: one for a mutation, one per resource read for a read of personal data, none otherwise.</summary>
    public static IReadOnlyList<AuditRecord> EventsOf(string method, IMessage request, IMessage response, IDictionary<object, object>? callState = null)
    {
        if (request is MergeStakeholdersRequest merge)
        {
            return MergeEvents(method, merge);
        }

        if (IsWrite(method))
        {
            var verb = method[(method.LastIndexOf('/') + 1)..];
            // An unmerge changes whether the old name is merged, as a merge records it.
            var written = request is UnmergeStakeholderRequest unmerge
                ? new AuditRecord(method, unmerge.Name, ["merged_into"], AuditAction.Write)
                : WriteEvent(method, verb, request, response);
            return callState?.TryGetValue(AlsoAboutKey, out var also) is true && also is List<AuditRecord> others ? [written, .. others] : [written];
        }

        return PersonalReadOf(request) is { } read
            ? read.Resources.Select(resource => new AuditRecord(method, resource, read.Fields, AuditAction.PersonalDataRead)).ToList()
            : [];
    }

    private const string AlsoAboutKey = "participation.registry.audit.also_about";

    /// <summary>
    /// Records the successful write about <paramref name="resource"/> too (with <paramref name="fields"/>): for a write
    /// that changes a resource its request does not name, which the service learns only while it runs.
    /// </summary>
    public static void AlsoAbout(Grpc.Core.ServerCallContext context, string resource, IReadOnlyList<string> fields)
    {
        if (!context.UserState.TryGetValue(AlsoAboutKey, out var records))
        {
            context.UserState[AlsoAboutKey] = records = new List<AuditRecord>();
        }

        ((List<AuditRecord>)records).Add(new AuditRecord(context.Method, resource, fields, AuditAction.Write));
    }

    /// <summary>
    /// A merge is recorded about every person in it, so each one's history (and ExportStakeholderData) shows it: the primary
    /// with `duplicates` and the fields taken from the request, each duplicate with `merged_into` (GetStakeholder of its name
    /// returns the primary).
    /// </summary>
    private static List<AuditRecord> MergeEvents(string method, MergeStakeholdersRequest merge) =>
    [
        new(method, merge.Primary, ["duplicates", .. merge.UpdateMask?.Paths ?? []], AuditAction.Write),
        .. merge.Duplicates.Distinct().Select(d => new AuditRecord(method, d, ["merged_into"], AuditAction.Write)),
    ];

    /// <summary>The resources and fields of personal data a read request asks for, or null when it asks for none.</summary>
    public static (IReadOnlyList<string> Resources, IReadOnlyList<string> Fields)? PersonalReadOf(IMessage request) => request switch
    {
        GetStakeholderRequest { View: StakeholderView.Full } get => ([get.Name], PersonalStakeholderFields),
        ListStakeholdersRequest { View: StakeholderView.Full } => (["stakeholders"], PersonalStakeholderFields),
        // Finding people by an address reads the addresses (only callers with rights over everyone match them).
        SearchStakeholdersRequest search when search.Query.Contains('@', StringComparison.Ordinal) => (["stakeholders"], ["email"]),
        // Comparing proposed people's emails with everyone's reads the addresses, as a search by one does.
        FindDuplicateCandidatesRequest find when find.Stakeholders.Any(s => s.Email.Length > 0) => (["stakeholders"], ["email"]),
        GetSessionDiversityRequest { Options.IncludePersonalData: true } session => ([session.Name], PersonalReportFields),
        GetMeetingDiversityRequest { Options.IncludePersonalData: true } meeting => ([meeting.Name], PersonalReportFields),
        CompareMeetingsRequest { Options.IncludePersonalData: true } compare => (compare.Names.Distinct().ToList(), PersonalReportFields),
        ExportStakeholderDataRequest export => ([export.Name], ["stakeholder", "participants", "registrations", "audit_events"]),
        _ => null,
    };

    private static AuditRecord WriteEvent(string method, string verb, IMessage request, IMessage response)
    {
        var requestId = Text(request, "request_id") is { Length: > 0 } id ? (Guid.TryParse(id, out var uuid) ? uuid.ToString("D") : id) : null;
        if (verb.StartsWith("BatchCreate", StringComparison.Ordinal))
        {
            var created = Items(response).ToList();
            var parent = Text(request, "parent") is { Length: > 0 } p ? p : Collection(created.Select(c => Text(c, "name")).FirstOrDefault() ?? "");
            var fields = Items(request).Select(ResourceOf).OfType<IMessage>().SelectMany(FieldsSet).Distinct().ToList();
            return new AuditRecord(method, parent, fields, AuditAction.Write, requestId);
        }

        if (verb.StartsWith("Create", StringComparison.Ordinal))
        {
            var resource = ResourceOf(request);
            // A declaration link names its person (`stakeholder`); a set of links, the panel or meeting (`parent`).
            var name = Text(response, "name") ?? (ResourceOf(response) is { } inner ? Text(inner, "name") : null)
                ?? Text(response, "stakeholder") ?? Text(request, "parent") ?? "";
            return new AuditRecord(method, name, resource is null ? [] : FieldsSet(resource).ToList(), AuditAction.Write, requestId);
        }

        if (verb.StartsWith("Update", StringComparison.Ordinal))
        {
            var resource = ResourceOf(request);
            var mask = request.Descriptor.FindFieldByName("update_mask")?.Accessor.GetValue(request) as Google.Protobuf.WellKnownTypes.FieldMask;
            IReadOnlyList<string> fields = mask is { Paths.Count: > 0 } ? mask.Paths.ToList() : resource is null ? [] : FieldsSet(resource).ToList();
            return new AuditRecord(method, resource is null ? "" : Text(resource, "name") ?? "", fields, AuditAction.Write);
        }

        // Delete, Revoke, Erase: the request names the resource.
        return new AuditRecord(method, Text(request, "name") ?? "", verb.StartsWith("Erase", StringComparison.Ordinal) ? PersonalData.ErasedFields : [], AuditAction.Write);
    }

    /// <summary>The names of the fields a caller set on <paramref name="message"/> (identity and etag aside): what a create or update writes.</summary>
    public static IEnumerable<string> FieldsSet(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.Name is "name" or "etag")
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            var set = field.IsRepeated || field.IsMap ? value is System.Collections.ICollection { Count: > 0 }
                : field.HasPresence ? field.Accessor.HasValue(message)
                : value switch
                {
                    string s => s.Length > 0,
                    ByteString b => !b.IsEmpty,
                    bool flag => flag,
                    null => false,
                    _ => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
                };
            if (set)
            {
                yield return field.Name;
            }
        }
    }

    // The one message field of a request or response that is a resource (has a `name`), e.g. CreateStakeholderRequest.stakeholder.
    private static IMessage? ResourceOf(IMessage message) =>
        message.Descriptor.Fields.InFieldNumberOrder()
            .Where(f => f.FieldType == FieldType.Message && !f.IsRepeated && f.MessageType.FindFieldByName("name") is not null)
            .Select(f => f.Accessor.GetValue(message) as IMessage)
            .FirstOrDefault(m => m is not null);

    // The items of a batch request or response: its one repeated message field.
    private static IEnumerable<IMessage> Items(IMessage message) =>
        message.Descriptor.Fields.InFieldNumberOrder()
            .Where(f => f.FieldType == FieldType.Message && f.IsRepeated && !f.IsMap)
            .Select(f => (System.Collections.IEnumerable)f.Accessor.GetValue(message))
            .FirstOrDefault()?.Cast<IMessage>() ?? [];

    private static string? Text(IMessage message, string field) =>
        message.Descriptor.FindFieldByName(field) is { FieldType: FieldType.String, IsRepeated: false } descriptor ? (string)descriptor.Accessor.GetValue(message) : null;

    // `stakeholders/abc` → `stakeholders`.
    private static string Collection(string name) => name.LastIndexOf('/') is var slash and > 0 ? name[..slash] : name;

    private static string Method(Google.Protobuf.Reflection.ServiceDescriptor service, string method) =>
        $"/{service.FullName}/{service.FindMethodByName(method)?.Name ?? throw new InvalidOperationException($"{service.FullName} has no method {method}.")}";
}
