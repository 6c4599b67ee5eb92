using Microsoft.Playwright;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// A person's declaration as they would make it: Chromium opens the organiser's link on the server's real
/// HTTP port, the form is filled by its labels and submitted, and the gRPC API then shows what was declared.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class DeclarationBrowserTests(Chromium chromium) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => chromium.CloseContextsAsync();

    private const string Wolfgang = "Wolfgang Kleinwächter";

    [Fact]
    public async Task A_person_on_the_seed_panel_declares_through_the_organisers_link_and_the_check_counts_them()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        Assert.Equal(7, panel.Links.Count);
        var link = panel.LinkOf(Wolfgang);
        Assert.StartsWith($"{registry.HttpUrl}/declare/", link.Url);
        var before = await panel.CheckAsync();
        Assert.Equal(Gender.Unspecified, (await registry.FullAsync(link.Stakeholder)).Gender);
        var page = await chromium.NewPageAsync();

        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your details in the participation registry");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(Wolfgang);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("University of Aarhus");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Peter Major");
        await page.GetByLabel("Man", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Academia").CheckAsync();
        await page.GetByLabel("Yes, publish my name").CheckAsync();
        await page.GetByLabel("Email address").FillAsync("wolfgang@example.org");
        Assert.Equal(200, await SeedPanel.SubmitAsync(page));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your details were saved");
        var saved = page.GetByRole(AriaRole.Main);
        await Assertions.Expect(saved.Locator("dt")).ToHaveTextAsync(["Gender", "Also applies to me", "Your name on the published programme", "Email address"]);
        await Assertions.Expect(saved.Locator("dd")).ToHaveTextAsync(["Man", "Academia", "Yes, publish my name", "wolfgang@example.org"]);

        var full = await registry.FullAsync(link.Stakeholder);
        Assert.Equal(Gender.Man, full.Gender);
        Assert.Equal([StakeholderAttribute.Academia], full.Attributes);
        Assert.Equal(PublicationConsent.Given, full.PublicationConsent);
        Assert.Equal("wolfgang@example.org", full.Email);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Gender.Source);
        Assert.Equal(full.UpdateTime, full.Provenance.Gender.Time);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Attributes.Source);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Email.Source);

        var after = await panel.CheckAsync();
        Assert.Equal(SeedPanel.Count(before, Gender.Man) + 1, SeedPanel.Count(after, Gender.Man));
        Assert.Equal(SeedPanel.Count(before, Gender.Unspecified) - 1, SeedPanel.Count(after, Gender.Unspecified));
        // Nobody else on the panel changed: Peter Major's gender is still the one the quickstart recorded.
        var peter = await registry.FullAsync(panel.LinkOf("Peter Major").Stakeholder);
        Assert.NotEqual(DataSource.SelfDeclared, peter.Provenance.Gender.Source);
    }

    [Fact]
    public async Task Opening_a_used_link_again_is_refused_with_a_clear_page_and_changes_nothing()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Wolfgang);
        var page = await chromium.NewPageAsync();
        // A second tab holds the form from before the link was used.
        var staleTab = await page.Context.NewPageAsync();
        await SeedPanel.OpenAsync(staleTab, link.Url);
        await SeedPanel.OpenAsync(page, link.Url);
        await page.GetByLabel("Woman").CheckAsync();
        Assert.Equal(200, await SeedPanel.SubmitAsync(page));
        var declared = await panel.PeopleAsync();

        Assert.Equal(410, await SeedPanel.OpenAsync(page, link.Url));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has already been used");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nothing was changed.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);

        await staleTab.GetByLabel("Non-binary").CheckAsync();
        Assert.Equal(410, await SeedPanel.SubmitAsync(staleTab));
        await Assertions.Expect(staleTab.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has already been used");
        Assert.Equal(declared, await panel.PeopleAsync());
        Assert.Equal(Gender.Woman, (await registry.FullAsync(link.Stakeholder)).Gender);
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_a_clear_page_and_changes_nothing()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Wolfgang);
        var page = await chromium.NewPageAsync();
        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
        await page.GetByLabel("Man", new() { Exact = true }).CheckAsync();
        var before = await panel.PeopleAsync();

        registry.Clock.Advance(link.ExpireTime.ToDateTimeOffset() - registry.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));

        Assert.Equal(410, await SeedPanel.SubmitAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has expired");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nothing was changed.");
        Assert.Equal(410, await SeedPanel.OpenAsync(page, link.Url));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link has expired");
        Assert.Equal(before, await panel.PeopleAsync());
    }

    [Fact]
    public async Task A_forged_token_is_refused_with_a_clear_page_and_changes_nothing()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Wolfgang);
        var before = await panel.PeopleAsync();
        var page = await chromium.NewPageAsync();
        var token = link.Url[(link.Url.LastIndexOf('/') + 1)..];
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        foreach (var forged in new[] { new string('A', 43), altered, "not-a-token" })
        {
            Assert.Equal(404, await SeedPanel.OpenAsync(page, $"{registry.HttpUrl}/declare/{forged}"));
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link is not valid");
            await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nothing was changed.");
            await Assertions.Expect(page.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
        }

        Assert.Equal(before, await panel.PeopleAsync());
        // The real link still works: the forgeries used nothing up.
        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
    }

    [Fact]
    public async Task A_new_link_withdraws_consent_and_clears_gender_and_attributes_and_the_check_sees_it_at_once()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var page = await chromium.NewPageAsync();
        await SeedPanel.OpenAsync(page, panel.LinkOf(Wolfgang).Url);
        await page.GetByLabel("Man", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Media").CheckAsync();
        await page.GetByLabel("Yes, publish my name").CheckAsync();
        await SeedPanel.SubmitAsync(page);
        var declared = await panel.CheckAsync();
        var (reported, reportedOwn) = (await ReportAsync(registry, selfDeclaredOnly: false), await ReportAsync(registry, selfDeclaredOnly: true));

        var link = await panel.NewLinkAsync(Wolfgang);
        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
        await Assertions.Expect(page.GetByLabel("Man", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Media")).ToBeCheckedAsync();
        await page.GetByLabel("Remove my gender from the record").CheckAsync();
        await page.GetByLabel("Media").UncheckAsync();
        await page.GetByLabel("No, do not publish my name").CheckAsync();
        Assert.Equal(200, await SeedPanel.SubmitAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Main).Locator("dd")).ToHaveTextAsync(["Not recorded", "None", "No, do not publish my name", "None"]);

        var full = await registry.FullAsync(link.Stakeholder);
        Assert.Equal(Gender.Unspecified, full.Gender);
        Assert.Empty(full.Attributes);
        Assert.Equal(PublicationConsent.Refused, full.PublicationConsent);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Gender.Source);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.PublicationConsent.Source);
        var withdrawn = await panel.CheckAsync();
        Assert.Equal(SeedPanel.Count(declared, Gender.Man) - 1, SeedPanel.Count(withdrawn, Gender.Man));
        Assert.Equal(SeedPanel.Count(declared, Gender.Unspecified) + 1, SeedPanel.Count(withdrawn, Gender.Unspecified));

        // The meeting's report sees it at once, full and restricted to self-declared data: his man becomes not
        // recorded; he still stated it himself (he removed it), so the self-declared count stays.
        foreach (var selfDeclaredOnly in new[] { false, true })
        {
            var before = selfDeclaredOnly ? reportedOwn : reported;
            var after = await ReportAsync(registry, selfDeclaredOnly);
            Assert.Equal(GenderCounts(before)["GENDER_MAN"] - 1, GenderCounts(after)["GENDER_MAN"]);
            Assert.Equal(GenderCounts(before)["GENDER_UNSPECIFIED"] + 1, GenderCounts(after)["GENDER_UNSPECIFIED"]);
            Assert.Equal(SelfDeclared(before), SelfDeclared(after));
        }

        Assert.Equal(1, SelfDeclared(reported));
        Assert.Equal(1, GenderCounts(reportedOwn)["GENDER_MAN"]);
        Assert.Equal(0, GenderCounts(await ReportAsync(registry, selfDeclaredOnly: true))["GENDER_MAN"]);
    }

    [Fact]
    public async Task A_report_restricted_to_self_declared_data_differs_from_the_full_one_exactly_by_the_people_who_did_not_declare()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        // Wolfgang had no gender recorded; Mervi's "woman" was recorded by staff and she confirms it.
        foreach (var (person, gender) in new[] { (Wolfgang, "Man"), ("Mervi Kultamaa", "Woman") })
        {
            var page = await chromium.NewPageAsync();
            await SeedPanel.OpenAsync(page, panel.LinkOf(person).Url);
            await page.GetByLabel(gender, new() { Exact = true }).CheckAsync();
            Assert.Equal(200, await SeedPanel.SubmitAsync(page));
        }

        var full = await ReportAsync(registry, selfDeclaredOnly: false);
        var declared = await ReportAsync(registry, selfDeclaredOnly: true);

        var all = GenderCounts(full);
        var own = GenderCounts(declared);
        Assert.Equal(1, own["GENDER_MAN"]);
        Assert.Equal(1, own["GENDER_WOMAN"]);
        // The men the quickstart recorded (Peter Major, Markus Kummer, Parminder Jeet Singh) count as not recorded.
        Assert.Equal(3, all["GENDER_MAN"] - own["GENDER_MAN"]);
        Assert.Equal(
            all["GENDER_UNSPECIFIED"] + (all["GENDER_MAN"] - own["GENDER_MAN"]) + (all["GENDER_WOMAN"] - own["GENDER_WOMAN"]),
            own["GENDER_UNSPECIFIED"]);
        Assert.Equal(full.Panellists, declared.Panellists);
        Assert.Equal(2, full.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == Population.Panellists).SelfDeclared);
    }

    private static Task<DiversityReport> ReportAsync(LiveRegistry registry, bool selfDeclaredOnly) =>
        registry.Admin.Reports.GetMeetingDiversityAsync(new GetMeetingDiversityRequest
        {
            Name = "meetings/quickstart-2012",
            Options = new ReportOptions { IncludePersonalData = true, SelfDeclaredOnly = selfDeclaredOnly },
        }).ResponseAsync;

    private static long SelfDeclared(DiversityReport report) =>
        report.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == Population.Panellists).SelfDeclared;

    private static Dictionary<string, long> GenderCounts(DiversityReport report) =>
        report.Breakdowns.Single(b => b.Dimension == ReportDimension.Gender && b.Population == Population.Panellists)
            .Categories.ToDictionary(c => c.Category, c => c.Count);

    [Fact]
    public async Task A_form_posted_to_the_link_from_another_page_is_refused_changes_nothing_and_the_link_still_works()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Wolfgang);
        var before = await panel.PeopleAsync();
        var page = await chromium.NewPageAsync();
        // Another site's page that knows the link (but not the form's CSRF token) posts to it.
        await page.SetContentAsync($"""
            <!DOCTYPE html><html lang="en"><head><title>Elsewhere</title></head><body>
            <form method="post" action="{link.Url}"><input type="hidden" name="gender" value="woman"><button>Save my details</button></form>
            </body></html>
            """);

        Assert.Equal(400, await SeedPanel.SubmitAsync(page));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This form could not be accepted");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Nothing was changed.");
        Assert.Equal(before, await panel.PeopleAsync());
        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
    }

    [Fact]
    public async Task A_link_replaced_by_a_newer_one_is_refused_with_a_clear_page_and_changes_nothing()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var page = await chromium.NewPageAsync();
        await SeedPanel.OpenAsync(page, panel.LinkOf(Wolfgang).Url);
        await page.GetByLabel("Woman").CheckAsync();
        var before = await panel.PeopleAsync();

        await panel.NewLinkAsync(Wolfgang);

        Assert.Equal(410, await SeedPanel.SubmitAsync(page));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link was replaced by a newer one");
        Assert.Equal(before, await panel.PeopleAsync());
    }
}
