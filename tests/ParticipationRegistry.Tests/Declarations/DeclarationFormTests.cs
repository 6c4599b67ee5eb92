using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.Tests.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Declarations;

/// <summary>The form at /declare/{token}, over real HTTP against the real server: what it shows, what it writes, what it refuses.</summary>
public sealed partial class DeclarationFormTests
{
    public static string TokenOf(DeclarationLink link) => new Uri(link.Url).AbsolutePath["/declare/".Length..];

    private static string PathOf(DeclarationLink link) => new Uri(link.Url).AbsolutePath;

    private static async Task<(TestRegistry Registry, Stakeholder Person, DeclarationLink Link)> ArrangeAsync(ManualClock? clock = null)
    {
        var registry = await TestRegistry.StartAsync(services: clock is null ? null : s => s.AddSingleton<TimeProvider>(clock));
        var person = await registry.StakeholderAsync();
        await registry.StakeholderAsync("Avri Doria", "Someone else's affiliation", StakeholderGroup.CivilSociety, "US");
        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });
        return (registry, person, link);
    }

    private static async Task<(string Html, string Csrf)> OpenAsync(HttpClient http, DeclarationLink link)
    {
        var response = await http.GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        return (html, CsrfField().Match(html).Groups[1].Value);
    }

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient http, DeclarationLink link, string? csrf, params (string Name, string Value)[] fields)
    {
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (csrf is not null)
        {
            all.Add(new("csrf", csrf));
        }

        return http.PostAsync(PathOf(link), new FormUrlEncodedContent(all));
    }

    private static Task<Stakeholder> FullAsync(TestRegistry registry, string name) =>
        registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name, View = StakeholderView.Full }).ResponseAsync;

    [Fact]
    public async Task The_form_shows_the_persons_own_held_data_with_labelled_fields_and_nobody_elses()
    {
        var (registry, _, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);

        var response = await http.GetAsync(PathOf(link));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains("Parminder Jeet Singh", html);
        Assert.Contains("Executive Coordinator, IT for Change", html);
        Assert.Contains("Civil society", html);
        // The country by its name in the page's language, and its code.
        Assert.Contains("<dd>India (IN)</dd>", html);
        Assert.DoesNotContain("Avri Doria", html);
        Assert.DoesNotContain("Someone else", html);
        Assert.DoesNotContain("<script", html);
        foreach (var id in new[] { "gender-woman", "gender-self_described", "gender-declined", "gender-none", "gender_self_description", "attribute-disability", "consent-refused", "email" })
        {
            Assert.Contains($"<label for=\"{id}\">", html);
            Assert.Contains($"id=\"{id}\"", html);
        }

        Assert.Equal(3, Regex.Count(html, "<fieldset"));
        // Well-formed: every element closed, every text escaped.
        System.Xml.Linq.XDocument.Parse(html["<!DOCTYPE html>".Length..]);
        Assert.Contains("I prefer not to say", html);
        Assert.NotEmpty(CsrfField().Match(html).Groups[1].Value);
    }

    [Fact]
    public async Task Submitting_declares_every_personal_field_as_self_declared_and_the_link_then_works_no_more()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);

        var saved = await SubmitAsync(
            http, link, csrf,
            ("gender", "self_described"), ("gender_self_description", "genderqueer"),
            ("attributes", "youth"), ("attributes", "disability"),
            ("publication_consent", "refused"), ("email", "parminder@example.org"));
        var page = await saved.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Your details were saved", page);
        Assert.Contains("In my own words: genderqueer", page);
        Assert.Contains("Youth, Person with a disability", page);
        Assert.Contains("parminder@example.org", page);

        var full = await FullAsync(registry, person.Name);
        Assert.Equal(Gender.SelfDescribed, full.Gender);
        Assert.Equal("genderqueer", full.GenderSelfDescription);
        Assert.Equal([StakeholderAttribute.Youth, StakeholderAttribute.PersonWithDisability], full.Attributes);
        Assert.Equal(PublicationConsent.Refused, full.PublicationConsent);
        Assert.Equal("parminder@example.org", full.Email);
        foreach (var field in new[] { full.Provenance.Gender, full.Provenance.Attributes, full.Provenance.PublicationConsent, full.Provenance.Email })
        {
            Assert.Equal(DataSource.SelfDeclared, field.Source);
            Assert.Equal(full.UpdateTime, field.Time);
        }

        var again = await http.GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
        Assert.Contains("This link has already been used", await again.Content.ReadAsStringAsync());
        var replay = await SubmitAsync(http, link, csrf, ("gender", "man"));
        Assert.Equal(HttpStatusCode.Gone, replay.StatusCode);
        Assert.Equal(full, await FullAsync(registry, person.Name));
    }

    [Fact]
    public async Task Opening_the_form_is_audited_as_a_read_of_the_persons_personal_data_and_a_refused_link_is_not()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/declare/{new string('A', 43)}")).StatusCode);

        await OpenAsync(http, link);

        var events = (await new AuditService.AuditServiceClient(registry.Channel).ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1000 })).AuditEvents;
        var read = Assert.Single(events, e => e.Method == "GET /declare/{token}");
        Assert.Equal(AuditAction.PersonalDataRead, read.Action);
        Assert.Equal(person.Name, read.Resource);
        Assert.Equal("", read.ApiKey);
        Assert.Equal(["gender", "gender_self_description", "attributes", "publication_consent", "email"], read.Fields);
    }

    [Fact]
    public async Task A_declaration_is_audited_as_self_declared_without_a_key_and_without_values()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        await SubmitAsync(http, link, csrf, ("gender", "woman"), ("email", "secret-address@example.org"));

        var events = (await new AuditService.AuditServiceClient(registry.Channel).ListAuditEventsAsync(new ListAuditEventsRequest { PageSize = 1000 })).AuditEvents;
        var declared = Assert.Single(events, e => e.Action == AuditAction.SelfDeclaration);
        Assert.Equal(person.Name, declared.Resource);
        Assert.Equal("", declared.ApiKey);
        Assert.Equal(["gender", "gender_self_description", "attributes", "publication_consent", "email"], declared.Fields);
        Assert.DoesNotContain(events, e => e.ToString().Contains("secret-address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_same_link_withdraws_consent_and_clears_gender_and_attributes()
    {
        var (registry, person, _) = await ArrangeAsync();
        await using var _registry = registry;
        await registry.Stakeholders.UpdateStakeholderAsync(new UpdateStakeholderRequest
        {
            Stakeholder = new Stakeholder
            {
                Name = person.Name, Gender = Gender.Man, Attributes = { StakeholderAttribute.Academia }, PublicationConsent = PublicationConsent.Given,
            },
            UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "gender", "attributes", "publication_consent" } },
        });
        var link = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = person.Name });
        using var http = registry.HttpClientFor(null);
        var (html, csrf) = await OpenAsync(http, link);
        Assert.Contains("id=\"gender-man\" name=\"gender\" value=\"man\" checked=\"checked\"", html);

        var saved = await SubmitAsync(http, link, csrf, ("gender", "none"), ("publication_consent", "refused"));

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var full = await FullAsync(registry, person.Name);
        Assert.Equal(Gender.Unspecified, full.Gender);
        Assert.Empty(full.Attributes);
        Assert.Equal(PublicationConsent.Refused, full.PublicationConsent);
        Assert.Equal(DataSource.SelfDeclared, full.Provenance.Gender.Source);
    }

    [Fact]
    public async Task A_forged_or_malformed_token_gets_a_clear_page_and_changes_nothing()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var before = await FullAsync(registry, person.Name);
        var (_, csrf) = await OpenAsync(http, link);
        var forged = new string('A', 43);

        foreach (var path in new[] { $"/declare/{forged}", "/declare/short", $"/declare/{TokenOf(link)[..42]}B" })
        {
            var page = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("This link is not valid", await page.Content.ReadAsStringAsync());
            var posted = await http.PostAsync(path, new FormUrlEncodedContent([new("gender", "woman"), new("csrf", csrf)]));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        Assert.Equal(before, await FullAsync(registry, person.Name));
    }

    [Fact]
    public async Task An_expired_link_is_refused_and_changes_nothing()
    {
        var clock = new ManualClock();
        var (registry, person, link) = await ArrangeAsync(clock);
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        var before = await FullAsync(registry, person.Name);

        clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));

        var page = await http.GetAsync(PathOf(link));
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        Assert.Contains("This link has expired", await page.Content.ReadAsStringAsync());
        var posted = await SubmitAsync(http, link, csrf, ("gender", "woman"));
        Assert.Equal(HttpStatusCode.Gone, posted.StatusCode);
        Assert.Equal(before, await FullAsync(registry, person.Name));
    }

    [Fact]
    public async Task A_submission_without_the_forms_csrf_token_is_refused_and_the_link_still_works()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        var before = await FullAsync(registry, person.Name);

        var missing = await SubmitAsync(http, link, null, ("gender", "woman"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("This form could not be accepted", await missing.Content.ReadAsStringAsync());
        // Another link's form token does not fit this link either.
        var other = await registry.Stakeholders.CreateDeclarationLinkAsync(new CreateDeclarationLinkRequest { Stakeholder = (await registry.StakeholderAsync("Izumi Aizu")).Name });
        var (_, otherCsrf) = await OpenAsync(http, other);
        Assert.Equal(HttpStatusCode.BadRequest, (await SubmitAsync(http, link, otherCsrf, ("gender", "woman"))).StatusCode);
        Assert.Equal(before, await FullAsync(registry, person.Name));

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(http, link, csrf, ("gender", "woman"))).StatusCode);
        Assert.Equal(Gender.Woman, (await FullAsync(registry, person.Name)).Gender);
    }

    [Fact]
    public async Task A_bad_answer_shows_the_form_again_with_an_error_summary_and_the_link_still_works()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        var before = await FullAsync(registry, person.Name);

        var bad = await SubmitAsync(http, link, csrf, ("gender", "woman"), ("gender_self_description", "not with woman"), ("email", "not an address"));
        var html = await bad.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("role=\"alert\"", html);
        Assert.Contains("<a href=\"#email\">Enter an email address like name@example.org, or leave it empty.</a>", html);
        Assert.Contains("<a href=\"#gender_self_description\">", html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Contains("value=\"not an address\"", html);
        Assert.Equal(before, await FullAsync(registry, person.Name));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(PathOf(link))).StatusCode);
    }

    [Fact]
    public async Task Self_described_words_with_a_control_character_are_refused_and_nothing_is_stored()
    {
        var (registry, person, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        var before = await FullAsync(registry, person.Name);

        var bad = await SubmitAsync(http, link, csrf, ("gender", "self_described"), ("gender_self_description", "queer\u001b[2J"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("<a href=\"#gender_self_description\">", await bad.Content.ReadAsStringAsync());
        Assert.Equal(before, await FullAsync(registry, person.Name));
    }

    [Fact]
    public async Task The_form_speaks_the_browsers_language_and_can_be_switched()
    {
        var (registry, _, link) = await ArrangeAsync();
        await using var _registry = registry;
        using var http = registry.HttpClientFor(null);

        var french = new HttpRequestMessage(HttpMethod.Get, PathOf(link));
        french.Headers.AcceptLanguage.ParseAdd("de-DE, fr-CA;q=0.8, en;q=0.5");
        var frenchHtml = await (await http.SendAsync(french)).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", frenchHtml);
        Assert.Contains("Je préfère ne pas répondre", frenchHtml);
        Assert.Contains("href=\"?lang=es\"", frenchHtml);
        Assert.Contains("<dd>Inde (IN)</dd>", frenchHtml);

        var spanish = await (await http.GetAsync($"{PathOf(link)}?lang=es")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"es\">", spanish);
        Assert.Contains("Prefiero no decirlo", spanish);
        Assert.Contains("name=\"lang\" value=\"es\"", spanish);
        Assert.Contains("<dd>India (IN)</dd>", spanish);
    }

    [Fact]
    public async Task The_seed_panels_check_counts_a_gender_declared_through_the_form()
    {
        await using var registry = await TestRegistry.StartAsync(demo: true);
        const string workshop = "meetings/igf-2012/sessions/ws-85";
        var people = await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { PageSize = 100, View = StakeholderView.Full });
        var wolfgang = people.Stakeholders.Single(s => s.DisplayName == "Wolfgang Kleinwächter");
        Assert.Equal(Gender.Unspecified, wolfgang.Gender);
        var organiser = new StakeholderService.StakeholderServiceClient(registry.ChannelFor(await registry.CreateKeyAsync(Role.Organizer, [workshop])));
        var links = await organiser.CreateDeclarationLinksAsync(new CreateDeclarationLinksRequest { Parent = workshop });
        var link = links.Links.Single(l => l.Stakeholder == wolfgang.Name);
        var balance = new BalanceService.BalanceServiceClient(registry.Channel);
        int Men(CheckPanelBalanceResponse r) => r.Composition.Genders.Where(g => g.Gender == Gender.Man).Sum(g => g.Count);
        var before = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = workshop });

        using var http = registry.HttpClientFor(null);
        var (_, csrf) = await OpenAsync(http, link);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(http, link, csrf, ("gender", "man"))).StatusCode);

        var after = await balance.CheckPanelBalanceAsync(new CheckPanelBalanceRequest { Session = workshop });
        Assert.Equal(Men(before) + 1, Men(after));
        var declared = await FullAsync(registry, wolfgang.Name);
        Assert.Equal(DataSource.SelfDeclared, declared.Provenance.Gender.Source);
        // The other seed people keep the import's provenance.
        var peter = people.Stakeholders.Single(s => s.DisplayName == "Peter Major");
        Assert.Equal(DataSource.Imported, peter.Provenance.Gender.Source);
    }

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    /// <summary>The system clock, moved forward by hand.</summary>
    public sealed class ManualClock : TimeProvider
    {
        private TimeSpan offset;

        public void Advance(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
