using Microsoft.Playwright;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>The form with the keyboard alone, and in the browser's language (English, French, Spanish) or the one chosen on the page.</summary>
[Collection(SharedChromium.Name)]
public sealed class KeyboardAndLanguageTests(Chromium chromium) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => chromium.CloseContextsAsync();

    private const string Izumi = "Izumi Aizu";

    [Fact]
    public async Task The_form_can_be_filled_and_submitted_with_the_keyboard_alone_and_focus_is_always_visible()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Izumi);
        var page = await chromium.NewPageAsync();
        await SeedPanel.OpenAsync(page, link.Url);

        // A radio group is one Tab stop, entered at its checked option (nothing recorded: "Leave my gender
        // unrecorded", not "Remove…": there is nothing to remove); the arrow keys choose within it, as in every browser.
        await TabToAsync(page, page.GetByLabel("Leave my gender unrecorded"));
        await ArrowToAsync(page, page.GetByLabel("Woman"));
        await TabToAsync(page, page.GetByLabel("Youth"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByLabel("Media"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByLabel("Yes, publish my name"));
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, page.GetByLabel("Email address"));
        await page.Keyboard.TypeAsync("izumi@example.org");
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save my details" }));
        Assert.Equal(200, await SeedPanel.SubmitAsync(page, () => page.Keyboard.PressAsync("Enter")));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your details were saved");
        var full = await registry.FullAsync(link.Stakeholder);
        Assert.Equal(Gender.Woman, full.Gender);
        Assert.Equal([StakeholderAttribute.Youth, StakeholderAttribute.Media], full.Attributes);
        Assert.Equal(PublicationConsent.Given, full.PublicationConsent);
        Assert.Equal("izumi@example.org", full.Email);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Gender.Source);
    }

    [Theory]
    [InlineData("fr", "Vos informations dans le registre de participation", "Femme", "Enregistrer mes informations", "Vos informations ont été enregistrées")]
    [InlineData("es", "Sus datos en el registro de participación", "Mujer", "Guardar mis datos", "Sus datos se han guardado")]
    public async Task The_browsers_accept_language_chooses_the_forms_language(string language, string title, string woman, string save, string saved)
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Izumi);
        var page = await chromium.NewPageAsync($"{language},en;q=0.5");

        var response = await page.GotoAsync(link.Url);

        Assert.Equal(language, await response!.HeaderValueAsync("content-language"));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page).ToHaveTitleAsync(title);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await page.GetByLabel(woman).CheckAsync();
        Assert.Equal(200, await SeedPanel.SubmitAsync(page, save));
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(saved);
        await Assertions.Expect(page.GetByRole(AriaRole.Main).Locator("dd").First).ToHaveTextAsync(woman);
        Assert.Equal(Gender.Woman, (await registry.FullAsync(link.Stakeholder)).Gender);
    }

    [Fact]
    public async Task The_language_switch_turns_the_form_into_another_language_and_the_answer_comes_back_in_it()
    {
        await using var registry = await LiveRegistry.StartAsync();
        var panel = await SeedPanel.ArrangeAsync(registry);
        var link = panel.LinkOf(Izumi);
        var page = await chromium.NewPageAsync("en");
        await SeedPanel.OpenAsync(page, link.Url);
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var languages = page.GetByRole(AriaRole.Navigation, new() { Name = "Language" });
        await Assertions.Expect(languages.GetByRole(AriaRole.Link)).ToHaveTextAsync(["English", "Français", "Español"]);

        await languages.GetByRole(AriaRole.Link, new() { Name = "Español" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sus datos en el registro de participación");
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Idioma" }).GetByRole(AriaRole.Link, new() { Name = "Español" }))
            .ToHaveAttributeAsync("aria-current", "true");
        await page.GetByLabel("Con mis propias palabras", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Sus propias palabras (100 caracteres como máximo)").FillAsync("persona no binaria");
        await page.GetByLabel("No, no publicar mi nombre").CheckAsync();
        Assert.Equal(200, await SeedPanel.SubmitAsync(page, "Guardar mis datos"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sus datos se han guardado");
        await Assertions.Expect(page.GetByRole(AriaRole.Main).Locator("dd").First).ToHaveTextAsync("Con mis propias palabras: persona no binaria");
        var full = await registry.FullAsync(link.Stakeholder);
        Assert.Equal(Gender.SelfDescribed, full.Gender);
        Assert.Equal("persona no binaria", full.GenderSelfDescription);
        Assert.Equal(PublicationConsent.Refused, full.PublicationConsent);
    }

    /// <summary>Presses the down arrow in a radio group until <paramref name="option"/> is focused and chosen.</summary>
    private static async Task ArrowToAsync(IPage page, ILocator option)
    {
        for (var presses = 0; presses < 10 && !await option.IsCheckedAsync(); presses++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(option).ToBeCheckedAsync();
        await Assertions.Expect(option).ToBeFocusedAsync();
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has the focus (failing after 40 presses), and checks that
    /// the focused control shows a visible outline.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        var seen = new List<string>();
        for (var presses = 0; presses < 40; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            seen.Add(await page.EvaluateAsync<string>("() => (document.activeElement?.tagName ?? '') + '#' + (document.activeElement?.id ?? '')"));
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
            {
                var outline = await target.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return s.outlineStyle + ' ' + s.outlineWidth; }");
                Assert.Equal("solid 3px", outline);
                return;
            }
        }

        Assert.Fail($"Tab never reached {target}: {string.Join(", ", seen)}");
    }
}
