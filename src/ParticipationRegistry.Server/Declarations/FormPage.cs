using System.Xml.Linq;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Stakeholders;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>
/// The declaration pages as HTML built with <see cref="XElement"/> (well-formed, every text escaped):
/// the form, the confirmation and the refusals. No script: labels, fieldsets and an error summary that
/// links to each field; colours meet WCAG 2.2 AA contrast.
/// </summary>
public static class FormPage
{
    private const string Style = """
        body{font-family:system-ui,sans-serif;font-size:1.125rem;line-height:1.5;color:#1b1b1b;background:#fff;margin:0}
        main{max-width:42rem;margin:0 auto;padding:1rem 1.25rem 3rem}
        nav{max-width:42rem;margin:0 auto;padding:.5rem 1.25rem}
        nav ul{list-style:none;display:flex;gap:1rem;margin:0;padding:0}
        a{color:#0a4fa8}
        a:focus,input:focus,button:focus{outline:3px solid #1b1b1b;outline-offset:2px}
        fieldset{border:1px solid #6b6b6b;border-radius:4px;margin:1.5rem 0;padding:.75rem 1rem}
        legend{font-weight:700;padding:0 .25rem}
        .help{color:#474747;margin:.25rem 0 .75rem}
        .option{margin:.4rem 0}
        .option input{width:1.25rem;height:1.25rem;vertical-align:middle;margin-right:.5rem}
        .nested{margin:.25rem 0 .5rem 2rem}
        input[type=text],input[type=email]{font:inherit;padding:.35rem;border:2px solid #1b1b1b;border-radius:3px;width:100%;box-sizing:border-box}
        .field{margin:1.5rem 0}
        .field label{font-weight:700;display:block}
        .error{color:#a4161a;font-weight:700;margin:.25rem 0}
        .error-summary{border:4px solid #a4161a;padding:.75rem 1rem;margin:1rem 0}
        .error-summary a{color:#a4161a;font-weight:700}
        button{font:inherit;font-weight:700;color:#fff;background:#0b4f8a;border:2px solid #0b4f8a;border-radius:4px;padding:.5rem 1.25rem;cursor:pointer}
        dt{font-weight:700}
        dd{margin:0 0 .5rem 0}
        """;

    public static string Form(FormTexts t, string token, string csrf, StakeholderRow person, FormAnswers answers, IReadOnlyList<(string Field, string Message)> problems)
    {
        var body = new List<object> { H("h1", t["title"]) };
        if (problems.Count > 0)
        {
            body.Add(new XElement(
                "div",
                new XAttribute("class", "error-summary"),
                new XAttribute("role", "alert"),
                new XAttribute("aria-labelledby", "error-summary-title"),
                new XAttribute("tabindex", "-1"),
                H("h2", t["error_summary"], "error-summary-title"),
                new XElement("ul", problems.Select(p => new XElement("li", new XElement("a", new XAttribute("href", $"#{p.Field}"), t[p.Message]))))));
        }

        body.Add(H("p", t["intro"]));
        body.Add(H("h2", t["held"]));
        body.Add(Held(t, person));
        body.Add(new XElement(
            "form",
            new XAttribute("method", "post"),
            new XAttribute("action", $"{DeclarationLinks.FormPath}/{token}"),
            new XAttribute("novalidate", "novalidate"),
            Hidden("csrf", csrf),
            Hidden("lang", t.Language),
            GenderFieldset(t, answers, problems),
            AttributesFieldset(t, answers),
            ConsentFieldset(t, answers),
            EmailField(t, answers, problems),
            new XElement("button", new XAttribute("type", "submit"), t["save"])));
        return Document(t, problems.Count > 0 ? $"{t["error_summary"]}: {t["title"]}" : t["title"], body, switchLanguage: true);
    }

