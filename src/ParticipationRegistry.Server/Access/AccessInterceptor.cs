using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Core.Interceptors;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>
/// Refuses every gRPC call its caller may not make (<see cref="AccessRules"/>), and every call about a
/// meeting outside the forums a key is limited to, before the method runs.
/// </summary>
public sealed class AccessInterceptor(IKeyStore keys, ForumScope scope) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, request as IMessage);
        var response = await continuation(request, context);
        // A session an organiser key creates becomes the key's.
        var caller = context.GetCaller();
        if (caller.Role == Role.Organizer)
        {
            IEnumerable<Session> created = response switch
            {
                Session session => [session],
                BatchCreateSessionsResponse batch => batch.Sessions,
                _ => [],
            };
            var names = created
                .Select(session => ResourceName.TryParse<SessionName>(session.Name, out var name) ? name : null)
                .OfType<SessionName>()
                .ToList();
            if (names.Count > 0)
            {
                await keys.AddSessionsAsync(caller.KeyId!, names);
            }
        }

        return response;
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, request as IMessage);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, null);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Authorize(context, null);
        return continuation(requestStream, responseStream, context);
    }

    private void Authorize(ServerCallContext context, IMessage? request)
    {
        var caller = Admit(context, request);
        if (request is not null && caller.Forums.Count > 0)
        {
            LimitToForums(caller, request);
        }
    }

    private static Caller Admit(ServerCallContext context, IMessage? request)
    {
        var http = context.GetHttpContext();
        if (http.GetCredentialProblem() is { } problem)
        {
            throw Refuse(RegistryException.Unauthenticated(problem));
        }

        var caller = http.GetCaller();
        if (!AccessRules.ByMethod.TryGetValue(context.Method, out var rule))
        {
            throw Refuse(RegistryException.PermissionDenied($"{context.Method} has no access rule, so nobody may call it."));
        }

        if (rule.Need == Need.Anyone)
        {
            return caller;
        }

        if (caller.IsAnonymous)
        {
            throw Refuse(RegistryException.Unauthenticated("This call needs an API key: send 'authorization: Bearer <secret>'."));
        }

        var allowed = rule.Need switch
        {
            Need.AnyKey => true,
            Need.Editor => caller.IsStaff || (caller.Role == Role.Organizer && request is not null && rule.Organizer?.Invoke(request, caller) == true),
            _ => caller.Role == Role.Admin,
        };
        if (!allowed)
        {
            throw Refuse(RegistryException.PermissionDenied(Denial(rule, caller)));
        }

        return caller;
    }

    // A forum-limited key: a new meeting must be in its forums, a meeting list must be filtered to one
    // of them, and every meeting a request names (top level, or one level into a message; for a batch,
    // in each of its items as in a request of its own) must be in them.
    private void LimitToForums(Caller caller, IMessage request)
    {
        var forums = ForumScope.Forums(caller);
        switch (request)
        {
            case CreateMeetingRequest create when ForumRules.Named(create.Meeting?.Forum ?? "") is not { } forum || !caller.Forums.Contains(forum):
                throw Refuse(RegistryException.PermissionDenied($"{caller.KeyName} is limited to {forums}: a meeting it creates must be in one of them.", "meeting.forum"));
            case UpdateMeetingRequest update when update.Meeting?.Forum is { Length: > 0 } moved && (ForumRules.Named(moved) is not { } forum || !caller.Forums.Contains(forum)):
                throw Refuse(RegistryException.PermissionDenied($"{caller.KeyName} is limited to {forums}: it may not move a meeting to another forum.", "meeting.forum"));
            case ListMeetingsRequest list when !FiltersToOwnForum(list.Filter, caller):
                throw Refuse(RegistryException.PermissionDenied(
                    $"{caller.KeyName} is limited to {forums}: filter the list to one of them (forum = \"{caller.Forums.First()}\").", "filter"));
        }

        foreach (var (field, meeting) in MeetingsNamed(request, "", nested: true))
        {
            if (scope.Refusal(caller, meeting, field) is { } refusal)
            {
                throw Refuse(refusal);
            }
        }
    }

    // An unparsable filter passes, so that the method reports it as INVALID_ARGUMENT; terms only join by AND.
    private static bool FiltersToOwnForum(string filter, Caller caller)
    {
        IReadOnlyList<FilterTerm> terms;
        try
        {
            terms = FilterParser.Parse(filter);
        }
        catch (RegistryException)
        {
            return true;
        }

        return terms.Any(t => t.Field == "forum" && ForumRules.Named(t.Value) is { } forum && caller.Forums.Contains(forum));
    }

    private static IEnumerable<(string Field, MeetingName Meeting)> MeetingsNamed(IMessage message, string prefix, bool nested)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var path = prefix + field.Name;
            var value = field.Accessor.GetValue(message);
            if (field.FieldType == FieldType.String && field.IsRepeated)
            {
                var i = 0;
                foreach (var text in (IEnumerable)value)
                {
                    if (MeetingOf(text as string) is { } meeting)
                    {
                        yield return ($"{path}[{i}]", meeting);
                    }

                    i++;
                }
            }
            else if (field.FieldType == FieldType.String && MeetingOf(value as string) is { } meeting)
            {
                yield return (path, meeting);
            }
            else if (nested && field.FieldType == FieldType.Message && !field.IsRepeated && !field.IsMap && value is IMessage inner)
            {
                foreach (var named in MeetingsNamed(inner, path + ".", nested: false))
                {
                    yield return named;
                }
            }
            else if (nested && field.FieldType == FieldType.Message && field.IsRepeated && prefix.Length == 0)
            {
                // A batch's items (`requests[i]`), each read as a request of its own.
                var i = 0;
                foreach (var item in (IEnumerable)value)
                {
                    foreach (var named in MeetingsNamed((IMessage)item, $"{path}[{i}].", nested: true))
                    {
                        yield return named;
                    }

                    i++;
                }
            }
        }
    }

    private static MeetingName? MeetingOf(string? text) =>
        ResourceName.TryParse<MeetingName>(text, out var meeting) ? meeting
        : ResourceName.TryParse<SessionName>(text, out var session) ? new MeetingName(session.MeetingId)
        : ResourceName.TryParse<ParticipantName>(text, out var participant) ? new MeetingName(participant.MeetingId)
        : ResourceName.TryParse<RegistrationName>(text, out var registration) ? new MeetingName(registration.MeetingId)
        : null;

    private static string Denial(AccessRule rule, Caller caller) => rule.Need switch
    {
        Need.Admin => $"Only an admin key may make this call; {caller.KeyName} is {ProtoEnums.NameOf(caller.Role)}.",
        _ when caller.Role == Role.Organizer && rule.Organizer is not null =>
            $"{caller.KeyName} is an organiser key: it may make this call only for its own sessions, and may not accept, schedule or hold them.",
        _ => $"Only an editor or admin key may make this call; {caller.KeyName} is {ProtoEnums.NameOf(caller.Role)}.",
    };

    // Thrown as an RpcException, so that the refusal reads the same wherever this interceptor sits.
    private static RpcException Refuse(RegistryException e) => ErrorInterceptor.ToRpcException(e);
}
