using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>BalanceService: policies, panel checks, suggestions and the meeting overview.</summary>
public sealed class BalanceGrpcService(IBalanceStore store, PolicyResolver policies, CountryCatalog countries, Lists lists, PageTokens tokens, Suggestions suggestions)
    : BalanceService.BalanceServiceBase
{
    private static readonly ListSpec PolicyList = new(
        "policies", [], new Dictionary<string, string> { ["display_name"] = "display_name" }, "display_name");

    private static readonly ListSpec SessionBalanceList = new(
        "session-balances",
        [FilterField.Enum<SessionKind>("kind", "kind"), FilterField.Enum<SessionState>("state", "state")],
        new Dictionary<string, string> { ["start_time"] = "start_time" },
        "start_time");

    // Policies

    public override Task<Policy> CreatePolicy(CreatePolicyRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var policy = request.Policy ?? new Policy();
        if (request.Policy is null)
        {
            violations.Add("policy", "Required.");
        }

        PolicyRules.Validate(policy, PolicyRules.UpdatableFields.ToHashSet(), violations.At("policy"));
        var id = request.PolicyId.Length == 0 ? Ids.New() : request.PolicyId;
        if (!Ids.IsValidUserId(id))
        {
            violations.Add("policy_id", Ids.UserIdRule);
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreatePolicy));
        violations.ThrowIfAny();
        if (Presets.Find(id) is not null)
        {
            throw RegistryException.AlreadyExists(ErrorReason.PolicyAlreadyExists, $"policies/{id}", $"policies/{id} is a built-in preset; choose another policy_id.");
        }

        var row = ToRow(policy, PolicyRules.UpdatableFields.ToHashSet(), new PolicyRow { Id = id });
        var created = store.CreatePolicy(row, claim, r => ToProto(r).ToByteArray());
        return Task.FromResult(created.ReplayedResponse is { } replayed ? Policy.Parser.ParseFrom(replayed) : ToProto(created.Row!));
    }

    public override Task<Policy> GetPolicy(GetPolicyRequest request, ServerCallContext context) =>
        Task.FromResult(FindPolicy(request.Name, "name"));

    /// <summary>
    /// Presets first, in their fixed order, then stored policies by display name. A cursor on a
    /// preset is its index ("\0" + index); a cursor on a stored policy is the SQL keyset cursor.
    /// </summary>
    public override Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context)
    {
        var query = lists.Resolve(PolicyList, "", request.PageSize, request.PageToken, "", "");
        var after = query.Page.After;
        var afterPreset = after is { SortKey: ['\0', ..] } ? int.Parse(after.SortKey[1..], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        var firstPreset = after is null ? 0 : afterPreset + 1 ?? Presets.All.Count;
        var presets = Presets.All.Skip(firstPreset).Take(query.Page.Size).ToList();
        var response = new ListPoliciesResponse { Policies = { presets } };
        var storedAfter = afterPreset is null ? after : null;
        var room = query.Page.Size - presets.Count;
        if (room > 0)
        {
            var page = store.ListPolicies(query with { Page = query.Page with { Size = room, After = storedAfter } });
            response.Policies.AddRange(page.Items.Select(ToProto));
            response.NextPageToken = lists.NextPageToken(page, query);
            return Task.FromResult(response);
        }

        var lastPreset = firstPreset + presets.Count - 1;
        var more = lastPreset + 1 < Presets.All.Count
            || store.ListPolicies(query with { Page = query.Page with { Size = 1, After = null } }).Items.Count > 0;
        response.NextPageToken = more ? tokens.Seal(new PageCursor($"\0{lastPreset}", ""), query.Page.Identity) : "";
        return Task.FromResult(response);
    }

    public override Task<Policy> UpdatePolicy(UpdatePolicyRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var policy = request.Policy ?? new Policy();
        var id = PolicyId(policy.Name, "policy.name");
        var fields = UpdateMasks.Resolve(request.UpdateMask, policy, PolicyRules.UpdatableFields, violations);
        PolicyRules.Validate(policy, fields, violations.At("policy"));
        violations.ThrowIfAny();
        RefuseIfPreset(id);
        var row = store.UpdatePolicy(id, Etags.Expected(policy.Etag), current => ToRow(policy, fields, current));
        return Task.FromResult(ToProto(row));
    }

    public override Task<Empty> DeletePolicy(DeletePolicyRequest request, ServerCallContext context)
    {
        var id = PolicyId(request.Name, "name");
        RefuseIfPreset(id);
        store.DeletePolicy(id, Etags.Expected(request.Etag));
        return Task.FromResult(new Empty());
    }

    // Checks

    public override Task<CheckPanelBalanceResponse> CheckPanelBalance(CheckPanelBalanceRequest request, ServerCallContext context)
    {
        var (policyName, rules) = ResolvePolicy(request.PolicyChoiceCase switch
        {
            CheckPanelBalanceRequest.PolicyChoiceOneofCase.InlinePolicy => (null, request.InlinePolicy),
            _ => (request.Policy, null),
        });
        var panel = request.PanelCase switch
        {
            CheckPanelBalanceRequest.PanelOneofCase.Session => LoadSession(request.Session, "session").Panel,
            CheckPanelBalanceRequest.PanelOneofCase.ProposedPanel => BuildProposedPanel(request.ProposedPanel),
            _ => throw RegistryException.InvalidArgument("session", "Give a session (meetings/{meeting}/sessions/{session}) or a proposed_panel."),
        };
        var report = BalanceEngine.Check(panel, rules, request.ConfirmedOnly);
        return Task.FromResult(ToResponse(report, Composition.Of(panel, request.ConfirmedOnly), policyName ?? ""));
    }

    public override Task<SuggestPanelistsResponse> SuggestPanelists(SuggestPanelistsRequest request, ServerCallContext context)
    {
        var (_, rules) = ResolvePolicy((request.Policy, null));
        var session = LoadSession(request.Session, "session");
        var violations = new Violations();
        StakeholderRules.RequireDefined(request.Role, "role", violations);
        if (request.PageSize < 0)
        {
            violations.Add("page_size", "Must not be negative (0 means 10; at most 100).");
        }

        violations.ThrowIfAny();
        var role = request.Role == ParticipantRole.Unspecified ? ParticipantRole.Speaker : request.Role;
        var size = request.PageSize == 0 ? 10 : Math.Min(request.PageSize, 100);
        var identity = new ListQueryIdentity("suggestions", request.Session, $"{request.Policy}|{role}|{request.RegisteredOnly}|{request.ConfirmedOnly}", "");
        var offset = request.PageToken.Length == 0 ? 0 : int.Parse(tokens.Open(request.PageToken, identity).SortKey, System.Globalization.CultureInfo.InvariantCulture);
        var result = suggestions.Suggest(session, rules, role, request.RegisteredOnly, request.ConfirmedOnly, offset, size);
        var response = new SuggestPanelistsResponse
        {
            Suggestions = { result.Suggestions.Select(ToProto) },
            FailingRules = { result.FailingRules },
            NextPageToken = result.HasMore ? tokens.Seal(new PageCursor((offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture), ""), identity) : "",
        };
        return Task.FromResult(response);
    }

    public override Task<ListSessionBalancesResponse> ListSessionBalances(ListSessionBalancesRequest request, ServerCallContext context)
    {
        var meetingId = ResourceNames.Match(request.Parent, "meetings")?[0]
            ?? throw RegistryException.InvalidArgument("parent", "Required: meetings/{meeting}.");
        if (store.FindMeeting(meetingId) is null)
        {
            throw RegistryException.NotFound(ErrorReason.MeetingNotFound, request.Parent);
        }

        var (_, rules) = ResolvePolicy((request.Policy, null));
        var (verdicts, sqlFilter) = SplitVerdictFilter(request.Filter);
        var query = lists.Resolve(SessionBalanceList, $"{request.Parent}|{request.Policy}|{request.ConfirmedOnly}|{string.Join(",", verdicts)}", request.PageSize, request.PageToken, sqlFilter, "");
        var response = new ListSessionBalancesResponse();
        var after = query.Page.After;
        while (true)
        {
            // Read sessions in programme order until the page is full of matching ones.
            var chunk = store.ListSessionIds(meetingId, query with { Page = query.Page with { After = after } });
            var panels = store.LoadSessionPanels(meetingId, chunk.Items.Select(s => s.Id).ToList()).ToDictionary(p => p.SessionId);
            foreach (var key in chunk.Items)
            {
                after = new PageCursor(key.SortKey, key.Id);
                var panel = panels[key.Id];
                var report = BalanceEngine.Check(panel.Panel, rules, request.ConfirmedOnly);
                var verdict = ToProto(report.Verdict);
                if (verdicts.Count > 0 && !verdicts.Contains(verdict))
                {
                    continue;
                }

                response.SessionBalances.Add(new SessionBalance
                {
                    Session = $"meetings/{meetingId}/sessions/{key.Id}",
                    DisplayName = panel.DisplayName,
                    Kind = (SessionKind)panel.Kind,
                    State = (SessionState)panel.State,
                    Verdict = verdict,
                    Score = report.Score,
                    FailedRules = { report.Rules.Where(r => r.Outcome == Outcome.Fail && r.Rule.Severity == Severity.Required).Select(r => r.Rule.Id) },
                });
                if (response.SessionBalances.Count == query.Page.Size)
                {
                    break;
                }
            }

            var pageFull = response.SessionBalances.Count == query.Page.Size;
            var lastExamined = chunk.Items.Count > 0 && after!.Id == chunk.Items[^1].Id;
            if (chunk.Next is null && (!pageFull || lastExamined))
            {
                response.NextPageToken = "";
                return Task.FromResult(response);
            }

            if (pageFull)
            {
                response.NextPageToken = tokens.Seal(after!, query.Page.Identity);
                return Task.FromResult(response);
            }
        }
    }

    /// <summary>Verdict terms are judged in C#; the rest of the filter goes to SQL.</summary>
    private static (IReadOnlySet<Verdict> Verdicts, string SqlFilter) SplitVerdictFilter(string filter)
    {
        var terms = FilterParser.Parse(filter);
        var verdictValues = ProtoEnums.Values<Verdict>().Where(v => v.Value != 0).ToDictionary();
        var verdicts = new HashSet<Verdict>();
        foreach (var term in terms.Where(t => t.Field == "verdict"))
        {
            if (!verdictValues.TryGetValue(term.Value, out var number))
            {
                throw RegistryException.InvalidArgument("filter", $"'{term.Value}' is not a valid value for verdict: one of {string.Join(", ", verdictValues.Keys)}", ErrorReason.InvalidFilter);
            }

            verdicts.Add((Verdict)number);
        }

        if (verdicts.Count > 1)
        {
            throw RegistryException.InvalidArgument("filter", "verdict can be given once (terms are joined by AND).", ErrorReason.InvalidFilter);
        }

        var rest = terms.Where(t => t.Field != "verdict").Select(t => $"{t.Field} = \"{t.Value.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        return (verdicts, string.Join(" AND ", rest));
    }

    // Panels

    private SessionPanel LoadSession(string name, string field)
    {
        var ids = ResourceNames.Match(name, "meetings", "sessions")
            ?? throw RegistryException.InvalidArgument(field, name.Length == 0 ? "Required: meetings/{meeting}/sessions/{session}." : $"'{name}' is not a session name, meetings/{{meeting}}/sessions/{{session}}.");
        return store.LoadSessionPanels(ids[0], [ids[1]]).SingleOrDefault()
            ?? throw RegistryException.NotFound(ErrorReason.SessionNotFound, name);
    }

    private Panel BuildProposedPanel(ProposedPanel proposal)
    {
        var violations = new Violations();
        var at = violations.At("proposed_panel");
        string? meetingId = null;
        if (proposal.Meeting.Length > 0)
        {
            meetingId = ResourceNames.Match(proposal.Meeting, "meetings")?[0];
            if (meetingId is null) at.Add("meeting", "Must be a meeting name, meetings/{meeting}, or empty.");
        }

        var start = Times.ToText(proposal.StartTime);
        var end = Times.ToText(proposal.EndTime);
        if (start.Length > 0 && end.Length > 0 && string.CompareOrdinal(end, start) <= 0)
        {
            at.Add("end_time", "Must be after start_time.");
        }

        var organizerIds = new List<string>();
        for (var i = 0; i < proposal.Organizers.Count; i++)
        {
            if (StakeholderRules.OrganizationId(proposal.Organizers[i]) is { } id) organizerIds.Add(id);
            else at.Add($"organizers[{i}]", "Must be an organization name, organizations/{organization}.");
        }

        for (var i = 0; i < proposal.Panelists.Count; i++)
        {
            ValidatePanelist(proposal.Panelists[i], at.At($"panelists[{i}]"));
        }

        violations.ThrowIfAny();
        if (meetingId is not null && store.FindMeeting(meetingId) is null)
        {
            throw RegistryException.NotFound(ErrorReason.MeetingNotFound, proposal.Meeting, "proposed_panel.meeting");
        }

        var registeredIds = proposal.Panelists.Where(p => p.PersonCase == ProposedPanelist.PersonOneofCase.Stakeholder)
            .Select(p => StakeholderRules.StakeholderId(p.Stakeholder)!).Distinct().ToList();
        var people = store.LoadPeople(registeredIds, meetingId, null, start, end).ToDictionary(p => p.Id);
        var seats = new List<Seat>();
        for (var i = 0; i < proposal.Panelists.Count; i++)
        {
            var panelist = proposal.Panelists[i];
            var role = panelist.Role == ParticipantRole.Unspecified ? ParticipantRole.Speaker : panelist.Role;
            var confirmation = panelist.Confirmation == Confirmation.Unspecified ? Confirmation.Tentative : panelist.Confirmation;
            if (panelist.PersonCase == ProposedPanelist.PersonOneofCase.Stakeholder)
            {
                var id = StakeholderRules.StakeholderId(panelist.Stakeholder)!;
                var person = people.GetValueOrDefault(id)
                    ?? throw RegistryException.NotFound(ErrorReason.StakeholderNotFound, panelist.Stakeholder, $"proposed_panel.panelists[{i}].stakeholder");
                seats.Add(Suggestions.SeatOf(person, role, confirmation, panelist.Attendance, sessionsBesidesThis: person.SessionsInMeeting, countries));
            }
            else
            {
                var p = panelist.Prospective;
                var region = p.RegionalGroup != RegionalGroup.Unspecified
                    ? p.RegionalGroup
                    : p.CountryCode.Length > 0 && countries.TryGet(p.CountryCode, out var country) ? (RegionalGroup)(int)country.Region : RegionalGroup.Unspecified;
                seats.Add(new Seat(
                    $"prospective-{i}",
                    p.DisplayName.Length > 0 ? p.DisplayName : $"panelist {i + 1}",
                    role,
                    confirmation,
                    panelist.Attendance,
                    p.StakeholderGroup,
                    region,
                    p.Gender,
                    Suggestions.Developing(p.CountryCode, countries),
                    p.Attributes.Contains(StakeholderAttribute.Youth),
                    StakeholderRules.OrganizationId(p.Organization),
                    Newcomer: true,
                    SessionsInMeeting: 1,
                    HasOverlap: false));
            }
        }

        var organizers = store.LoadOrganizers(organizerIds);
        for (var i = 0; i < organizers.Count; i++)
        {
            if (organizers[i] is null)
            {
                throw RegistryException.NotFound(ErrorReason.OrganizationNotFound, proposal.Organizers[i], $"proposed_panel.organizers[{i}]");
            }
        }

        return new Panel(seats, organizers.Select(o => o!).ToList());
    }

    private void ValidatePanelist(ProposedPanelist panelist, Violations at)
    {
        StakeholderRules.RequireDefined(panelist.Role, "role", at);
        StakeholderRules.RequireDefined(panelist.Confirmation, "confirmation", at);
        StakeholderRules.RequireDefined(panelist.Attendance, "attendance", at);
        switch (panelist.PersonCase)
        {
            case ProposedPanelist.PersonOneofCase.Stakeholder:
                if (StakeholderRules.StakeholderId(panelist.Stakeholder) is null) at.Add("stakeholder", "Must be a stakeholder name, stakeholders/{stakeholder}.");
                break;
            case ProposedPanelist.PersonOneofCase.Prospective:
                var p = panelist.Prospective;
                var person = at.At("prospective");
                if (p.CountryCode.Length > 0 && !countries.TryGet(p.CountryCode, out _)) person.Add("country_code", $"'{p.CountryCode}' is not an ISO 3166-1 alpha-2 code (or XK) in the registry's country list.");
                StakeholderRules.RequireDefined(p.StakeholderGroup, "stakeholder_group", person);
                StakeholderRules.RequireDefined(p.RegionalGroup, "regional_group", person);
                StakeholderRules.RequireDefined(p.Gender, "gender", person);
                if (p.Organization.Length > 0 && StakeholderRules.OrganizationId(p.Organization) is null) person.Add("organization", "Must be an organization name, organizations/{organization}, or empty.");
                break;
            default:
                at.Add("stakeholder", "Give a stakeholder name, or a prospective panelist.");
                break;
        }
    }

    // Policies

    private (string? Name, IReadOnlyList<BalanceRule> Rules) ResolvePolicy((string? Name, Policy? Inline) choice) =>
        choice.Inline is { } inline ? (null, PolicyResolver.Inline(inline, "inline_policy")) : policies.Resolve(choice.Name ?? "", "policy");

    private Policy FindPolicy(string name, string field) => policies.Find(name, field);

    private static string PolicyId(string name, string field) => PolicyRules.PolicyId(name)
        ?? throw RegistryException.InvalidArgument(field, name.Length == 0 ? "Required: policies/{policy}." : $"'{name}' is not a policy name, policies/{{policy}}.");

    private static void RefuseIfPreset(string id)
    {
        if (Presets.Find(id) is not null)
        {
            throw RegistryException.FailedPrecondition(ErrorReason.PolicyReadOnly, $"policies/{id}", $"policies/{id} is a built-in preset and cannot be changed; create a policy of your own from its rules.");
        }
    }

    private static PolicyRow ToRow(Policy policy, IReadOnlySet<string> fields, PolicyRow row)
    {
        if (fields.Contains("display_name")) row.DisplayName = policy.DisplayName.Trim();
        if (fields.Contains("description")) row.Description = policy.Description.Trim();
        if (fields.Contains("rules"))
        {
            var rules = policy.Rules.Select(r => r.Clone()).ToList();
            PolicyRules.AssignRuleIds(rules);
            row.Rules = PolicyResolver.RulesBytes(rules);
        }

        return row;
    }

    private static Policy ToProto(PolicyRow row) => PolicyResolver.ToProto(row);

    // Responses

    private static CheckPanelBalanceResponse ToResponse(BalanceReport report, Composition composition, string policyName) => new()
    {
        Verdict = ToProto(report.Verdict),
        Score = report.Score,
        Policy = policyName,
        RuleResults =
        {
            report.Rules.Select(r => new RuleResult
            {
                RuleId = r.Rule.Id,
                Kind = r.Rule.Kind.Name,
                Severity = r.Rule.Severity == Severity.Advisory ? RuleSeverity.Advisory : RuleSeverity.Required,
                Outcome = r.Outcome switch { Outcome.Pass => RuleOutcome.Pass, Outcome.Fail => RuleOutcome.Fail, _ => RuleOutcome.Indeterminate },
                Observed = r.Observed,
                Threshold = r.Threshold,
                Explanation = r.Explanation,
                Counted = r.Counted,
                Unknown = r.Unknown,
            }),
        },
        Composition = new PanelComposition
        {
            People = composition.People,
            StakeholderGroups = { composition.Groups.Select(g => new StakeholderGroupCount { StakeholderGroup = g.Key, Count = g.Value }) },
            RegionalGroups = { composition.Regions.Select(g => new RegionalGroupCount { RegionalGroup = g.Key, Count = g.Value }) },
            Genders = { composition.Genders.Select(g => new GenderCount { Gender = g.Key, Count = g.Value }) },
        },
        Gaps = new PanelGaps
        {
            MissingStakeholderGroups = { composition.MissingGroups },
            MissingRegionalGroups = { composition.MissingRegions },
            MissingGenders = { composition.MissingGenders },
        },
    };

    private static Verdict ToProto(PanelVerdict verdict) => verdict switch
    {
        PanelVerdict.Balanced => Verdict.Balanced,
        PanelVerdict.Unbalanced => Verdict.Unbalanced,
        _ => Verdict.Indeterminate,
    };

    private static PanelistSuggestion ToProto(Suggestion s) => new()
    {
        Stakeholder = $"stakeholders/{s.Person.Id}",
        DisplayName = s.Person.DisplayName,
        StakeholderGroup = (StakeholderGroup)s.Person.Group,
        RegionalGroup = (RegionalGroup)s.Person.Region,
        FixesRules = { s.Fixes },
        SessionsInMeeting = s.Person.SessionsInMeeting,
        Newcomer = s.Person.Newcomer,
        Reason = s.Reason,
    };
}
