using ParticipationRegistry.V1;

namespace ParticipationRegistry.Benchmarks;

/// <summary>
/// (j): SearchStakeholders and ListDuplicateCandidates on the large registry, one call at a time. A prefix
/// search reads one index range, so its time should not grow with the registry; ListDuplicateCandidates reads
/// each block index once (five passes), so its time grows with the registry, not its square. The generated
/// people include a planted duplicate in every hundred (two letters swapped, same country).
/// </summary>
public sealed class DataQuality(BenchOptions options, ResultTable table)
{
    public async Task Run(Clients clients, ServerProcess server)
    {
        var people = $"{options.Sizes.People:N0} people";
        // The name of person 12,345 and a later word of it, as a person searching would type them.
        var name = Generator.Name(12_345);
        var queries = new (string Label, string Query)[]
        {
            ("whole name", name),
            ("first 3 letters", name[..3]),
            ("later word, first 4 letters, without diacritics", name.Split(' ')[1][..4].Replace('é', 'e').Replace('ö', 'o')),
        };
        foreach (var (label, query) in queries)
        {
            var row = $"(j) SearchStakeholders, {label}, page of 50, {people}";
            if (Selected(row))
            {
                var request = new SearchStakeholdersRequest { Query = query, PageSize = 50 };
                table.Add(await Reports.Time(row, options.Sizes.ReportCalls * 4, server, null,
                    () => clients.Stakeholders.SearchStakeholdersAsync(request, clients.Options).ResponseAsync));
            }
        }

        var candidates = $"(j) ListDuplicateCandidates, page of 50, {people}";
        if (Selected(candidates))
        {
            var request = new ListDuplicateCandidatesRequest { PageSize = 50 };
            var first = await clients.Stakeholders.ListDuplicateCandidatesAsync(request, clients.Options);
            Console.WriteLine($"  {candidates}: first page {first.Candidates.Count} pair(s), top confidence {first.Candidates.FirstOrDefault()?.Confidence:F2}");
            table.Add(await Reports.Time(candidates, options.Sizes.ReportCalls, server, null,
                () => clients.Stakeholders.ListDuplicateCandidatesAsync(request, clients.Options).ResponseAsync));
        }
    }

    private bool Selected(string name) => name.Contains(options.Only, StringComparison.OrdinalIgnoreCase);
}
