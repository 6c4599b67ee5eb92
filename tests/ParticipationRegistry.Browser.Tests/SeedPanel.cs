using Microsoft.Playwright;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Browser.Tests;

/// <summary>
/// The seed workshop's panel on a live registry (registered by the C# quickstart), its organiser's
/// declaration links, and what the API holds about the panel, for "changes nothing" comparisons.
/// </summary>
public sealed class SeedPanel
{
    private SeedPanel(LiveRegistry registry, string session, IReadOnlyList<DeclarationLink> links)
    {
        Registry = registry;
        Session = session;
        Links = links;
    }

    public LiveRegistry Registry { get; }

    /// <summary><c>meetings/quickstart-2012/sessions/ws-85</c>.</summary>
    public string Session { get; }

    /// <summary>The organiser's links, one a person on the panel.</summary>
    public IReadOnlyList<DeclarationLink> Links { get; }

    /// <summary>Registers the panel and has an organiser key of the workshop make its links.</summary>
    public static async Task<SeedPanel> ArrangeAsync(LiveRegistry registry)
    {
        var session = await registry.RegisterSeedPanelAsync();
        using var organiser = await registry.OrganiserOfAsync(session);
        var links = await organiser.Stakeholders.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = session });
        return new SeedPanel(registry, session, links.Links);
    }

    public DeclarationLink LinkOf(string displayName) => Links.Single(l => l.DisplayName == displayName);

    /// <summary>A new link for one person (it replaces the person's earlier link).</summary>
    public async Task<DeclarationLink> NewLinkAsync(string displayName)
    {
        using var organiser = await Registry.OrganiserOfAsync(Session);
        return await organiser.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = LinkOf(displayName).Stakeholder });
    }

    /// <summary>Every person on the panel with the full view (personal data and provenance), in name order.</summary>
    public async Task<IReadOnlyList<Stakeholder>> PeopleAsync()
    {
        var people = new List<Stakeholder>();
        foreach (var link in Links.OrderBy(l => l.DisplayName, StringComparer.Ordinal))
        {
            people.Add(await Registry.FullAsync(link.Stakeholder));
        }

        return people;
    }

    public Task<CheckPanelBalanceResponse> CheckAsync() =>
        Registry.Admin.Balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = Session }).ResponseAsync;

    public static int Count(CheckPanelBalanceResponse check, Gender gender) =>
        check.Composition.Genders.Where(g => g.Gender == gender).Sum(g => g.Count);

    /// <summary>Opens <paramref name="url"/> in the page and returns the HTTP status of the page shown.</summary>
    public static async Task<int> OpenAsync(IPage page, string url)
    {
        var response = await page.GotoAsync(url);
        return response?.Status ?? throw new InvalidOperationException($"No response for {url}");
    }

    /// <summary>Presses the form's button, as a person clicks it, and returns the status of the page it leads to.</summary>
    public static Task<int> SubmitAsync(IPage page, string button = "Save my details") =>
        SubmitAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync());

    /// <summary>Runs <paramref name="submit"/> (a click, a key) and returns the status of the form's answer, once it is shown.</summary>
    public static async Task<int> SubmitAsync(IPage page, Func<Task> submit)
    {
        // Both waits start before the action: the answer's response, and the new document it shows.
        var shown = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Shown(object? sender, IPage loaded) => shown.TrySetResult();
        page.DOMContentLoaded += Shown;
        try
        {
            var response = await page.RunAndWaitForResponseAsync(submit, r => r.Request.Method == "POST" && r.Url.Contains("/declare/", StringComparison.Ordinal));
            await shown.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return response.Status;
        }
        finally
        {
            page.DOMContentLoaded -= Shown;
        }
    }
}