    public static string Saved(FormTexts t, StakeholderRow person)
    {
        var answers = FormAnswers.Of(person);
        var gender = FormAnswers.Genders.First(g => (int)g.Gender == answers.Gender).Value;
        var genderText = gender switch
        {
            "self_described" when answers.Words.Length > 0 => $"{t["gender_self_described"]}: {answers.Words}",
            "none" => t["not_recorded"],
            _ => t[$"gender_{gender}"],
        };
        var attributes = FormAnswers.AttributeValues.Where(a => answers.Attributes.Contains((int)a.Attribute)).Select(a => t[$"attribute_{a.Value}"]).ToList();
        var consent = FormAnswers.Consents.FirstOrDefault(c => (int)c.Consent == answers.Consent).Value;
        var saved = new XElement(
            "dl",
            H("dt", t["gender"]), H("dd", genderText),
            H("dt", t["attributes"]), H("dd", attributes.Count > 0 ? string.Join(", ", attributes) : t["none"]),
            H("dt", t["consent"]), H("dd", consent is null ? t["consent_unstated"] : t[$"consent_{consent}"]),
            H("dt", t["email"]), H("dd", answers.Email.Length > 0 ? answers.Email : t["none"]));
        return Document(t, t["saved"], [H("h1", t["saved"]), H("p", t["saved_intro"]), saved, H("p", t["saved_once"])], switchLanguage: false);
    }

    public static string Refused(FormTexts t, string titleKey, string helpKey) =>
        Document(t, t[titleKey], [H("h1", t[titleKey]), H("p", t[helpKey]), H("p", t["nothing_changed"])], switchLanguage: true);

    private static XElement Held(FormTexts t, StakeholderRow person)
    {
        string Or(string value) => value.Length > 0 ? value : t["not_recorded"];
        return new XElement(
            "dl",
            H("dt", t["name"]), H("dd", Or(person.DisplayName)),
            H("dt", t["affiliation"]), H("dd", Or(person.Affiliation)),
            H("dt", t["group"]), H("dd", person.StakeholderGroup is >= 1 and <= 5 ? t[$"group_{person.StakeholderGroup}"] : t["not_recorded"]),
            H("dt", t["country"]), H("dd", Or(CountryText(t, person.CountryCode))));
    }

    // "Brésil (BR)" on the French page; a code without a name (none is stored unchecked) stays as it is.
    private static string CountryText(FormTexts t, string code) =>
        code.Length > 0 && CountryNames.Embedded.Of(code, t.Language) is { } name ? $"{name} ({code})" : code;

    private static XElement GenderFieldset(FormTexts t, FormAnswers answers, IReadOnlyList<(string Field, string Message)> problems)
    {
        var fieldset = Fieldset(t["gender"], t["gender_help"], "gender-help");
        foreach (var (value, gender) in FormAnswers.Genders)
        {
            var label = value == "none" && answers.Gender == (int)gender ? t["gender_unrecorded"] : t[$"gender_{value}"];
            fieldset.Add(Choice("radio", "gender", value, $"gender-{value}", label, answers.Gender == (int)gender));
            if (value == "self_described")
            {
                var problem = problems.FirstOrDefault(p => p.Field == "gender_self_description").Message;
                fieldset.Add(new XElement(
                    "div",
                    new XAttribute("class", "nested"),
                    new XElement("label", new XAttribute("for", "gender_self_description"), t["gender_words"]),
                    problem is null ? null : Error(t[problem], "gender_self_description-error"),
                    Input("text", "gender_self_description", answers.Words, problem is null ? null : "gender_self_description-error")));
            }
        }

        return fieldset;
    }

    private static XElement AttributesFieldset(FormTexts t, FormAnswers answers)
    {
        var fieldset = Fieldset(t["attributes"], t["attributes_help"], "attributes-help");
        foreach (var (value, attribute) in FormAnswers.AttributeValues)
        {
            fieldset.Add(Choice("checkbox", "attributes", value, $"attribute-{value}", t[$"attribute_{value}"], answers.Attributes.Contains((int)attribute)));
        }

        return fieldset;
    }

