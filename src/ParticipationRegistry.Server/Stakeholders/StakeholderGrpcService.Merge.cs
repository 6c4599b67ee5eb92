using Grpc.Core;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>
/// MergeStakeholders (editor): the duplicates' seats and registrations move to the primary; their names become aliases.
/// UnmergeStakeholder (editor) undoes it for one duplicate.
/// </summary>
public sealed partial class StakeholderGrpcService
{
    public const int MaxMergedDuplicates = 20;

    public override async Task<MergeStakeholdersResponse> MergeStakeholders(MergeStakeholdersRequest request, ServerCallContext context)
    {
        var violations = new Violations();
        var primary = ResourceName.Check<StakeholderName>(request.Primary, violations, "primary");
        var duplicates = new List<StakeholderName>();
        if (request.Duplicates.Count is 0 or > MaxMergedDuplicates)
        {
            violations.Add("duplicates", $"Give 1 to {MaxMergedDuplicates} stakeholders.");
        }

        for (var i = 0; i < request.Duplicates.Count && i < MaxMergedDuplicates; i++)
        {
            if (ResourceName.Check<StakeholderName>(request.Duplicates[i], violations, $"duplicates[{i}]") is not { } duplicate)
            {
                continue;
            }

            if (duplicate == primary)
            {
                violations.Add($"duplicates[{i}]", "The primary cannot be merged into itself.");
            }
            else if (duplicates.Contains(duplicate))
            {
                violations.Add($"duplicates[{i}]", "Listed twice.");
            }
            else
            {
                duplicates.Add(duplicate);
            }
        }

        // An empty mask keeps every field of the primary (unlike UpdateStakeholder, where it means "the fields set").
        IReadOnlySet<string> fields = new HashSet<string>();
        var stakeholder = request.Stakeholder ?? new Stakeholder();
        if (request.UpdateMask is { Paths.Count: > 0 })
        {
            fields = UpdateMasks.Resolve(request.UpdateMask, stakeholder, StakeholderRules.UpdatableStakeholderFields, violations);
            rules.Validate(stakeholder, fields, violations.At("stakeholder"));
        }

        violations.ThrowIfAny();
        var merged = await store.MergeStakeholdersAsync(
            primary!,
            duplicates,
            Etags.Expected(request.Etag),
            current => fields.Count == 0
                ? current
                : Provenance.ForChanged(current.Copy(), rules.Apply(stakeholder, fields, current), DataSource.RecordedByStaff));
        return new MergeStakeholdersResponse
        {
            Stakeholder = StakeholderRules.ToProto(merged.Primary, StakeholderView.Full),
            MovedParticipants = { merged.MovedParticipants },
            MovedRegistrations = { merged.MovedRegistrations },
        };
    }

    public override async Task<Stakeholder> UnmergeStakeholder(UnmergeStakeholderRequest request, ServerCallContext context)
    {
        var name = ResourceName.Parse<StakeholderName>(request.Name, "name");
        var result = await store.UnmergeStakeholderAsync(name, Etags.Expected(request.Etag));
        // The request names the duplicate only: the primary's history shows the undo too.
        AuditedMethods.AlsoAbout(context, result.Primary.ToString(), ["duplicates"]);
        return StakeholderRules.ToProto(result.Restored, StakeholderView.Full);
    }
}
