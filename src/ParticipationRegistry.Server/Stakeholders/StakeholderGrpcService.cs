using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>StakeholderService: validate, map, one store call. Storage is synchronous SQLite.</summary>
public sealed partial class StakeholderGrpcService(IStakeholderStore store, StakeholderRules rules, Lists lists, PersonalDataRights rights)
    : StakeholderService.StakeholderServiceBase
{
    public const int MaxBatch = 1000;

    private static readonly Dictionary<string, string> OrderFields = new()
    {
        ["display_name"] = "display_name",
        ["create_time"] = "create_time",
        ["update_time"] = "update_time",
    };

    private ListSpec StakeholderListSpec(StakeholderView view)
    {
        List<FilterField> fields =
        [
            FilterField.Enum<StakeholderGroup>("stakeholder_group", "stakeholder_group"),
            FilterField.Enum<RegionalGroup>("regional_group", "regional_group"),
            FilterField.Text("country_code", "country_code", rules.NormaliseCountry, "an ISO 3166-1 alpha-2 code, e.g. \"FI\""),
            FilterField.Text("organization", "organization_id", NameIds.OrganizationId, "an organization name, \"organizations/{organization}\""),
        ];
        if (view == StakeholderView.Full)
        {
            // Filtering by gender reveals it, so it needs the view that may show it.
            fields.Add(FilterField.Enum<Gender>("gender", "gender"));
        }

        return new ListSpec("stakeholders", fields, OrderFields, "display_name");
    }

    private readonly ListSpec organizationListSpec = new(
        "organizations",
        [
            FilterField.Enum<StakeholderGroup>("stakeholder_group", "stakeholder_group"),
            FilterField.Boolean("multistakeholder", "multistakeholder"),
            FilterField.Text("country_code", "country_code", rules.NormaliseCountry, "an ISO 3166-1 alpha-2 code, e.g. \"FI\""),
        ],
        OrderFields,
        "display_name");

    public override async Task<Stakeholder> CreateStakeholder(CreateStakeholderRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var row = ValidNewStakeholder(request.Stakeholder, violations, "stakeholder", DataSource.RecordedByStaff);
        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateStakeholder));
        violations.ThrowIfAny();
        var created = await store.CreateStakeholderAsync(row!, claim, r => StakeholderRules.ToProto(r, StakeholderView.Basic).ToByteArray());
        return created.ReplayedResponse is { } replayed
            ? WithPersonalDataAsItIsNow(Stakeholder.Parser.ParseFrom(replayed))
            : StakeholderRules.ToProto(created.Row!, StakeholderView.Full);
    }

    public override async Task<BatchCreateStakeholdersResponse> BatchCreateStakeholders(BatchCreateStakeholdersRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        if (request.Requests.Count == 0)
        {
            violations.Add("requests", $"Give 1 to {MaxBatch} requests.");
        }
        else if (request.Requests.Count > MaxBatch)
        {
            violations.Add("requests", $"At most {MaxBatch} requests per call; {request.Requests.Count} were given.");
        }

        var source = request.Source == DataSource.Unspecified ? DataSource.RecordedByStaff : request.Source;
        if (source is not (DataSource.RecordedByStaff or DataSource.Imported))
        {
            violations.Add("source", "DATA_SOURCE_IMPORTED or DATA_SOURCE_RECORDED_BY_STAFF: only the person's own declaration records SELF_DECLARED.");
        }

        var rows = new List<StakeholderRow>();
        for (var i = 0; i < request.Requests.Count && i < MaxBatch; i++)
        {
            var item = request.Requests[i];
            if (item.RequestId.Length > 0)
            {
                violations.Add($"requests[{i}].request_id", "Set request_id on the batch, not on its items.");
            }

            var row = ValidNewStakeholder(item.Stakeholder, violations, $"requests[{i}].stakeholder", source);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(BatchCreateStakeholders));
        violations.ThrowIfAny();
        var created = await store.CreateStakeholdersAsync(rows, claim, r => ToBatchResponse(r, StakeholderView.Basic).ToByteArray(), i => $"requests[{i}].stakeholder.organization");
        return created.ReplayedResponse is { } replayed
            ? new BatchCreateStakeholdersResponse
            {
                Stakeholders = { BatchCreateStakeholdersResponse.Parser.ParseFrom(replayed).Stakeholders.Select(WithPersonalDataAsItIsNow) },
            }
            : ToBatchResponse(created.Row!, StakeholderView.Full);
    }

    private static BatchCreateStakeholdersResponse ToBatchResponse(IReadOnlyList<StakeholderRow> rows, StakeholderView view) =>
        new() { Stakeholders = { rows.Select(r => StakeholderRules.ToProto(r, view)) } };

    /// <summary>
    /// The request-id ledger keeps no personal data (it outlives erasure requests by up to 7 days),
    /// so a replay takes gender, email and attributes from the person's record as it is now, and
    /// returns none for a person erased or deleted since.
    /// </summary>
    private Stakeholder WithPersonalDataAsItIsNow(Stakeholder stored)
    {
        try
        {
            var current = StakeholderRules.ToProto(store.GetStakeholder(ResourceName.Parse<StakeholderName>(stored.Name, "name")), StakeholderView.Full);
            stored.Gender = current.Gender;
            stored.GenderSelfDescription = current.GenderSelfDescription;
            stored.Provenance = current.Provenance;
            stored.Email = current.Email;
            stored.Attributes.Clear();
            stored.Attributes.AddRange(current.Attributes);
        }
        catch (RegistryException e) when (e.Reason == ErrorReason.StakeholderNotFound)
        {
            // Erased or deleted: the stored response already holds no personal data.
        }

        return stored;
    }

    private StakeholderRow? ValidNewStakeholder(Stakeholder? stakeholder, Violations violations, string path, DataSource source)
    {
        if (stakeholder is null)
        {
            violations.Add(path, "Required.");
            return null;
        }

        rules.Validate(stakeholder, fields: null, violations.At(path));
        return Provenance.ForNew(rules.Apply(stakeholder, StakeholderRules.UpdatableStakeholderFields.ToHashSet(), new StakeholderRow()), source);
    }

    public override Task<Stakeholder> GetStakeholder(GetStakeholderRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var view = ResolveView(request.View);
        var name = ResourceName.Parse<StakeholderName>(request.Name, "name");
        if (view == StakeholderView.Full)
        {
            rights.RequireOverStakeholder(caller, name.StakeholderId, "view", "STAKEHOLDER_VIEW_FULL");
        }

        var row = store.GetStakeholder(name);
        return Task.FromResult(Disclosed(row, view, rights.OverStakeholder(caller, row.Id)));
    }

    public override Task<ListStakeholdersResponse> ListStakeholders(ListStakeholdersRequest request, ServerCallContext context)
    {
        var caller = context.GetCaller();
        var view = ResolveView(request.View);
        if (view == StakeholderView.Full)
        {
            rights.RequireFull(caller, "view", "STAKEHOLDER_VIEW_FULL");
        }

        if (FilterParser.Parse(request.Filter).Any(t => t.Field == "gender"))
        {
            rights.RequireFull(caller, "filter", "Filtering by gender");
        }

        IReadOnlySet<string> over = new HashSet<string>();
        var stakeholders = lists.Page(
            StakeholderListSpec(view),
            "",
            (request.PageSize, request.PageToken, request.Filter, request.OrderBy),
            query =>
            {
                var page = store.ListStakeholders(query);
                over = rights.OverStakeholders(caller, page.Items.Select(r => r.Id).ToList());
                return page;
            },
            r => Disclosed(r, view, over.Contains(r.Id)));
        return Task.FromResult(new ListStakeholdersResponse { Stakeholders = { stakeholders.Items }, NextPageToken = stakeholders.NextPageToken });
    }

    /// <summary>
    /// The stakeholder as the caller may see it: without rights over the person, no personal fields, and
    /// no name or affiliation when the person refused publication; what was left out is listed.
    /// </summary>
    private static Stakeholder Disclosed(StakeholderRow row, StakeholderView view, bool overPerson)
    {
        var stakeholder = StakeholderRules.ToProto(row, view);
        if (overPerson)
        {
            return stakeholder;
        }

        stakeholder.RedactedFields.AddRange(PersonalDataRights.PersonalFields);
        if (stakeholder.PublicationConsent == PublicationConsent.Refused)
        {
            stakeholder.DisplayName = "";
            stakeholder.Affiliation = "";
            stakeholder.RedactedFields.AddRange(PersonalDataRights.ConsentFields);
        }

        return stakeholder;
    }

    public override async Task<Stakeholder> UpdateStakeholder(UpdateStakeholderRequest request, ServerCallContext context)
    {
        var stakeholder = request.Stakeholder ?? new Stakeholder();
        var name = ResourceName.Parse<StakeholderName>(stakeholder.Name, "stakeholder.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, stakeholder, StakeholderRules.UpdatableStakeholderFields, "stakeholder", (paths, at) => rules.Validate(stakeholder, paths, at));
        var row = await store.UpdateStakeholderAsync(
            name, Etags.Expected(stakeholder.Etag), current => Provenance.ForChanged(current.Copy(), rules.Apply(stakeholder, fields, current), DataSource.RecordedByStaff));
        return StakeholderRules.ToProto(row, StakeholderView.Full);
    }

    public override Task<Empty> DeleteStakeholder(DeleteStakeholderRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteStakeholderAsync(ResourceName.Parse<StakeholderName>(request.Name, "name"), Etags.Expected(request.Etag), request.Force));

    public override async Task<Organization> CreateOrganization(CreateOrganizationRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var organization = request.Organization;
        if (organization is null)
        {
            violations.Add("organization", "Required.");
        }
        else
        {
            rules.Validate(organization, fields: null, violations.At("organization"));
        }

        var claim = RequestIdClaim.From(request, request.RequestId, nameof(CreateOrganization));
        violations.ThrowIfAny();
        var row = rules.Apply(organization!, StakeholderRules.UpdatableOrganizationFields.ToHashSet(), new OrganizationRow());
        var created = await store.CreateOrganizationAsync(row, claim, r => StakeholderRules.ToProto(r).ToByteArray());
        return created.Response(StakeholderRules.ToProto, Organization.Parser);
    }

    public override Task<Organization> GetOrganization(GetOrganizationRequest request, ServerCallContext context)
    {
        var name = ResourceName.Parse<OrganizationName>(request.Name, "name");
        return Task.FromResult(StakeholderRules.ToProto(store.GetOrganization(name)));
    }

    public override Task<ListOrganizationsResponse> ListOrganizations(ListOrganizationsRequest request, ServerCallContext context)
    {
        var organizations = lists.Page(
            organizationListSpec, "", (request.PageSize, request.PageToken, request.Filter, request.OrderBy), store.ListOrganizations, StakeholderRules.ToProto);
        return Task.FromResult(new ListOrganizationsResponse { Organizations = { organizations.Items }, NextPageToken = organizations.NextPageToken });
    }

    public override async Task<Organization> UpdateOrganization(UpdateOrganizationRequest request, ServerCallContext context)
    {
        var organization = request.Organization ?? new Organization();
        var name = ResourceName.Parse<OrganizationName>(organization.Name, "organization.name");
        var fields = UpdateMasks.Validated(
            request.UpdateMask, organization, StakeholderRules.UpdatableOrganizationFields, "organization", (paths, at) => rules.Validate(organization, paths, at));
        var row = await store.UpdateOrganizationAsync(name, Etags.Expected(organization.Etag), current => rules.Apply(organization, fields, current));
        return StakeholderRules.ToProto(row);
    }

    public override Task<Empty> DeleteOrganization(DeleteOrganizationRequest request, ServerCallContext context) =>
        Replies.DeletedAsync(() => store.DeleteOrganizationAsync(ResourceName.Parse<OrganizationName>(request.Name, "name"), Etags.Expected(request.Etag)));

    private static StakeholderView ResolveView(StakeholderView view)
    {
        if (!System.Enum.IsDefined(view))
        {
            throw RegistryException.InvalidArgument("view", "Must be STAKEHOLDER_VIEW_BASIC or STAKEHOLDER_VIEW_FULL.");
        }

        return view == StakeholderView.Unspecified ? StakeholderView.Basic : view;
    }
}
