using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

/// <summary>
/// ListSessionBalances names no session failing a gender rule to a caller without rights over its panel
/// (on the meeting of <see cref="SessionBalanceListTests"/>: ws-85, mixed, all-men, empty).
/// </summary>
public sealed class SessionBalanceRedactionTests
{
    private const string AllMen = "meetings/igf-2012/sessions/all-men";
    private static readonly string[] WithheldVerdict = ["verdict", "score", "failed_rules"];

    private static async Task<IReadOnlyList<SessionBalance>> ListAsync(TestRegistry registry, string secret, string policy, string filter = "") =>
        (await new BalanceService.BalanceServiceClient(registry.ChannelFor(secret)).ListSessionBalancesAsync(
            new ListSessionBalancesRequest { Parent = RedactionKeys.Meeting, Policy = policy, Filter = filter })).SessionBalances;

    [Fact]
    public async Task A_viewer_gets_no_verdict_that_depends_on_gender_and_may_not_filter_by_it()
    {
        await using var registry = await SessionBalanceListTests.MeetingWithSessionsAsync();
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        var lines = await ListAsync(registry, viewer, "policies/panel-parity");

        Assert.Equal(4, lines.Count);
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
        await using var registry = await SessionBalanceListTests.MeetingWithSessionsAsync();
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
        await using var registry = await SessionBalanceListTests.MeetingWithSessionsAsync();
        var editor = await registry.CreateKeyAsync(Role.Editor);

        foreach (var secret in new[] { TestRegistry.AdminSecret, editor })
        {
            var unbalanced = await ListAsync(registry, secret, "policies/panel-parity", "verdict = VERDICT_UNBALANCED");

            Assert.Equal([AllMen, "meetings/igf-2012/sessions/empty"], unbalanced.Select(l => l.Session));
            Assert.Equal(["not-single-gender"], unbalanced[0].FailedRules);
            Assert.All(unbalanced, l => Assert.Empty(l.RedactedFields));
        }
    }

    [Fact]
    public async Task Verdicts_that_no_required_personal_rule_decides_are_shown_and_filtered_for_a_viewer()
    {
        await using var registry = await SessionBalanceListTests.MeetingWithSessionsAsync();
        var viewer = await registry.CreateKeyAsync(Role.Viewer);

        // igf-2017-diversity: its gender and youth rules are advisory; they move only the score.
        var unbalanced = await ListAsync(registry, viewer, "policies/igf-2017-diversity", "verdict = VERDICT_UNBALANCED");

        Assert.Equal(
            ["meetings/igf-2012/sessions/all-men", "meetings/igf-2012/sessions/empty", "meetings/igf-2012/sessions/mixed"],
            unbalanced.Select(l => l.Session).Order(StringComparer.Ordinal));
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
