using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Meetings;

/// <summary>Forums as resources: CRUD, meetings naming them, their default policies, and the migration of free-text forums.</summary>
public sealed class ForumTests
{
    private static Task<Forum> ForumAsync(TestRegistry registry, string id, ForumKind kind, string defaultPolicy = "", params ForumKindPolicy[] kindPolicies) =>
        registry.Meetings.CreateForumAsync(new CreateForumRequest
        {
            ForumId = id,
            Forum = new Forum { DisplayName = id, Kind = kind, TimeZone = "Europe/Berlin", DefaultPolicy = defaultPolicy, KindPolicies = { kindPolicies } },
        }).ResponseAsync;

    [Fact]
    public async Task A_forum_is_created_read_listed_updated_and_deleted_only_when_no_meeting_refers_to_it()
    {
        await using var registry = await TestRegistry.StartAsync();
        var created = await ForumAsync(registry, "eurodig", ForumKind.Regional, "policies/multistakeholder-balance");
        var meeting = await registry.MeetingAsync("eurodig-2026", forum: created.Name);

        var updated = await registry.Meetings.UpdateForumAsync(new UpdateForumRequest
        {
            Forum = new Forum { Name = created.Name, TimeZone = "Europe/Vilnius", Etag = created.Etag },
            UpdateMask = new FieldMask { Paths = { "time_zone" } },
        });
        var listed = await registry.Meetings.ListForumsAsync(new ListForumsRequest { Filter = "kind = FORUM_KIND_REGIONAL" });
        var shown = await registry.Meetings.GetMeetingAsync(new GetMeetingRequest { Name = meeting.Name });
        var refused = await RpcAssert.FailsAsync(StatusCode.FailedPrecondition, "FORUM_IN_USE", () =>
            registry.Meetings.DeleteForumAsync(new DeleteForumRequest { Name = created.Name }).ResponseAsync);
        await registry.Meetings.DeleteMeetingAsync(new DeleteMeetingRequest { Name = meeting.Name });
        await registry.Meetings.DeleteForumAsync(new DeleteForumRequest { Name = created.Name });

        Assert.Equal("forums/eurodig", meeting.Forum);
        Assert.Equal("Europe/Vilnius", updated.TimeZone);
        Assert.Equal("Europe/Vilnius", shown.TimeZone); // the meeting has none of its own
        Assert.Equal("policies/multistakeholder-balance", updated.DefaultPolicy);
        Assert.Equal([created.Name], listed.Forums.Select(f => f.Name));
        Assert.NotNull(refused);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "FORUM_NOT_FOUND", () =>
            registry.Meetings.GetForumAsync(new GetForumRequest { Name = created.Name }).ResponseAsync);
    }

    [Fact]
    public async Task Bad_forums_and_meetings_naming_a_missing_forum_are_refused_and_free_text_names_a_forum()
    {
        await using var registry = await TestRegistry.StartAsync();

        await RpcAssert.InvalidFieldAsync("forum.time_zone", () => registry.Meetings.CreateForumAsync(new CreateForumRequest
        {
            Forum = new Forum { DisplayName = "Bad", TimeZone = "UTC+4" },
        }).ResponseAsync);
        await RpcAssert.FailsAsync(StatusCode.NotFound, "POLICY_NOT_FOUND", () => ForumAsync(registry, "igf", ForumKind.GlobalIgf, "policies/nowhere"));
        await RpcAssert.FailsAsync(StatusCode.NotFound, "FORUM_NOT_FOUND", () => registry.MeetingAsync("m", forum: "forums/nowhere"));
        var meeting = await registry.MeetingAsync("m", forum: "Youth IGF Germany");
        var forum = await registry.Meetings.GetForumAsync(new GetForumRequest { Name = meeting.Forum });
        var listed = await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest { Filter = "forum = \"forums/youth-igf-germany\"" });

        Assert.Equal("forums/youth-igf-germany", meeting.Forum);
        Assert.Equal(("Youth IGF Germany", ForumKind.Other), (forum.DisplayName, forum.Kind));
        Assert.Single(listed.Meetings);
    }

    [Fact]
    public async Task The_same_panel_gets_each_forums_default_policy_when_no_policy_is_named()
    {
        await using var registry = await TestRegistry.StartAsync();
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        foreach (var (id, count) in new[] { ("two-speakers", 2), ("one-speaker", 1) })
        {
            await balance.CreatePolicyAsync(new CreatePolicyRequest
            {
                PolicyId = id,
                Policy = new Policy { DisplayName = id, Rules = { new Rule { MinSpeakers = new MinSpeakers { Count = count } } } },
            });
        }

        var global = await ForumAsync(registry, "igf", ForumKind.GlobalIgf, "policies/two-speakers");
        var national = await ForumAsync(
            registry, "igf-de", ForumKind.National, "policies/one-speaker", new ForumKindPolicy { Kind = SessionKind.LightningTalk, Policy = "policies/two-speakers" });
        var person = await registry.StakeholderAsync();
        var verdicts = new Dictionary<string, Verdict>();
        foreach (var (meetingId, forum, kind) in new[] { ("igf-2026", global, SessionKind.Workshop), ("igf-de-2026", national, SessionKind.Workshop), ("igf-de-2026", national, SessionKind.LightningTalk) })
        {
            if (verdicts.Keys.All(k => !k.StartsWith(meetingId + "/", StringComparison.Ordinal)))
            {
                await registry.MeetingAsync(meetingId, forum: forum.Name);
            }

            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = $"meetings/{meetingId}",
                Session = new Session { DisplayName = "Panel", Kind = kind },
            });
            await registry.SeatAsync(session.Name, person.Name, confirmation: Confirmation.Confirmed);
            var check = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = session.Name });
            verdicts[$"{meetingId}/{kind}"] = check.Verdict;
        }

        var listed = await balance.ListSessionBalancesAsync(new ListSessionBalancesRequest { Parent = "meetings/igf-de-2026" });

        Assert.Equal(Verdict.Unbalanced, verdicts["igf-2026/Workshop"]);
        Assert.Equal(Verdict.Balanced, verdicts["igf-de-2026/Workshop"]);
        Assert.Equal(Verdict.Unbalanced, verdicts["igf-de-2026/LightningTalk"]);
        Assert.Equal(Verdict.Balanced, listed.SessionBalances.First(b => b.Kind == SessionKind.Workshop).Verdict);
    }

    // An upgrade of an old SQLite file (schema 12 by PRAGMA user_version): PostgreSQL databases start at the current schema.
    [Fact]
    [Trait("Engine", "SqliteOnly")]
    public async Task A_database_with_free_text_forums_migrates_with_every_meeting_kept()
    {
        var folder = Directory.CreateTempSubdirectory("registry-test-").FullName;
        try
        {
            await (await TestRegistry.StartAsync(folder: folder)).DisposeAsync();
            var forums = new[] { "IGF", "IGF", "EuroDIG", "igf", "Youth IGF (Germany)", "", "Ünïcode forum" };
            using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "registry.db")}"))
            {
                connection.Open();
                using var command = connection.CreateCommand();
                // Back to schema 12: also undo the later migrations that cannot run twice (16 and 17 add columns).
                command.CommandText = Stakeholders.DataQuality.MigrationTests.UndoSchema17 + """
                    DROP TABLE forums;
                    DROP TABLE declaration_links;
                    ALTER TABLE stakeholders DROP COLUMN gender_self_description;
                    ALTER TABLE stakeholders DROP COLUMN gender_source;
                    ALTER TABLE stakeholders DROP COLUMN gender_source_time;
                    ALTER TABLE stakeholders DROP COLUMN attributes_source;
                    ALTER TABLE stakeholders DROP COLUMN attributes_source_time;
                    ALTER TABLE stakeholders DROP COLUMN publication_consent_source;
                    ALTER TABLE stakeholders DROP COLUMN publication_consent_source_time;
                    ALTER TABLE stakeholders DROP COLUMN email_source;
                    ALTER TABLE stakeholders DROP COLUMN email_source_time;
                    PRAGMA user_version = 12;
                    """;
                command.ExecuteNonQuery();
                for (var i = 0; i < forums.Length; i++)
                {
                    command.CommandText = $"""
                        INSERT INTO meetings (id, display_name, forum, start_date, end_date, country_code, time_zone, create_time, update_time, version)
                        VALUES ('m{i}', 'Meeting {i}', @forum, '', '', '', '', '2026-01-01T00:00:00.0000000Z', '2026-01-01T00:00:00.0000000Z', 1)
                        """;
                    command.Parameters.Clear();
                    command.Parameters.AddWithValue("@forum", forums[i]);
                    command.ExecuteNonQuery();
                }
            }

            SqliteConnection.ClearAllPools();
            await using var registry = await TestRegistry.StartAsync(folder: folder);
            var meetings = (await registry.Meetings.ListMeetingsAsync(new ListMeetingsRequest { PageSize = 100 })).Meetings.ToDictionary(m => m.Name);
            var byName = (await registry.Meetings.ListForumsAsync(new ListForumsRequest { PageSize = 100 })).Forums.ToDictionary(f => f.Name);

            Assert.Equal(forums.Length, meetings.Count);
            for (var i = 0; i < forums.Length; i++)
            {
                var forum = meetings[$"meetings/m{i}"].Forum;
                Assert.Equal(forums[i], forum.Length == 0 ? "" : byName[forum].DisplayName);
            }

            Assert.NotEqual(meetings["meetings/m0"].Forum, meetings["meetings/m3"].Forum); // "IGF" and "igf" share a slug: neither takes it
            Assert.Equal(meetings["meetings/m0"].Forum, meetings["meetings/m1"].Forum);
            Assert.Equal("forums/eurodig", meetings["meetings/m2"].Forum);
            Assert.Equal("forums/youth-igf-germany", meetings["meetings/m4"].Forum);
            Assert.Equal(5, byName.Count);
            Assert.All(byName.Values, f => Assert.Equal(ForumKind.Other, f.Kind));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
