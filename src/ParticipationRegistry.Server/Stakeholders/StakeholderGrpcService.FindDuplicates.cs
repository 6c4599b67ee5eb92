using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders.Duplicates;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>FindDuplicateCandidates (editor, see AccessRules): the existing people likely to be each proposed one.</summary>
public sealed partial class StakeholderGrpcService
{
    private static readonly IReadOnlySet<string> ProposalFields = new HashSet<string>(StringComparer.Ordinal) { "display_name", "affiliation", "organization", "country_code" };

    public override Task<FindDuplicateCandidatesResponse> FindDuplicateCandidates(FindDuplicateCandidatesRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        if (double.IsNaN(request.MinConfidence) || request.MinConfidence is < 0 or > 1)
        {
            violations.Add("min_confidence", "From 0 to 1.");
        }

        if (request.Stakeholders.Count is 0 or > MaxBatch)
        {
            violations.Add("stakeholders", $"From 1 to {MaxBatch} proposed people.");
        }

        for (var i = 0; i < request.Stakeholders.Count && i < MaxBatch; i++)
        {
            rules.Validate(request.Stakeholders[i], ProposalFields, violations.At($"stakeholders[{i}]"));
        }

        violations.ThrowIfAny();
        var proposals = request.Stakeholders.Select(s => new ProposedPerson(
            s.DisplayName,
            s.Affiliation,
            s.Organization.Length > 0 && ResourceName.TryParse<OrganizationName>(s.Organization, out var organization) ? organization.OrganizationId : null,
            s.CountryCode.Length > 0 ? rules.NormaliseCountry(s.CountryCode) ?? "" : "",
            s.Email)).ToList();
        // As in ListDuplicateCandidates: only a caller with rights over everyone's personal data learns of a shared email.
        var mayKnowEmails = rights.Full(context.GetCaller());
        var found = context.GetHttpContext().RequestServices.GetRequiredService<DuplicateFinder>().FindFor(proposals, request.MinConfidence);
        var response = new FindDuplicateCandidatesResponse();
        foreach (var candidates in found)
        {
            response.Results.Add(new ProposedStakeholderDuplicates
            {
                Candidates =
                {
                    candidates
                        .Select(c => mayKnowEmails ? c : WithoutEmail(new Candidate("", c.StakeholderId, c.Confidence, c.Reasons)) is { } kept ? c with { Reasons = kept.Reasons } : null)
                        .OfType<ExistingCandidate>()
                        .Select(c => new ExistingDuplicate { Stakeholder = new StakeholderName(c.StakeholderId).ToString(), Confidence = c.Confidence, Reasons = { c.Reasons } }),
                },
            });
        }

        return Task.FromResult(response);
    }
}
