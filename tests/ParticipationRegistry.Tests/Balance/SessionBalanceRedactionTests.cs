using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>ListSessionBalances names no session failing a gender rule to a caller without rights over its panel.</summary>
public sealed class SessionBalanceRedactionTests
{
    private const string AllMen = "meetings/igf-2012/sessions/all-men";
    private static readonly string[] WithheldVerdict = ["verdict", "score", "failed_rules"];

    /// <summary>The demo meeting plus a mixed panel and a single-gender panel.</summary>
    private static async Task<TestRegistry> MeetingWithSessionsAsync()
    {
        var registry = await TestRegistry.StartAsync(demo: true);
        var people = (await registry.Stakeholders.BatchCreateStakeholdersAsync(new BatchCreateStakeholdersRequest
        {
            Requests =
            {
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "W", Gender = Gender.Woman } },
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "M1", Gender = Gender.Man } },
                new CreateStakeholderRequest { Stakeholder = new Stakeholder { DisplayName = "M2", Gender = Gender.Man } },
            },
        })).Stakeholders.ToDictionary(s => s.DisplayName);
        foreach (var (id, panel) in new[] { ("mixed", new[] { "W", "M1" }), ("all-men", new[] { "M1", "M2" }) })
        {
            var session = await registry.Meetings.CreateSessionAsync(new CreateSessionRequest
            {
                Parent = RedactionKeys.Meeting,
                SessionId = id,
                Session = new Session { DisplayName = id, Kind = SessionKind.OpenForum },
            });
            foreach (var person in panel)
            {
                await registry.Meetings.CreateParticipantAsync(new CreateParticipantRequest
                {
                    Parent = session.Name,
                    Participant = new Participant { Stakeholder = people[person].Name, Role = ParticipantRole.Speaker, Confirmation = Confirmation.Confirmed },
                });
            }
        }

        return registry;
    }

    private static async Task<IReadOnlyList<SessionBalance>> ListAsync(TestRegistry registry, string secret, string policy, string filter = "") =>
        (await new BalanceService.BalanceServiceClient(registry.ChannelFor(secret)).ListSessionBalancesAsync(
            new ListSessionBalancesRequest { Parent = RedactionKeys.Meeting, Policy = policy, Filter = filter })).SessionBalances;

    [Fact]
    public async Task A_viewer_gets_no_verdict_that_depends_on_gender_and_may_not_filter_by_it()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        var lines = await ListAsync(registry, viewer, "policies/panel-parity");

        Assert.Equal(3, lines.Count);
        Assert.All(lines, line =>
        {
            Assert.Equal(Verdict.Unspecified, line.Verdict);
            Assert.Equal(0, line.Score);
            Assert.Empty(line.FailedRules);
            Assert.Equal(WithheldVerdict, line.RedactedFields);
        });
        await AssertFilterRefusedAsync(registry, viewer);
    }

    [Fact]
    public async Task An_organiser_sees_the_verdict_of_its_own_session_only_and_may_not_filter_by_verdict()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var organiser = await RedactionKeys.OrganiserAsync(registry, AllMen);

        var lines = (await ListAsync(registry, organiser, "policies/panel-parity")).ToDictionary(l => l.Session);

        Assert.Equal(Verdict.Unbalanced, lines[AllMen].Verdict);
        Assert.Equal(["not-single-gender"], lines[AllMen].FailedRules);
        Assert.Empty(lines[AllMen].RedactedFields);
        Assert.All(lines.Values.Where(l => l.Session != AllMen), l => Assert.Equal(WithheldVerdict, l.RedactedFields));
        await AssertFilterRefusedAsync(registry, organiser);
    }

    [Fact]
    public async Task An_admin_and_an_editor_see_every_verdict_and_may_filter_by_it()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var editor = await registry.CreateKeyAsync(Role.Editor);

        foreach (var secret in new[] { TestRegistry.AdminSecret, editor })
        {
            var unbalanced = await ListAsync(registry, secret, "policies/panel-parity", "verdict = VERDICT_UNBALANCED");

            var line = Assert.Single(unbalanced);
            Assert.Equal(AllMen, line.Session);
            Assert.Equal(["not-single-gender"], line.FailedRules);
            Assert.Empty(line.RedactedFields);
        }
    }

    [Fact]
    public async Task Verdicts_that_no_required_personal_rule_decides_are_shown_and_filtered_for_a_viewer()
    {
        await using var registry = await MeetingWithSessionsAsync();
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        // igf-2017-diversity: its gender and youth rules are advisory; they move only the score.
        var unbalanced = await ListAsync(registry, viewer, "policies/igf-2017-diversity", "verdict = VERDICT_UNBALANCED");

        Assert.Equal(["meetings/igf-2012/sessions/all-men", "meetings/igf-2012/sessions/mixed"], unbalanced.Select(l => l.Session).Order(StringComparer.Ordinal));
        Assert.All(unbalanced, line =>
        {
            Assert.Equal(Verdict.Unbalanced, line.Verdict);
            Assert.Equal(["min-speakers"], line.FailedRules);
            Assert.Equal(["score"], line.RedactedFields);
        });
    }

    private static async Task AssertFilterRefusedAsync(TestRegistry registry, string secret)
    {
        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", () =>
            ListAsync(registry, secret, "policies/panel-parity", "verdict = VERDICT_UNBALANCED"));
        Assert.Equal("filter", status.GetDetail<ErrorInfo>().Metadata["field"]);
    }
}
