using Google.Protobuf.Reflection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Audit;

/// <summary>Every method of every service is either a mutation (recorded) or a declared read: a new method must be classified.</summary>
public sealed class AuditCoverageTests
{
    private static IEnumerable<string> EveryMethod() =>
        typeof(StakeholderService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)?.GetValue(null))
            .OfType<ServiceDescriptor>()
            .SelectMany(s => s.Methods.Select(m => $"/{s.FullName}/{m.Name}"))
            .Concat(AccessRules.ByMethod.Keys)
            .Distinct();

    [Fact]
    public void Every_method_is_a_recorded_mutation_or_a_declared_read_and_never_both()
    {
        var unclassified = EveryMethod().Where(m => AuditedMethods.IsWrite(m) == AuditedMethods.Reads.Contains(m)).ToList();

        Assert.Empty(unclassified);
    }

    [Fact]
    public void The_mutations_are_the_create_update_delete_revoke_erase_merge_unmerge_and_mark_methods()
    {
        var writes = EveryMethod().Where(AuditedMethods.IsWrite).Select(m => m[(m.LastIndexOf('/') + 1)..]).Order().ToList();

        Assert.Contains("EraseStakeholder", writes);
        Assert.Contains("RevokeApiKey", writes);
        Assert.Contains("BatchCreateStakeholders", writes);
        Assert.Contains("MergeStakeholders", writes);
        Assert.Contains("UnmergeStakeholder", writes);
        Assert.Contains("MarkNotDuplicate", writes);
        Assert.DoesNotContain("ExportStakeholderData", writes);
        Assert.DoesNotContain("ListDuplicateCandidates", writes);
        Assert.Equal(EveryMethod().Count(m => System.Text.RegularExpressions.Regex.IsMatch(m, "/(Create|BatchCreate|Update|Delete|Revoke|Erase|Merge|Unmerge|Mark)[A-Z][A-Za-z]*$")), writes.Count);
    }
}
