using System.CommandLine;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.V1;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Commands;

/// <summary><c>registry check</c> (exit code = the verdict) and <c>registry suggest</c>.</summary>
public static class CheckCommands
{
    public static Command BuildCheck(CommandFactory factory)
    {
        var session = new Argument<string>("SESSION") { Description = "M/S (igf-2012/ws-85) or meetings/M/sessions/S." };
        var policy = new Option<string?>("--policy") { Description = "The policy, policies/ID or ID; default: the session's forum's policy for its kind." };
        var confirmedOnly = new Option<bool>("--confirmed-only") { Description = "Count only confirmed seats." };
        var command = new Command("check",
            """
            Checks a session's panel against a balance policy: one line per rule with a mark (✓ pass, ✗ fail,
            ? indeterminate) and the sentence that explains it. The exit code is the verdict, so a script can
            gate on it: 0 balanced (or the policy does not apply), 1 unbalanced, 3 indeterminate, 2 error.

            Examples:
              registry check igf-2012/ws-85
              registry check igf-2012/ws-85 --policy multistakeholder-balance --confirmed-only || echo "rebalance ws-85"
            """)
        {
            session, policy, confirmedOnly,
        };
        factory.Action(command, async run =>
        {
            var name = Names.Session(run.Value(session));
            var request = new CheckPanelBalanceRequest { Session = name, ConfirmedOnly = run.Value(confirmedOnly) };
            if (run.Value(policy) is { Length: > 0 } chosen)
            {
                request.Policy = chosen.StartsWith("policies/", StringComparison.Ordinal) ? chosen : $"policies/{chosen}";
            }

            var title = (await run.Client.Meetings.GetSessionAsync(new GetSessionRequest { Name = name }, cancellationToken: run.Cancellation)).DisplayName;
            var check = await run.Client.Balance.CheckPanelBalanceAsync(request, cancellationToken: run.Cancellation);
            run.Out.WriteLine($"{title}: {Enums.Text(check.Verdict)} (score {check.Score}, {check.Policy}{(request.ConfirmedOnly ? ", confirmed seats only" : "")})");
            var table = Output.Table("", "rule", "severity", "explanation");
            foreach (var rule in check.RuleResults)
            {
                table.Row(Mark(rule.Outcome), rule.RuleId, Enums.Text(rule.Severity), rule.Explanation);
            }

            run.Out.Write(table);
            if (check.RedactedFields.Count > 0)
            {
                run.Out.WriteLine($"Withheld from this key: {string.Join(", ", check.RedactedFields)}");
            }

            return check.Verdict switch
            {
                Verdict.Balanced or Verdict.NotApplicable => ExitCodes.Ok,
                Verdict.Unbalanced => ExitCodes.Unbalanced,
                Verdict.Indeterminate => ExitCodes.Indeterminate,
                _ => ExitCodes.Error,
            };
        });
        return command;
    }

    /// <summary>✓ pass, ✗ fail, ? indeterminate.</summary>
    public static string Mark(RuleOutcome outcome) => outcome switch
    {
        RuleOutcome.Pass => "✓",
        RuleOutcome.Fail => "✗",
        _ => "?",
    };

    public static Command BuildSuggest(CommandFactory factory)
    {
        var session = new Argument<string>("SESSION") { Description = "M/S (igf-2012/ws-85) or meetings/M/sessions/S." };
        var policy = new Option<string?>("--policy") { Description = "The policy, policies/ID or ID; default: the session's forum's policy." };
        var role = new Option<string?>("--role") { Description = $"The role to fill: {Enums.Allowed<ParticipantRole>()}; default speaker." };
        var registeredOnly = new Option<bool>("--registered-only") { Description = "Only people registered to the meeting." };
        var confirmedOnly = new Option<bool>("--confirmed-only") { Description = "Judge the panel by its confirmed seats only." };
        var limit = new Option<int>("--limit") { Description = "How many suggestions (default 10).", DefaultValueFactory = _ => 10 };
        var command = new Command("suggest",
            """
            Suggests people whose seat would fix the session's failing balance rules, best first, each with the
            rules it fixes and why.

            Example:
              registry suggest igf-2012/ws-85 --registered-only --limit 5
            """)
        {
            session, policy, role, registeredOnly, confirmedOnly, limit,
        };
        factory.Action(command, async run =>
        {
            var request = new SuggestPanelistsRequest
            {
                Session = Names.Session(run.Value(session)),
                RegisteredOnly = run.Value(registeredOnly),
                ConfirmedOnly = run.Value(confirmedOnly),
                PageSize = Math.Clamp(run.Value(limit), 1, 1000),
            };
            if (run.Value(policy) is { Length: > 0 } chosen)
            {
                request.Policy = chosen.StartsWith("policies/", StringComparison.Ordinal) ? chosen : $"policies/{chosen}";
            }

            if (run.Value(role) is { } value)
            {
                request.Role = Enums.Parse<ParticipantRole>(value, "--role");
            }

            var response = await run.Client.Balance.SuggestPanelistsAsync(request, cancellationToken: run.Cancellation);
            run.Out.WriteLine(response.FailingRules.Count == 0
                ? "No rule fails: the panel needs no one for balance."
                : $"Failing rules: {string.Join(", ", response.FailingRules)}");
            var table = Output.Table("stakeholder", "name", "group", "region", "fixes", "seats in meeting", "newcomer", "why");
            foreach (var s in response.Suggestions)
            {
                table.Row(s.Stakeholder, s.DisplayName, Enums.Text(s.StakeholderGroup), Enums.Text(s.RegionalGroup),
                    string.Join(", ", s.FixesRules), s.SessionsInMeeting.ToString(System.Globalization.CultureInfo.InvariantCulture), s.Newcomer ? "yes" : "", s.Reason);
            }

            run.Out.Write(table);
            run.Out.WriteLine($"{response.Suggestions.Count} suggestion(s)");
            return ExitCodes.Ok;
        });
        return command;
    }
}
