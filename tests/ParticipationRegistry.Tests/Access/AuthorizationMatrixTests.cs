using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Microsoft.AspNetCore.Routing;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Access;

/// <summary>
/// Every method of every service served, called over real gRPC with every role: a role that may not
/// call a method is refused before it runs, a role that may is not, and a method without a rule fails.
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private enum Caller { Anonymous, Viewer, Organizer, Editor, Admin }

    private static readonly Caller[] Everyone = [Caller.Anonymous, Caller.Viewer, Caller.Organizer, Caller.Editor, Caller.Admin];
    private static readonly Caller[] AnyKey = [Caller.Viewer, Caller.Organizer, Caller.Editor, Caller.Admin];
    private static readonly Caller[] OwnSession = [Caller.Organizer, Caller.Editor, Caller.Admin];
    private static readonly Caller[] Staff = [Caller.Editor, Caller.Admin];
    private static readonly Caller[] AdminOnly = [Caller.Admin];

    // Written out here, not read from AccessRules: this is what the issue's role table says.
    private static readonly Dictionary<string, Caller[]> Expected = new()
    {
        ["grpc.health.v1.Health/Check"] = Everyone,
        ["grpc.health.v1.Health/Watch"] = Everyone,
        ["grpc.health.v1.Health/List"] = Everyone,
        ["grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo"] = Everyone,
        ["grpc.reflection.v1.ServerReflection/ServerReflectionInfo"] = Everyone,
        ["StakeholderService/CreateStakeholder"] = Staff,
        ["StakeholderService/GetStakeholder"] = AnyKey,
        ["StakeholderService/ListStakeholders"] = AnyKey,
        ["StakeholderService/UpdateStakeholder"] = Staff,
        ["StakeholderService/DeleteStakeholder"] = Staff,
        ["StakeholderService/BatchCreateStakeholders"] = Staff,
        ["StakeholderService/EraseStakeholder"] = AdminOnly,
        ["StakeholderService/ExportStakeholderData"] = AdminOnly,
        ["StakeholderService/CreateDeclarationLink"] = OwnSession,
        ["StakeholderService/CreateDeclarationLinks"] = OwnSession,
        ["StakeholderService/CreateOrganization"] = Staff,
        ["StakeholderService/GetOrganization"] = AnyKey,
        ["StakeholderService/ListOrganizations"] = AnyKey,
        ["StakeholderService/UpdateOrganization"] = Staff,
        ["StakeholderService/DeleteOrganization"] = Staff,
        ["StakeholderService/SearchStakeholders"] = AnyKey,
        ["StakeholderService/ListDuplicateCandidates"] = Staff,
        ["StakeholderService/MarkNotDuplicate"] = Staff,
        ["StakeholderService/FindDuplicateCandidates"] = Staff,
        ["StakeholderService/MergeStakeholders"] = Staff,
        ["StakeholderService/UnmergeStakeholder"] = Staff,
        ["MeetingService/CreateForum"] = Staff,
        ["MeetingService/GetForum"] = AnyKey,
        ["MeetingService/ListForums"] = AnyKey,
        ["MeetingService/UpdateForum"] = Staff,
        ["MeetingService/DeleteForum"] = Staff,
        ["MeetingService/CreateMeeting"] = Staff,
        ["MeetingService/GetMeeting"] = AnyKey,
        ["MeetingService/ListMeetings"] = AnyKey,
        ["MeetingService/UpdateMeeting"] = Staff,
        ["MeetingService/DeleteMeeting"] = Staff,
        ["MeetingService/CreateSession"] = OwnSession,
        ["MeetingService/BatchCreateSessions"] = OwnSession,
        ["MeetingService/GetSession"] = AnyKey,
        ["MeetingService/ListSessions"] = AnyKey,
        ["MeetingService/UpdateSession"] = OwnSession,
        ["MeetingService/DeleteSession"] = OwnSession,
        ["MeetingService/CreateParticipant"] = OwnSession,
        ["MeetingService/BatchCreateParticipants"] = OwnSession,
        ["MeetingService/GetParticipant"] = AnyKey,
        ["MeetingService/ListParticipants"] = AnyKey,
        ["MeetingService/UpdateParticipant"] = OwnSession,
        ["MeetingService/DeleteParticipant"] = OwnSession,
        ["MeetingService/CreateRegistration"] = Staff,
        ["MeetingService/BatchCreateRegistrations"] = Staff,
        ["MeetingService/GetRegistration"] = AnyKey,
        ["MeetingService/ListRegistrations"] = AnyKey,
        ["MeetingService/UpdateRegistration"] = OwnSession,
        ["MeetingService/DeleteRegistration"] = Staff,
        ["BalanceService/CreatePolicy"] = AdminOnly,
        ["BalanceService/GetPolicy"] = AnyKey,
        ["BalanceService/ListPolicies"] = AnyKey,
        ["BalanceService/UpdatePolicy"] = AdminOnly,
        ["BalanceService/DeletePolicy"] = AdminOnly,
        ["BalanceService/CheckPanelBalance"] = AnyKey,
        ["BalanceService/SuggestPanelists"] = OwnSession,
        ["BalanceService/ListSessionBalances"] = AnyKey,
        ["ReportService/GetSessionDiversity"] = Everyone,
        ["ReportService/GetMeetingDiversity"] = Everyone,
        ["ReportService/CompareMeetings"] = Everyone,
        ["KeyService/CreateApiKey"] = AdminOnly,
        ["KeyService/GetApiKey"] = AdminOnly,
        ["KeyService/ListApiKeys"] = AdminOnly,
        ["KeyService/RevokeApiKey"] = AdminOnly,
        ["AuditService/ListAuditEvents"] = AdminOnly,
        ["AdminService/CreateBackup"] = AdminOnly,
    };

    private static readonly ServiceDescriptor[] RegistryServices =
    [
        StakeholderService.Descriptor, MeetingService.Descriptor, BalanceService.Descriptor,
        ReportService.Descriptor, KeyService.Descriptor, AuditService.Descriptor, AdminService.Descriptor,
    ];

    [Fact]
    public async Task Every_method_answers_every_role_as_the_role_table_says()
    {
        await using var registry = await TestRegistry.StartAsync();
        var world = await OrganizerWorld.ArrangeAsync(registry);
        var methods = Methods(registry);
        Assert.Empty(methods.Where(m => !AccessRules.ByMethod.ContainsKey(m.FullName)).Select(m => m.FullName));
        Assert.Empty(methods.Where(m => !Expected.ContainsKey(ShortName(m.FullName))).Select(m => m.FullName));

        var failures = new List<string>();
        foreach (var caller in Everyone)
        {
            var secret = caller switch
            {
                Caller.Anonymous => null,
                Caller.Viewer => await registry.CreateKeyAsync(Role.Viewer),
                Caller.Organizer => world.OrganizerSecret,
                Caller.Editor => await registry.CreateKeyAsync(Role.Editor),
                _ => TestRegistry.AdminSecret,
            };
            var before = caller is Caller.Anonymous or Caller.Viewer ? await Snapshot(registry) : null;
            var invoker = registry.ChannelFor(secret).CreateCallInvoker();
            foreach (var method in methods)
            {
                var (code, reason) = await CallAsync(invoker, method, world.RequestFor(ShortName(method.FullName)));
                var allowed = Expected[ShortName(method.FullName)].Contains(caller);
                var refusal = caller == Caller.Anonymous ? StatusCode.Unauthenticated : StatusCode.PermissionDenied;
                if (allowed ? code is StatusCode.Unauthenticated or StatusCode.PermissionDenied : code != refusal || reason != ProtoName(refusal))
                {
                    failures.Add($"{caller} {method.FullName}: {code} {reason} (expected {(allowed ? "to be let through" : refusal)})");
                }
            }

            if (before is not null)
            {
                Assert.Equal(before, await Snapshot(registry));
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task Every_method_of_every_registry_service_is_served_and_has_a_rule()
    {
        await using var registry = await TestRegistry.StartAsync();
        var served = Methods(registry).Select(m => m.FullName).ToHashSet();
        foreach (var method in RegistryServices.SelectMany(s => s.Methods))
        {
            var name = $"/{method.Service.FullName}/{method.Name}";
            Assert.True(AccessRules.ByMethod.ContainsKey(name), $"{name} has no access rule");
            Assert.True(Expected.ContainsKey(ShortName(name)), $"{name} is missing from the role table of this test");
            // AuditService is implemented on another branch; everything else must be served.
            Assert.True(served.Contains(name) || method.Service == AuditService.Descriptor, $"{name} is not served");
        }
    }

    // What the server maps (a method it does not serve answers UNIMPLEMENTED before any interceptor runs).
    private static List<IMethod> Methods(TestRegistry registry) =>
        ((IEndpointRouteBuilder)registry.App).DataSources
            .SelectMany(source => source.Endpoints)
            .Select(endpoint => endpoint.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method)
            .OfType<IMethod>()
            .Where(method => !method.FullName.Contains('{', StringComparison.Ordinal))
            .DistinctBy(method => method.FullName)
            .OrderBy(method => method.FullName, StringComparer.Ordinal)
            .ToList();

    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static string ShortName(string fullName) =>
        fullName.TrimStart('/').Replace("participation.registry.v1.", "", StringComparison.Ordinal);

    private static string ProtoName(StatusCode code) => code == StatusCode.Unauthenticated ? "UNAUTHENTICATED" : "PERMISSION_DENIED";

    /// <summary>Calls a method with raw request bytes; the status code and ErrorInfo reason it answered (OK when it answered a message).</summary>
    private static async Task<(StatusCode Code, string? Reason)> CallAsync(CallInvoker invoker, IMethod method, IMessage? request)
    {
        var generic = new Method<byte[], byte[]>(method.Type, method.ServiceName, method.Name, Bytes, Bytes);
        var bytes = request?.ToByteArray() ?? [];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var options = new CallOptions(cancellationToken: timeout.Token);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(generic, null, options, bytes);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(generic, null, options, bytes))
                    {
                        await call.ResponseStream.MoveNext(timeout.Token);
                    }

                    break;
                default:
                    using (var call = invoker.AsyncDuplexStreamingCall(generic, null, options))
                    {
                        await call.RequestStream.WriteAsync(bytes);
                        await call.RequestStream.CompleteAsync();
                        await call.ResponseStream.MoveNext(timeout.Token);
                    }

                    break;
            }

            return (StatusCode.OK, null);
        }
        catch (RpcException e)
        {
            return (e.StatusCode, e.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason);
        }
    }

    /// <summary>What a refused call must not change: stakeholders, organisations, meetings, sessions, seats, registrations, policies and keys.</summary>
    private static async Task<string> Snapshot(TestRegistry registry)
    {
        var meetings = registry.Meetings;
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        var keys = await new KeyService.KeyServiceClient(registry.Channel).ListApiKeysAsync(new ListApiKeysRequest { PageSize = 1000 });
        foreach (var key in keys.ApiKeys)
        {
            key.LastUseTime = null; // using a key is not a change
        }

        var parts = new IMessage[]
        {
            await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 1000 }),
            await registry.Stakeholders.ListOrganizationsAsync(new ListOrganizationsRequest { PageSize = 1000 }),
            await meetings.ListMeetingsAsync(new ListMeetingsRequest { PageSize = 1000 }),
            await meetings.ListSessionsAsync(new ListSessionsRequest { Parent = "meetings/igf-2012", PageSize = 1000 }),
            await meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = "meetings/igf-2012/sessions/-", PageSize = 1000 }),
            await meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = "meetings/igf-2012", PageSize = 1000 }),
            await balance.ListPoliciesAsync(new ListPoliciesRequest { PageSize = 1000 }),
            keys,
        };
        return string.Join("\n", parts.Select(p => p.ToString()));
    }

    /// <summary>A meeting, an organiser key over two of its sessions, and requests that are valid for that key.</summary>
    private sealed record OrganizerWorld(string OrganizerSecret, Dictionary<string, IMessage> Requests)
    {
        public IMessage? RequestFor(string method) => Requests.GetValueOrDefault(method);

        public static async Task<OrganizerWorld> ArrangeAsync(TestRegistry registry)
        {
            var meeting = await registry.MeetingAsync("igf-2012");
            var own = await registry.SessionAsync(meeting.Name, "ws-85");
            var spare = await registry.SessionAsync(meeting.Name, "ws-86");
            var person = await registry.StakeholderAsync();
            var other = await registry.StakeholderAsync("Parminder J. Singh");
            var seat = await registry.SeatAsync(own.Name, person.Name);
            await registry.SeatAsync(own.Name, other.Name);
            var organization = await registry.OrganizationAsync();
            var registration = await registry.RegistrationAsync(meeting.Name, person.Name);
            var secret = await registry.CreateKeyAsync(Role.Organizer, [own.Name, spare.Name], [meeting.Name]);
            var spareKey = (await new KeyService.KeyServiceClient(registry.Channel).CreateApiKeyAsync(
                new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer, DisplayName = "to revoke" } })).ApiKey;
            var requests = new Dictionary<string, IMessage>
            {
                ["StakeholderService/CreateStakeholder"] = new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "Anriette Esterhuysen" } },
                ["StakeholderService/DeleteStakeholder"] = new DeleteStakeholderRequest { Name = person.Name },
                ["StakeholderService/EraseStakeholder"] = new EraseStakeholderRequest { Name = person.Name },
                ["StakeholderService/CreateDeclarationLink"] = new CreateDeclarationLinkRequest { Stakeholder = person.Name },
                ["StakeholderService/CreateDeclarationLinks"] = new CreateDeclarationLinksRequest { Parent = own.Name },
                ["StakeholderService/DeleteOrganization"] = new DeleteOrganizationRequest { Name = organization.Name },
                ["StakeholderService/SearchStakeholders"] = new SearchStakeholdersRequest { Query = "parminder" },
                ["StakeholderService/MarkNotDuplicate"] = new MarkNotDuplicateRequest { Name = person.Name, Other = other.Name },
                ["StakeholderService/FindDuplicateCandidates"] = new FindDuplicateCandidatesRequest { Stakeholders = { new Stakeholder { DisplayName = "Parminder Singh" } } },
                // Refused for its seat conflict by those let through: the matrix's later requests still find the person.
                ["StakeholderService/MergeStakeholders"] = new MergeStakeholdersRequest { Primary = other.Name, Duplicates = { person.Name } },
                // Refused as no merged name by those let through.
                ["StakeholderService/UnmergeStakeholder"] = new UnmergeStakeholderRequest { Name = person.Name },
                ["MeetingService/CreateMeeting"] = new CreateMeetingRequest { MeetingId = "igf-2013", Meeting = new Meeting { DisplayName = "IGF 2013", Forum = "IGF" } },
                ["MeetingService/DeleteMeeting"] = new DeleteMeetingRequest { Name = meeting.Name, Force = true },
                ["MeetingService/CreateSession"] = new CreateSessionRequest { Parent = meeting.Name, Session = new Session { DisplayName = "Proposed", Kind = SessionKind.Workshop } },
                ["MeetingService/UpdateSession"] = new UpdateSessionRequest
                {
                    Session = new Session { Name = own.Name, DisplayName = "Quo Vadis IGF?" },
                    UpdateMask = new FieldMask { Paths = { "display_name" } },
                },
                ["MeetingService/DeleteSession"] = new DeleteSessionRequest { Name = spare.Name },
                ["MeetingService/CreateParticipant"] = new CreateParticipantRequest { Parent = own.Name, Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Moderator } },
                ["MeetingService/BatchCreateSessions"] = new BatchCreateSessionsRequest
                {
                    Parent = meeting.Name,
                    Requests = { new CreateSessionRequest { Session = new Session { DisplayName = "Proposed in a batch", Kind = SessionKind.Workshop } } },
                },
                ["MeetingService/BatchCreateParticipants"] = new BatchCreateParticipantsRequest
                {
                    Parent = own.Name,
                    Requests = { new CreateParticipantRequest { Participant = new Participant { Stakeholder = person.Name, Role = ParticipantRole.Rapporteur } } },
                },
                ["MeetingService/BatchCreateRegistrations"] = new BatchCreateRegistrationsRequest
                {
                    Parent = meeting.Name,
                    Requests = { new CreateRegistrationRequest { Registration = new Registration { Stakeholder = person.Name } } },
                },
                ["MeetingService/UpdateParticipant"] = new UpdateParticipantRequest
                {
                    Participant = new Participant { Name = seat.Name, Confirmation = Confirmation.Confirmed },
                    UpdateMask = new FieldMask { Paths = { "confirmation" } },
                },
                ["MeetingService/DeleteParticipant"] = new DeleteParticipantRequest { Name = seat.Name },
                ["MeetingService/UpdateRegistration"] = new UpdateRegistrationRequest
                {
                    Registration = new Registration { Name = registration.Name, CheckInTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow) },
                    UpdateMask = new FieldMask { Paths = { "check_in_time" } },
                },
                ["MeetingService/DeleteRegistration"] = new DeleteRegistrationRequest { Name = registration.Name },
                ["BalanceService/SuggestPanelists"] = new SuggestPanelistsRequest { Session = own.Name },
                ["BalanceService/DeletePolicy"] = new DeletePolicyRequest { Name = "policies/multistakeholder-balance" },
                ["KeyService/CreateApiKey"] = new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Admin } },
                ["KeyService/RevokeApiKey"] = new RevokeApiKeyRequest { Name = spareKey.Name },
                ["AdminService/CreateBackup"] = new CreateBackupRequest { BackupId = "matrix" },
            };
            return new OrganizerWorld(secret, requests);
        }
    }
}
