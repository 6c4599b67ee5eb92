using System.Globalization;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>
/// The declaration form's words in English, French and Spanish. The language is the one asked for
/// (<c>?lang=</c>, the form's own field), else the best of the browser's <c>Accept-Language</c>, else English.
/// </summary>
public sealed class FormTexts
{
    public static readonly IReadOnlyList<string> Languages = ["en", "fr", "es"];

    public static readonly IReadOnlyDictionary<string, string> LanguageNames = new Dictionary<string, string>
    {
        ["en"] = "English",
        ["fr"] = "Français",
        ["es"] = "Español",
    };

    private static readonly Dictionary<string, string[]> Words = new()
    {
        ["title"] = ["Your details in the participation registry", "Vos informations dans le registre de participation", "Sus datos en el registro de participación"],
        ["language"] = ["Language", "Langue", "Idioma"],
        ["intro"] = [
            "The meeting's secretariat asks you to state a few details yourself. Only you have this link, and it works once: when you save, your answers replace what is recorded.",
            "Le secrétariat de la réunion vous demande d'indiquer vous-même quelques informations. Vous seul avez ce lien, et il ne sert qu'une fois : à l'enregistrement, vos réponses remplacent ce qui est inscrit.",
            "La secretaría de la reunión le pide que indique usted mismo algunos datos. Solo usted tiene este enlace, y funciona una vez: al guardar, sus respuestas sustituyen lo registrado."],
        ["held"] = ["What the registry holds about you", "Ce que le registre détient sur vous", "Lo que el registro guarda sobre usted"],
        ["name"] = ["Name", "Nom", "Nombre"],
        ["affiliation"] = ["Affiliation", "Affiliation", "Afiliación"],
        ["group"] = ["Stakeholder group", "Groupe de parties prenantes", "Grupo de partes interesadas"],
        ["country"] = ["Country", "Pays", "País"],
        ["not_recorded"] = ["Not recorded", "Non renseigné", "No registrado"],
        ["gender"] = ["Gender", "Genre", "Género"],
        ["gender_help"] = [
            "Asked so that the secretariat can see how balanced its panels are. Your answer is seen only by the secretariat and the organisers of your sessions; published statistics never name you and hide small numbers.",
            "Demandé pour que le secrétariat puisse voir si ses panels sont équilibrés. Seuls le secrétariat et les organisateurs de vos sessions voient votre réponse ; les statistiques publiées ne vous nomment jamais et masquent les petits nombres.",
            "Se pregunta para que la secretaría vea si sus paneles están equilibrados. Solo la secretaría y los organizadores de sus sesiones ven su respuesta; las estadísticas publicadas nunca le nombran y ocultan las cifras pequeñas."],
        ["gender_woman"] = ["Woman", "Femme", "Mujer"],
        ["gender_man"] = ["Man", "Homme", "Hombre"],
        ["gender_non_binary"] = ["Non-binary", "Non binaire", "No binario"],
        ["gender_self_described"] = ["In my own words", "Avec mes propres mots", "Con mis propias palabras"],
        ["gender_declined"] = ["I prefer not to say", "Je préfère ne pas répondre", "Prefiero no decirlo"],
        ["gender_none"] = ["Remove my gender from the record", "Retirer mon genre du registre", "Quitar mi género del registro"],
        // The same choice when no gender is on record: nothing to remove.
        ["gender_unrecorded"] = ["Leave my gender unrecorded", "Ne pas enregistrer mon genre", "No registrar mi género"],
        ["gender_words"] = ["Your own words (at most 100 characters)", "Vos propres mots (100 caractères au plus)", "Sus propias palabras (100 caracteres como máximo)"],
        ["attributes"] = ["Also applies to me", "Me concerne aussi", "También se aplica a mí"],
        ["attributes_help"] = [
            "Counted in the same protected statistics as gender, to show who takes part. Leave every box unticked to record none.",
            "Compté dans les mêmes statistiques protégées que le genre, pour montrer qui participe. Ne cochez aucune case pour n'en inscrire aucun.",
            "Se cuenta en las mismas estadísticas protegidas que el género, para mostrar quién participa. Deje todas las casillas sin marcar para no registrar ninguno."],
        ["attribute_youth"] = ["Youth", "Jeunesse", "Juventud"],
        ["attribute_academia"] = ["Academia", "Milieu universitaire", "Academia"],
        ["attribute_parliamentarian"] = ["Member of parliament", "Parlementaire", "Parlamentario o parlamentaria"],
        ["attribute_media"] = ["Media", "Médias", "Medios de comunicación"],
        ["attribute_disability"] = ["Person with a disability", "Personne en situation de handicap", "Persona con discapacidad"],
        ["consent"] = ["Your name on the published programme", "Votre nom dans le programme publié", "Su nombre en el programa publicado"],
        ["consent_help"] = [
            "If you say no, the public programme shows \u201ca panellist\u201d with your stakeholder group and region instead of your name and affiliation.",
            "Si vous refusez, le programme public affiche \u00ab un intervenant \u00bb avec votre groupe et votre région au lieu de votre nom et de votre affiliation.",
            "Si dice que no, el programa público muestra \u00abun panelista\u00bb con su grupo y su región en lugar de su nombre y su afiliación."],
        ["consent_given"] = ["Yes, publish my name", "Oui, publier mon nom", "Sí, publicar mi nombre"],
        ["consent_refused"] = ["No, do not publish my name", "Non, ne pas publier mon nom", "No, no publicar mi nombre"],
        ["email"] = ["Email address", "Adresse électronique", "Correo electrónico"],
        ["email_help"] = [
            "Used only by the secretariat to contact you about the meeting; never published. Leave it empty to remove it.",
            "Utilisée seulement par le secrétariat pour vous contacter au sujet de la réunion ; jamais publiée. Laissez vide pour la retirer.",
            "Solo la usa la secretaría para contactarle sobre la reunión; nunca se publica. Déjelo vacío para quitarlo."],
        ["save"] = ["Save my details", "Enregistrer mes informations", "Guardar mis datos"],
        ["error_summary"] = ["There is a problem", "Il y a un problème", "Hay un problema"],
        ["error_email"] = [
            "Enter an email address like name@example.org, or leave it empty.",
            "Saisissez une adresse comme nom@example.org, ou laissez vide.",
            "Escriba una dirección como nombre@example.org, o déjelo vacío."],
        ["error_words_long"] = [
            "Describe your gender in at most 100 characters.",
            "Décrivez votre genre en 100 caractères au plus.",
            "Describa su género en 100 caracteres como máximo."],
        ["error_words_option"] = [
            "Choose \u201cIn my own words\u201d to describe your gender, or clear the text.",
            "Choisissez \u00ab Avec mes propres mots \u00bb pour décrire votre genre, ou effacez le texte.",
            "Elija \u00abCon mis propias palabras\u00bb para describir su género, o borre el texto."],
        ["saved"] = ["Your details were saved", "Vos informations ont été enregistrées", "Sus datos se han guardado"],
        ["saved_intro"] = ["The registry now holds:", "Le registre contient maintenant :", "El registro contiene ahora:"],
        ["saved_once"] = [
            "This link has now been used. To change your details again, ask the secretariat for a new link.",
            "Ce lien a maintenant servi. Pour modifier à nouveau vos informations, demandez un nouveau lien au secrétariat.",
            "Este enlace ya se ha usado. Para volver a cambiar sus datos, pida un enlace nuevo a la secretaría."],
        ["none"] = ["None", "Aucun", "Ninguno"],
        ["consent_unstated"] = ["Not stated", "Non indiqué", "No indicado"],
        ["refused_unknown"] = ["This link is not valid", "Ce lien n'est pas valide", "Este enlace no es válido"],
        ["refused_unknown_help"] = [
            "Check that you copied the whole link from your message. If it still does not work, ask the secretariat for a new one.",
            "Vérifiez que vous avez copié le lien entier depuis votre message. S'il ne fonctionne toujours pas, demandez-en un nouveau au secrétariat.",
            "Compruebe que ha copiado el enlace completo de su mensaje. Si sigue sin funcionar, pida uno nuevo a la secretaría."],
        ["refused_used"] = ["This link has already been used", "Ce lien a déjà servi", "Este enlace ya se ha usado"],
        ["refused_expired"] = ["This link has expired", "Ce lien a expiré", "Este enlace ha caducado"],
        ["refused_revoked"] = ["This link was replaced by a newer one", "Ce lien a été remplacé par un plus récent", "Este enlace se ha sustituido por uno más reciente"],
        ["refused_again_help"] = [
            "Each link works once and for a limited time. Use the most recent link you received, or ask the secretariat for a new one.",
            "Chaque lien ne sert qu'une fois et pour une durée limitée. Utilisez le lien le plus récent reçu, ou demandez-en un nouveau au secrétariat.",
            "Cada enlace funciona una vez y durante un tiempo limitado. Use el enlace más reciente que haya recibido, o pida uno nuevo a la secretaría."],
        ["refused_csrf"] = ["This form could not be accepted", "Ce formulaire n'a pas pu être accepté", "No se ha podido aceptar este formulario"],
        ["refused_csrf_help"] = [
            "It did not come from the page of your link. Open your link again and submit the form from that page.",
            "Il ne provenait pas de la page de votre lien. Ouvrez à nouveau votre lien et envoyez le formulaire depuis cette page.",
            "No procedía de la página de su enlace. Abra de nuevo su enlace y envíe el formulario desde esa página."],
        ["nothing_changed"] = ["Nothing was changed.", "Rien n'a été modifié.", "No se ha cambiado nada."],
        ["group_1"] = ["Government", "Gouvernement", "Gobierno"],
        ["group_2"] = ["Civil society", "Société civile", "Sociedad civil"],
        ["group_3"] = ["Private sector", "Secteur privé", "Sector privado"],
        ["group_4"] = ["Technical community", "Communauté technique", "Comunidad técnica"],
        ["group_5"] = ["Intergovernmental organisation", "Organisation intergouvernementale", "Organización intergubernamental"],
    };

