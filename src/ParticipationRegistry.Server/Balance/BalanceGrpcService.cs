using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Balance;

/// <summary>BalanceService: policies, panel checks, suggestions and the meeting overview.</summary>
public sealed class BalanceGrpcService(
    IBalanceStore store, PolicyResolver policies, PolicyCatalog catalog, ProposedPanels proposals, SessionBalances balances, PageTokens tokens, Suggestions suggestions,
    PersonalDataRights rights, CountryCatalog countries)
    : BalanceService.BalanceServiceBase
{
    // Policies

    public override async Task<Policy> CreatePolicy(CreatePolicyRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var policy = request.Policy ?? new Policy();
        if (request.Policy is null)
        {
            violations.Add("policy", "Required.");
        }

        PolicyRules.Validate(policy, PolicyRules.UpdatableFields.ToHashSet(), violations.At("policy"), countries);
        var id = request.PolicyId.Length == 0 ? Ids.New() : request.PolicyId;
        if (!Ids.IsValidUserId(id))
        {
            violations.Add("policy_id", Ids.UserIdRule);
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreatePolicy));
        violations.ThrowIfAny();
        var row = BalanceMapping.ToRow(policy, PolicyRules.UpdatableFields.ToHashSet(), new PolicyRow { Id = id });
        return await catalog.CreateAsync(row, claim);
    }

    public override Task<Policy> GetPolicy(GetPolicyRequest request, ServerCallContext context) =>
        Task.FromResult(policies.Find(request.Name, "name"));

    public override Task<ListPoliciesResponse> ListPolicies(ListPoliciesRequest request, ServerCallContext context)
    {
        var page = catalog.List(request.PageSize, request.PageToken);
        return Task.FromResult(new ListPoliciesResponse { Policies = { page.Policies }, NextPageToken = page.NextPageToken });
    }

    public override async Task<Policy> UpdatePolicy(UpdatePolicyRequest request, ServerCallContext context)
    {
        var policy = request.Policy ?? new Policy();
        var name = ResourceName.Parse<PolicyName>(policy.Name, "policy.name");
        var fields = PolicyRules.ValidatedUpdate(policy, request.UpdateMask, countries);
        var row = await catalog.UpdateAsync(name, Etags.Expected(policy.Etag), current => BalanceMapping.ToRow(policy, fields, current));
        return BalanceMapping.ToProto(row);
    }

    public override Task<Empty> DeletePolicy(DeletePolicyRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => catalog.DeleteAsync(ResourceName.Parse<PolicyName>(request.Name, "name"), Etags.Expected(request.Etag)));

    // Checks

    public override Task<CheckPanelBalanceResponse> CheckPanelBalance(CheckPanelBalanceRequest request, ServerCallContext context)
    {
        var (policyName, rules) = request.PolicyChoiceCase == CheckPanelBalanceRequest.PolicyChoiceOneofCase.InlinePolicy
            ? ("", policies.Inline(request.InlinePolicy, "inline_policy"))
            : policies.Resolve(ForumDefault(request.Policy, request.Session), "policy");
        var caller = context.GetCaller();
        if (request.PanelCase == CheckPanelBalanceRequest.PanelOneofCase.ProposedPanel)
        {
            var built = proposals.Build(request.ProposedPanel, caller);
            var checkedProposal = Check(built.Panel, rules, request.ConfirmedOnly, policyName);
            // Only the people whose data was used: where the others' data came from is theirs too.
            NoteProvenance(context, checkedProposal, built.Panel, rules, request.ConfirmedOnly, built.PersonalDataUsed);
            checkedProposal.RedactedFields.AddRange(built.RedactedFields);
            return Task.FromResult(checkedProposal);
        }

        if (request.PanelCase != CheckPanelBalanceRequest.PanelOneofCase.Session)
        {
            throw RegistryException.InvalidArgument("session", "Give a session (meetings/{meeting}/sessions/{session}) or a proposed_panel.");
        }

        var session = ResourceName.Parse<SessionName>(request.Session, "session");
        var panel = store.LoadSession(session, rules).Panel;
        var response = Check(panel, rules, request.ConfirmedOnly, policyName);
        NoteProvenance(context, response, panel, rules, request.ConfirmedOnly, panel.Seats.Select(s => s.PersonKey).Distinct().ToList());
        if (!rights.OverSession(caller, session))
        {
            BalanceDisclosure.WithholdPersonalData(response, rules);
        }

        return Task.FromResult(response);
    }

    /// <summary>Adds to the explanations of rules reading personal data how many of <paramref name="stored"/> did not declare it.</summary>
    private static void NoteProvenance(
        ServerCallContext context, CheckPanelBalanceResponse response, Panel panel, IReadOnlyList<BalanceRule> rules, bool confirmedOnly, IReadOnlyList<string> stored)
    {
        if (rules.Any(r => r.ReadsPersonalData))
        {
            var declarations = context.GetHttpContext().RequestServices.GetRequiredService<Declarations.IDeclarationStore>();
            var (gender, attributes) = declarations.Undeclared(stored);
            ProvenanceNotes.Annotate(response, panel, rules, confirmedOnly, gender, attributes);
        }
    }

    /// <summary>The policy named, else the default of the session's forum (a bad session name is judged later).</summary>
    private string ForumDefault(string policy, string session) =>
        policy.Length == 0 && ResourceName.TryParse<SessionName>(session, out var name) && !name.IsWildcard
            ? policies.OrForumDefault(policy, name.MeetingId, name)
            : policy;

    private static CheckPanelBalanceResponse Check(Panel panel, IReadOnlyList<BalanceRule> rules, bool confirmedOnly, string policyName) =>
        BalanceMapping.ToResponse(BalanceEngine.Check(panel, rules, confirmedOnly), Composition.Of(panel, confirmedOnly), policyName);

    public override Task<SuggestPanelistsResponse> SuggestPanelists(SuggestPanelistsRequest request, ServerCallContext context)
    {
        var (_, rules) = policies.Resolve(ForumDefault(request.Policy, request.Session), "policy");
        var session = store.LoadSession(ResourceName.Parse<SessionName>(request.Session, "session"), rules);
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
        var personalDataUsable = rights.Full(context.GetCaller());
        var result = suggestions.Suggest(session, rules, role, request.RegisteredOnly, request.ConfirmedOnly, offset, size, personalDataUsable);
        var response = new SuggestPanelistsResponse
        {
            Suggestions = { result.Suggestions.Select(BalanceMapping.ToProto) },
            FailingRules = { result.FailingRules },
            NextPageToken = result.HasMore ? tokens.Seal(new PageCursor((offset + size).ToString(System.Globalization.CultureInfo.InvariantCulture), ""), identity) : "",
        };
        if (!personalDataUsable)
        {
            BalanceDisclosure.NameJudgedWithoutPersonalData(response, rules);
        }

        return Task.FromResult(response);
    }

    public override Task<ListSessionBalancesResponse> ListSessionBalances(ListSessionBalancesRequest request, ServerCallContext context)
    {
        var meeting = ResourceName.Parse<MeetingName>(request.Parent, "parent");
        var caller = context.GetCaller();
        var page = balances.List(meeting, request.Policy, request.ConfirmedOnly, request.Filter, request.PageSize, request.PageToken, caller, context.CancellationToken);
        var response = new ListSessionBalancesResponse { NextPageToken = page.NextPageToken };
        foreach (var line in page.Lines)
        {
            var balance = BalanceMapping.ToProto(line);
            if (!rights.OverSession(caller, new SessionName(line.Session.MeetingId, line.Session.SessionId)))
            {
                BalanceDisclosure.WithholdPersonalData(balance, line.Policy.Rules);
            }

            response.SessionBalances.Add(balance);
        }

        return Task.FromResult(response);
    }
}