    private static XElement ConsentFieldset(FormTexts t, FormAnswers answers)
    {
        var fieldset = Fieldset(t["consent"], t["consent_help"], "consent-help");
        foreach (var (value, consent) in FormAnswers.Consents)
        {
            fieldset.Add(Choice("radio", "publication_consent", value, $"consent-{value}", t[$"consent_{value}"], answers.Consent == (int)consent));
        }

        return fieldset;
    }

    private static XElement EmailField(FormTexts t, FormAnswers answers, IReadOnlyList<(string Field, string Message)> problems)
    {
        var problem = problems.FirstOrDefault(p => p.Field == "email").Message;
        var described = problem is null ? "email-help" : "email-help email-error";
        return new XElement(
            "div",
            new XAttribute("class", "field"),
            new XElement("label", new XAttribute("for", "email"), t["email"]),
            new XElement("p", new XAttribute("class", "help"), new XAttribute("id", "email-help"), t["email_help"]),
            problem is null ? null : Error(t[problem], "email-error"),
            Input("email", "email", answers.Email, described, new XAttribute("autocomplete", "email"), new XAttribute("spellcheck", "false")));
    }

    private static XElement Fieldset(string legend, string help, string helpId) =>
        new("fieldset", new XAttribute("aria-describedby", helpId), H("legend", legend), new XElement("p", new XAttribute("class", "help"), new XAttribute("id", helpId), help));

    private static XElement Choice(string type, string name, string value, string id, string label, bool chosen) =>
        new(
            "div",
            new XAttribute("class", "option"),
            new XElement(
                "input",
                new XAttribute("type", type),
                new XAttribute("id", id),
                new XAttribute("name", name),
                // Echoed back after a refusal: a control character (refused, and not even allowed in XML) shows as U+FFFD.
            new XAttribute("value", string.Concat(value.Select(c => Common.SafeText.IsControl(c) ? '\uFFFD' : c))),
                chosen ? new XAttribute("checked", "checked") : null),
            new XElement("label", new XAttribute("for", id), label));

    private static XElement Input(string type, string name, string value, string? describedBy, params XAttribute[] more) =>
        new(
            "input",
            new XAttribute("type", type),
            new XAttribute("id", name),
            new XAttribute("name", name),
            // Echoed back after a refusal: a control character (refused, and not even allowed in XML) shows as U+FFFD.
            new XAttribute("value", string.Concat(value.Select(c => Common.SafeText.IsControl(c) ? '\uFFFD' : c))),
            describedBy is null ? null : new XAttribute("aria-describedby", describedBy),
            describedBy?.Contains("error", StringComparison.Ordinal) == true ? new XAttribute("aria-invalid", "true") : null,
            more);

    private static XElement Error(string message, string id) => new("p", new XAttribute("class", "error"), new XAttribute("id", id), message);

    private static XElement Hidden(string name, string value) =>
        new("input", new XAttribute("type", "hidden"), new XAttribute("name", name), new XAttribute("value", value));

    // Non-void elements always get content, so none is written as <x/> (which HTML does not close).
    private static XElement H(string name, string text, string? id = null) =>
        new(name, id is null ? null : new XAttribute("id", id), text);

    private static string Document(FormTexts t, string title, IEnumerable<object> body, bool switchLanguage)
    {
        var nav = switchLanguage
            ? new XElement(
                "nav",
                new XAttribute("aria-label", t["language"]),
                new XElement("ul", FormTexts.Languages.Select(l => new XElement(
                    "li",
                    new XElement(
                        "a",
                        new XAttribute("href", $"?lang={l}"),
                        new XAttribute("lang", l),
                        new XAttribute("hreflang", l),
                        l == t.Language ? new XAttribute("aria-current", "true") : null,
                        FormTexts.LanguageNames[l])))))
            : null;
        var html = new XElement(
            "html",
            new XAttribute("lang", t.Language),
            new XElement(
                "head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("meta", new XAttribute("name", "viewport"), new XAttribute("content", "width=device-width, initial-scale=1")),
                new XElement("meta", new XAttribute("name", "referrer"), new XAttribute("content", "no-referrer")),
                H("title", title),
                H("style", Style)),
            new XElement("body", nav, new XElement("main", body)));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);
    }
}