    private readonly int index;

    private FormTexts(string language)
    {
        Language = language;
        index = Languages.ToList().IndexOf(language);
    }

    public string Language { get; }

    public string this[string key] => Words[key][index];

    public static FormTexts For(string language) => new(Languages.Contains(language) ? language : "en");

    /// <summary>The asked language if it is one of ours, else the best of <paramref name="acceptLanguage"/>, else English.</summary>
    public static FormTexts Choose(string? asked, string? acceptLanguage)
    {
        if (asked is not null && Languages.Contains(asked))
        {
            return new FormTexts(asked);
        }

        var best = (acceptLanguage ?? "")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select((part, order) =>
            {
                var pieces = part.Split(';', StringSplitOptions.TrimEntries);
                var quality = pieces.Skip(1).Where(p => p.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
                    .Select(p => double.TryParse(p[2..], NumberStyles.Float, CultureInfo.InvariantCulture, out var q) ? q : 0).FirstOrDefault(1);
                return (Language: pieces[0].Split('-')[0].ToLowerInvariant(), Quality: quality, Order: order);
            })
            .Where(l => l.Quality > 0 && Languages.Contains(l.Language))
            .OrderByDescending(l => l.Quality).ThenBy(l => l.Order)
            .Select(l => l.Language)
            .FirstOrDefault();
        return new FormTexts(best ?? "en");
    }
}
