using Grpc.Core;
using Grpc.Health.V1;
using ParticipationRegistry.Examples;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Client.Tests;

[Collection(SharedLiveRegistry.Name)]
public sealed class RegistryClientTests(LiveRegistry registry)
{
    [Fact]
    public async Task Paging_follows_next_page_token_through_every_page()
    {
        using var client = registry.Admin();
        var country = "NO";
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var person = await client.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
            {
                Stakeholder = new Stakeholder { DisplayName = $"Paged person {i}", StakeholderGroup = StakeholderGroup.TechnicalCommunity, CountryCode = country },
            });
            created.Add(person.Name);
        }

        var request = new ListStakeholdersRequest { PageSize = 2, Filter = $"country_code = \"{country}\"" };
        var listed = new List<string>();
        await foreach (var person in Pages.All(request, client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders))
        {
            listed.Add(person.Name);
        }

        Assert.Equal(created.Order(), listed.Order());
        Assert.Empty(request.PageToken);
    }

    [Fact]
    public async Task Paging_stops_when_cancelled()
    {
        using var client = registry.Admin();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        var pages = Pages.All(new ListStakeholdersRequest(), client.Stakeholders.ListStakeholdersAsync, r => r.Stakeholders, cancellation.Token);

        var e = await Assert.ThrowsAsync<RegistryCallException>(async () => await pages.GetAsyncEnumerator().MoveNextAsync());
        Assert.Equal(StatusCode.Cancelled, e.StatusCode);
    }

    [Fact]
    public async Task Update_with_stale_etag_is_aborted_with_its_reason()
    {
        using var client = registry.Admin();
        var person = await client.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "Etag person", StakeholderGroup = StakeholderGroup.PrivateSector, CountryCode = "SE" },
        });
        var renamed = person.Clone();
        renamed.DisplayName = "Etag person, renamed";
        await client.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest { Stakeholder = renamed, UpdateMask = new() { Paths = { "display_name" } } });

        var stale = person.Clone();
        stale.Affiliation = "Written over a stale copy";
        var e = await Assert.ThrowsAsync<RegistryCallException>(() =>
            client.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest { Stakeholder = stale, UpdateMask = new() { Paths = { "affiliation" } } }).ResponseAsync);

        Assert.Equal(StatusCode.Aborted, e.StatusCode);
        Assert.Equal("ETAG_MISMATCH", e.Reason);
        Assert.Equal("participation.registry.v1", e.Domain);
        Assert.Equal(person.Name, e.Metadata["resource"]);
    }

    [Fact]
    public async Task Invalid_argument_carries_one_field_violation_per_bad_field()
    {
        using var client = registry.Admin();

        var e = await Assert.ThrowsAsync<RegistryCallException>(() => client.Stakeholders.CreateStakeholderAsync(new CreateStakeholderRequest
        {
            Stakeholder = new Stakeholder { DisplayName = "", CountryCode = "ZZ" },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Equal("INVALID_ARGUMENT", e.Reason);
        Assert.Contains(e.FieldViolations, v => v.Field == "stakeholder.display_name" && v.Description.Length > 0);
        Assert.Contains(e.FieldViolations, v => v.Field == "stakeholder.country_code" && v.Description.Length > 0);
    }

    [Fact]
    public async Task Unknown_key_is_refused_as_unauthenticated()
    {
        using var client = RegistryClient.Create(registry.Address, "prk_not-a-key-this-registry-ever-issued");

        var e = await Assert.ThrowsAsync<RegistryCallException>(() => client.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, e.StatusCode);
        Assert.Equal("UNAUTHENTICATED", e.Reason);
    }

    [Fact]
    public void Blocking_calls_are_translated_too()
    {
        using var client = RegistryClient.Create(registry.Address, "prk_not-a-key-this-registry-ever-issued");

        var e = Assert.Throws<RegistryCallException>(() => client.Stakeholders.ListStakeholders(new ListStakeholdersRequest()));

        Assert.Equal("UNAUTHENTICATED", e.Reason);
    }

    [Fact]
    public async Task Rate_limit_refusal_says_when_to_retry()
    {
        var limited = new LiveRegistry(rateLimit: 1);
        await limited.InitializeAsync();
        try
        {
            using var client = limited.Admin();
            RegistryCallException? refusal = null;
            for (var call = 0; call < 50 && refusal is null; call++)
            {
                refusal = await Record.ExceptionAsync(() => client.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest()).ResponseAsync) as RegistryCallException;
            }

            Assert.NotNull(refusal);
            Assert.Equal(StatusCode.ResourceExhausted, refusal.StatusCode);
            Assert.Equal("RATE_LIMITED", refusal.Reason);
            Assert.True(refusal.RetryAfter > TimeSpan.Zero);
        }
        finally
        {
            await limited.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_answers_without_a_key_being_needed()
    {
        using var client = registry.Admin();

        var health = await client.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Readme_example_checks_the_panel_and_prints_each_rule()
    {
        var output = new StringWriter();

        var check = await Quickstart.RunAsync(registry.Address, registry.AdminKey, output);

        Assert.Equal(Verdict.Unbalanced, check.Verdict);
        Assert.NotEmpty(check.RuleResults);
        var printed = output.ToString();
        Assert.StartsWith("Quo Vadis IGF – or Evolution of IGF: Unbalanced", printed);
        Assert.All(check.RuleResults, rule => Assert.Contains(rule.Explanation, printed));
        Assert.Contains("4 of 5 speakers (80%) are from WEOG", printed);
        // The README shows what the example prints, as it prints it.
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains($"```text\n{printed.ReplaceLineEndings("\n")}```", readme);
        Assert.Equal(6, check.Composition.People);
    }

    [Fact]
    public void Readme_shows_the_example_file_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "README.md"));
        var example = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "examples", "Quickstart.cs"));

        Assert.Contains($"```csharp\n{example}```", readme.ReplaceLineEndings("\n"));
    }
}
