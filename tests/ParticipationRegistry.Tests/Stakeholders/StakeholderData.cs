using Google.Protobuf.WellKnownTypes;
using ParticipationRegistry.V1;
using Client = ParticipationRegistry.V1.StakeholderService.StakeholderServiceClient;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>Building blocks for the StakeholderService tests: requests, bulk creation, page walks.</summary>
internal static class StakeholderData
{
    public const int MaxBatch = 1000;

    public static Stakeholder Person(string displayName, string countryCode = "") =>
        new() { DisplayName = displayName, CountryCode = countryCode };

    /// <summary>A stakeholder with every field set, personal data included.</summary>
    public static Stakeholder FullPerson(string displayName = "Anriette Esterhuysen") => new()
    {
        DisplayName = displayName,
        Affiliation = "Executive Director, Association for Progressive Communications",
        StakeholderGroup = StakeholderGroup.CivilSociety,
        CountryCode = "ZA",
        Gender = Gender.Woman,
        Attributes = { StakeholderAttribute.Academia, StakeholderAttribute.PersonWithDisability },
        Email = "anriette@example.org",
    };

    public static Task<Stakeholder> CreateAsync(this Client client, Stakeholder stakeholder) =>
        client.CreateStakeholderAsync(new CreateStakeholderRequest { Stakeholder = stakeholder }).ResponseAsync;

    public static Task<Stakeholder> CreateAsync(this Client client, string displayName, string countryCode = "") =>
        client.CreateAsync(Person(displayName, countryCode));

    public static Task<Organization> CreateOrganizationAsync(this Client client, string displayName, bool multistakeholder = false) =>
        client.CreateOrganizationAsync(new CreateOrganizationRequest
        {
            Organization = new Organization { DisplayName = displayName, Multistakeholder = multistakeholder },
        }).ResponseAsync;

    public static Task<Stakeholder> GetFullAsync(this Client client, string name) =>
        client.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full }).ResponseAsync;

    /// <summary>Creates <paramref name="count"/> stakeholders through BatchCreateStakeholders, 1000 per call.</summary>
    public static async Task<IReadOnlyList<Stakeholder>> CreateManyAsync(this Client client, int count, Func<int, Stakeholder> make)
    {
        var created = new List<Stakeholder>(count);
        for (var start = 0; start < count; start += MaxBatch)
        {
            var batch = new BatchCreateStakeholdersRequest();
            for (var i = start; i < Math.Min(count, start + MaxBatch); i++)
            {
                batch.Requests.Add(new CreateStakeholderRequest { Stakeholder = make(i) });
            }

            created.AddRange((await client.BatchCreateStakeholdersAsync(batch)).Stakeholders);
        }

        return created;
    }

    public static BatchCreateStakeholdersRequest Batch(IEnumerable<Stakeholder> stakeholders) =>
        new() { Requests = { stakeholders.Select(s => new CreateStakeholderRequest { Stakeholder = s }) } };

    /// <summary>
    /// Follows next_page_token from the first page to the last, asserting that every page but the
    /// last carries a token and is full; returns every item in the order served.
    /// </summary>
    public static async Task<List<Stakeholder>> ListAllAsync(this Client client, ListStakeholdersRequest first)
    {
        var all = new List<Stakeholder>();
        var request = first.Clone();
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, "The page walk does not end.");
            var page = await client.ListStakeholdersAsync(request);
            all.AddRange(page.Stakeholders);
            if (page.NextPageToken.Length == 0)
            {
                return all;
            }

            Assert.Equal(request.PageSize, page.Stakeholders.Count);
            request.PageToken = page.NextPageToken;
        }
    }

    public static async Task<List<Organization>> ListAllAsync(this Client client, ListOrganizationsRequest first)
    {
        var all = new List<Organization>();
        var request = first.Clone();
        for (var pages = 0; ; pages++)
        {
            Assert.True(pages < 10_000, "The page walk does not end.");
            var page = await client.ListOrganizationsAsync(request);
            all.AddRange(page.Organizations);
            if (page.NextPageToken.Length == 0)
            {
                return all;
            }

            Assert.Equal(request.PageSize, page.Organizations.Count);
            request.PageToken = page.NextPageToken;
        }
    }

    /// <summary>Every stakeholder's name, in list order (all pages).</summary>
    public static async Task<List<string>> AllNamesAsync(this Client client, string filter = "") =>
        (await client.ListAllAsync(new ListStakeholdersRequest { PageSize = 1000, Filter = filter })).Select(s => s.Name).ToList();

    public static async Task<List<string>> AllOrganizationNamesAsync(this Client client) =>
        (await client.ListAllAsync(new ListOrganizationsRequest { PageSize = 1000 })).Select(o => o.Name).ToList();

    /// <summary>The id part of a resource name (<c>stakeholders/{id}</c>).</summary>
    public static string IdOf(string name, string collection)
    {
        Assert.StartsWith(collection + "/", name, StringComparison.Ordinal);
        return name[(collection.Length + 1)..];
    }

    /// <summary>A server-generated id: a UUID, carrying nothing of the display name.</summary>
    public static void AssertGeneratedId(string name, string collection, string displayName)
    {
        var id = IdOf(name, collection);
        Assert.True(Guid.TryParseExact(id, "D", out _), $"'{id}' is not a UUID.");
        foreach (var word in displayName.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length >= 3))
        {
            Assert.DoesNotContain(word, id, StringComparison.OrdinalIgnoreCase);
        }
    }

    public static FieldMask Mask(params string[] paths) => new() { Paths = { paths } };
}
