using Microsoft.Playwright;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// axe-core, run in Chromium on every page a person can meet through a link (the form, the form with an
/// error summary, the confirmation, a refused link), in English, French and Spanish: no WCAG 2.0/2.1/2.2
/// A or AA violation.
/// </summary>
[Collection(SharedChromium.Name)]
public sealed class AccessibilityTests(Chromium chromium) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => chromium.CloseContextsAsync();

    [Theory]
    [InlineData("en", "Woman", "Email address", "Save my details")]
    [InlineData("fr", "Femme", "Adresse électronique", "Enregistrer mes informations")]
    [InlineData("es", "Mujer", "Correo electrónico", "Guardar mis datos")]
    public async Task Every_declaration_page_passes_axe_core_with_no_violations(string language, string woman, string email, string save)
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf("Mervi Kultamaa");
        var page = await chromium.NewPageAsync(language, bypassCsp: true);
        var pages = new List<(string Page, AxeResult Result)>();

        Assert.Equal(200, await SeedPanel.OpenAsync(page, link.Url));
        pages.Add(("form", await Axe.RunAsync(page)));

        await page.GetByLabel(email).FillAsync("not an address");
        Assert.Equal(422, await SeedPanel.SubmitAsync(page, save));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        pages.Add(("form with an error summary", await Axe.RunAsync(page)));

        await page.GetByLabel(woman).CheckAsync();
        await page.GetByLabel(email).FillAsync("mervi@example.org");
        Assert.Equal(200, await SeedPanel.SubmitAsync(page, save));
        pages.Add(("confirmation", await Axe.RunAsync(page)));

        Assert.Equal(410, await SeedPanel.OpenAsync(page, link.Url));
        pages.Add(("used link", await Axe.RunAsync(page)));

        Assert.Equal(404, await SeedPanel.OpenAsync(page, $"{registry.HttpUrl}/declare/{new string('A', 43)}"));
        pages.Add(("forged link", await Axe.RunAsync(page)));

        foreach (var (name, result) in pages)
        {
            // The check really ran on each page: it judged the page's language, title and contrast.
            Assert.Contains("html-has-lang", result.Passes);
            Assert.Contains("document-title", result.Passes);
            Assert.Contains("color-contrast", result.Passes);
        }

        Assert.Contains("label", pages[0].Result.Passes);
        var violations = pages.Where(p => p.Result.Violations.Count > 0).Select(p => $"{language} {p.Page}:{Environment.NewLine}{p.Result.Report()}").ToList();
        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
    }

    [Fact]
    public async Task Axe_core_reports_an_unlabelled_field_and_low_contrast_text()
    {
        var page = await chromium.NewPageAsync(bypassCsp: true);
        await page.SetContentAsync("""
            <!DOCTYPE html><html lang="en"><head><title>Broken</title></head>
            <body><main><p style="color:#aaa;background:#fff">Faint</p><input type="text" name="email"></main></body></html>
            """);

        var result = await Axe.RunAsync(page);

        Assert.Contains(result.Violations, v => v.Id == "label" && v.Targets.Contains("input"));
        Assert.Contains(result.Violations, v => v.Id == "color-contrast");
        Assert.Contains("label (critical)", result.Report(), StringComparison.Ordinal);
    }
}
