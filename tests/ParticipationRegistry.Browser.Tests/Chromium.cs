using Microsoft.Playwright;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// Debian's Chromium, headless, driven by Playwright for .NET (its node driver ships in the NuGet package;
/// no browser is downloaded). Root needs <c>--no-sandbox</c>. One browser for the test collection; every
/// test opens its own context (cookies, language) in it.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    /// <summary>Where Debian installs the browser; REGISTRY_TEST_CHROMIUM names another.</summary>
    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable("REGISTRY_TEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private readonly List<IBrowserContext> _contexts = [];

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"No Chromium at {ExecutablePath}: tests/run-all.sh installs Debian's chromium package.");
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>
    /// A new context whose requests ask for <paramref name="acceptLanguage"/>. The pages forbid scripts
    /// (Content-Security-Policy); <paramref name="bypassCsp"/> lets the accessibility check inject axe-core.
    /// </summary>
    public async Task<IPage> NewPageAsync(string acceptLanguage = "en", bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = acceptLanguage.Split(',')[0],
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage },
            BypassCSP = bypassCsp,
        });
        _contexts.Add(context);
        return await context.NewPageAsync();
    }

    /// <summary>Closes the contexts opened so far (the tests of the collection run one at a time).</summary>
    public async Task CloseContextsAsync()
    {
        foreach (var context in _contexts)
        {
            await context.CloseAsync();
        }

        _contexts.Clear();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class SharedChromium : ICollectionFixture<Chromium>
{
    public const string Name = "chromium";
}
