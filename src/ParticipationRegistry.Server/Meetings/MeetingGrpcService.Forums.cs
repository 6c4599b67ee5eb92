using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Meetings;

/// <summary>MeetingService: forums.</summary>
public sealed partial class MeetingGrpcService
{
    private static readonly ListSpec ForumList = new(
        "forums",
        [
            FilterField.Enum<ForumKind>("kind", "kind"),
            FilterField.Text("country_code", "country_code", c => c.ToUpperInvariant(), "an ISO 3166-1 alpha-2 code"),
        ],
        new Dictionary<string, string> { ["display_name"] = "display_name", ["create_time"] = "create_time" },
        "display_name");

    public override async Task<Forum> CreateForum(CreateForumRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var forum = Required(request.Forum, "forum", violations);
        var all = ForumRules.UpdatableFields.ToHashSet();
        ForumRules.Validate(forum, all, countries, PolicyMustExist("forum."), violations.At("forum"));
        var row = ForumRules.Apply(forum, all, new ForumRow { Id = ChosenId(request.ForumId, "forum_id", violations) });
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateForum));
        violations.ThrowIfAny();
        var created = await store.CreateForumAsync(row, claim, r => ForumRules.ToProto(r).ToByteArray());
        return created.Response(ForumRules.ToProto, Forum.Parser);
    }

    public override Task<Forum> GetForum(GetForumRequest request, ServerCallContext context) =>
        Task.FromResult(ForumRules.ToProto(store.GetForum(ResourceName.Parse<ForumName>(request.Name, "name"))));

    public override Task<ListForumsResponse> ListForums(ListForumsRequest request, ServerCallContext context)
    {
        var forums = lists.Page(
            ForumList, "", (request.PageSize, request.PageToken, request.Filter, request.OrderBy), store.ListForums, ForumRules.ToProto);
        return Task.FromResult(new ListForumsResponse { Forums = { forums.Items }, NextPageToken = forums.NextPageToken });
    }

    public override async Task<Forum> UpdateForum(UpdateForumRequest request, ServerCallContext context)
    {
        var forum = request.Forum ?? new Forum();
        var name = ResourceName.Parse<ForumName>(forum.Name, "forum.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, forum, ForumRules.UpdatableFields, "forum", (paths, at) => ForumRules.Validate(forum, paths, countries, PolicyMustExist("forum."), at));
        var row = await store.UpdateForumAsync(name, Etags.Expected(forum.Etag), current => ForumRules.Apply(forum, fields, current));
        return ForumRules.ToProto(row);
    }

    public override Task<Empty> DeleteForum(DeleteForumRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteForumAsync(ResourceName.Parse<ForumName>(request.Name, "name"), Etags.Expected(request.Etag)));

    /// <summary>A meeting without a time zone of its own is shown in its forum's (<paramref name="zones"/>: the forums' zones read so far).</summary>
    private Meeting WithForumTimeZone(Meeting meeting, Dictionary<string, string> zones)
    {
        if (meeting.TimeZone.Length == 0 && ResourceName.TryParse<ForumName>(meeting.Forum, out var forum))
        {
            if (!zones.TryGetValue(forum.ForumId, out var zone))
            {
                zone = store.GetForum(forum).TimeZone;
                zones[forum.ForumId] = zone;
            }

            meeting.TimeZone = zone;
        }

        return meeting;
    }

    /// <summary>Refuses a policy name that names no preset nor stored policy (NOT_FOUND).</summary>
    private Action<string, string> PolicyMustExist(string prefix) => (policy, field) => policies.Find(policy, prefix + field);
}
