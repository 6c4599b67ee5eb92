using System.Text.Json;
using Microsoft.Playwright;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// axe-core (npm), injected into the page and run there against the WCAG 2.0, 2.1 and 2.2 A and AA rules.
/// tests/run-all.sh installs it into .tools/ and names it in AXE_CORE_JS; without that variable the file
/// is looked for in the repository's .tools/. A missing file fails the test: the check never silently skips.
/// </summary>
public static class Axe
{
    public static readonly IReadOnlyList<string> Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Lazy<string> Source = new(() => File.ReadAllText(ScriptPath()));

    public static string ScriptPath()
    {
        if (Environment.GetEnvironmentVariable("AXE_CORE_JS") is { Length: > 0 } path)
        {
            return File.Exists(path) ? path : throw new FileNotFoundException($"AXE_CORE_JS names {path}, which does not exist.");
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ParticipationRegistry.sln")))
            {
                var script = Path.Combine(folder.FullName, ".tools", "node_modules", "axe-core", "axe.min.js");
                return File.Exists(script)
                    ? script
                    : throw new FileNotFoundException($"No axe-core at {script}: run tests/run-all.sh, which installs it (npm install --prefix .tools axe-core).");
            }
        }

        throw new FileNotFoundException("No repository (ParticipationRegistry.sln) above the test binaries, and AXE_CORE_JS is not set.");
    }

    /// <summary>Runs axe-core on the page as it is; the page's context must bypass its Content-Security-Policy.</summary>
    public static async Task<AxeResult> RunAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Content = Source.Value });
        var json = await page.EvaluateAsync<string>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
              return JSON.stringify({
                violations: result.violations.map(v => ({
                  id: v.id, impact: v.impact ?? '', help: v.help, helpUrl: v.helpUrl,
                  targets: v.nodes.map(n => n.target.join(' ')),
                })),
                passes: result.passes.map(p => p.id),
              });
            }
            """,
            Tags);
        return JsonSerializer.Deserialize<AxeResult>(json, Json)!;
    }
}

public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<string> Targets)
{
    public override string ToString() => $"{Id} ({Impact}): {Help} [{string.Join("; ", Targets)}] {HelpUrl}";
}

public sealed record AxeResult(IReadOnlyList<AxeViolation> Violations, IReadOnlyList<string> Passes)
{
    /// <summary>Every violation, one a line: id, impact, help and the elements it was found on.</summary>
    public string Report() => string.Join(Environment.NewLine, Violations.Select(v => v.ToString()));
}
