using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>
/// The form at <c>/declare/{token}</c> on the HTTP port. GET shows the person's held data and their
/// personal fields (audited as a read of personal data); POST checks the CSRF token (bound to the link),
/// validates with the API's own rules (a bad answer shows the form again, and the link still works), then
/// uses the link and writes every personal field as SELF_DECLARED in one write, audited. A token that is unknown, used, expired or
/// replaced gets a page saying so and changes nothing. Rate-limited per address with the other HTTP
/// routes (<c>Access/KeyAuthenticator</c>).
/// </summary>
public static class DeclarationForm
{
    /// <summary>What the audit trail names as the method of a self-declaration.</summary>
    public const string AuditMethod = "POST /declare/{token}";

    /// <summary>What the audit trail names as the method of opening the form (it shows the person's personal fields).</summary>
    public const string ReadAuditMethod = "GET /declare/{token}";

    /// <summary>The fields a declaration writes, as the audit trail names them.</summary>
    public static readonly IReadOnlyList<string> DeclaredFields = ["gender", "gender_self_description", "attributes", "publication_consent", "email"];

    public static WebApplication MapDeclarationForm(this WebApplication app)
    {
        app.MapGet($"{DeclarationLinks.FormPath}/{{token}}", async (string token, HttpContext http, IDeclarationStore store, DeclarationTokens tokens, AuditTrail audit) =>
        {
            var t = Texts(http, http.Request.Query["lang"]);
            if (!DeclarationTokens.IsWellFormed(token))
            {
                return Page(http, t, StatusCodes.Status404NotFound, RefusedPage(t, LinkRefusal.Unknown));
            }

            var hash = DeclarationTokens.Hash(token);
            // The form's read watches its request: a reader who leaves stops it (Storage/CallCancellation); the audit
            // record of a read that was made is a write, which the writer never cuts.
            Storage.CallCancellation.Current = http.RequestAborted;
            StakeholderRow? person;
            LinkRefusal refusal;
            try
            {
                (person, refusal) = store.Open(hash);
            }
            catch (Exception e) when (Storage.CallCancellation.Stopped(e, http.RequestAborted))
            {
                // Nobody is there to read an answer (499: nginx's "client closed request").
                return Results.StatusCode(499);
            }

            if (person is null)
            {
                return Page(http, t, RefusedStatus(refusal), RefusedPage(t, refusal));
            }

            // The form shows the person's stored personal fields to whoever holds the link: a read of personal data.
            await audit.AppendAsync("", [new AuditRecord(ReadAuditMethod, new StakeholderName(person.Id).ToString(), DeclaredFields, AuditAction.PersonalDataRead)]);
            return Page(http, t, StatusCodes.Status200OK, FormPage.Form(t, token, tokens.CsrfFor(hash), person, FormAnswers.Of(person), []));
        });

        // The POST leaves its request's cancellation unwatched: a declaration sent is written whole (with its audit
        // record) even when the browser does not wait for the answer.
        app.MapPost($"{DeclarationLinks.FormPath}/{{token}}", async (string token, HttpContext http, IDeclarationStore store, DeclarationTokens tokens, StakeholderRules rules, AuditTrail audit) =>
        {
            var form = http.Request.HasFormContentType ? await http.Request.ReadFormAsync() : FormCollection.Empty;
            var t = Texts(http, form["lang"]);
            if (!DeclarationTokens.IsWellFormed(token))
            {
                return Page(http, t, StatusCodes.Status404NotFound, RefusedPage(t, LinkRefusal.Unknown));
            }

            var hash = DeclarationTokens.Hash(token);
            var (person, refusal) = store.Open(hash);
            if (person is null)
            {
                return Page(http, t, RefusedStatus(refusal), RefusedPage(t, refusal));
            }

            if (!tokens.IsCsrfFor(hash, form["csrf"].FirstOrDefault()))
            {
                return Page(http, t, StatusCodes.Status400BadRequest, FormPage.Refused(t, "refused_csrf", "refused_csrf_help"));
            }

            var answers = FormAnswers.Read(form);
            var problems = answers.Problems(rules);
            if (problems.Count > 0)
            {
                return Page(http, t, StatusCodes.Status422UnprocessableEntity, FormPage.Form(t, token, tokens.CsrfFor(hash), person, answers, problems));
            }

            var (declared, late) = await store.DeclareAsync(hash, answers.ToDeclaration());
            if (declared is null)
            {
                return Page(http, t, RefusedStatus(late), RefusedPage(t, late));
            }

            await audit.AppendAsync("", [new AuditRecord(AuditMethod, new StakeholderName(declared.Id).ToString(), DeclaredFields, AuditAction.SelfDeclaration)]);
            return Page(http, t, StatusCodes.Status200OK, FormPage.Saved(t, declared));
        }).DisableAntiforgery();
        return app;
    }

    private static FormTexts Texts(HttpContext http, Microsoft.Extensions.Primitives.StringValues asked) =>
        FormTexts.Choose(asked.FirstOrDefault(), http.Request.Headers.AcceptLanguage.ToString());

    private static string RefusedPage(FormTexts t, LinkRefusal refusal) => refusal switch
    {
        LinkRefusal.Used => FormPage.Refused(t, "refused_used", "refused_again_help"),
        LinkRefusal.Expired => FormPage.Refused(t, "refused_expired", "refused_again_help"),
        LinkRefusal.Revoked => FormPage.Refused(t, "refused_revoked", "refused_again_help"),
        _ => FormPage.Refused(t, "refused_unknown", "refused_unknown_help"),
    };

    // Unknown: 404; a link that existed but no longer works: 410 Gone.
    private static int RefusedStatus(LinkRefusal refusal) => refusal == LinkRefusal.Unknown ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;

    // The token is in the URL and the page shows personal data: no cache, no referrer, no framing.
    private static IResult Page(HttpContext http, FormTexts t, int status, string html)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.ContentLanguage = t.Language;
        return Results.Content(html, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
    }
}
