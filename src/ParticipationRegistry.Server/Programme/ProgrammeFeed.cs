using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Programme;

/// <summary>
/// The published programme feed on the HTTP/1.1 port, readable anonymously: <c>/programme/meetings/{meeting}.ics</c>
/// (iCalendar) and <c>.json</c>. Names follow the seat rules of ListParticipants (<see cref="PersonalDataRights"/>).
/// </summary>
public static class ProgrammeFeed
{
    /// <summary>How long a shared cache may keep the public feed.</summary>
    public const string PublicCaching = "public, max-age=300";

    public static IServiceCollection AddProgrammeFeed(this IServiceCollection services) =>
        services.AddSingleton<IProgrammeStore, SqliteProgrammeStore>();

    public static WebApplication MapProgrammeFeed(this WebApplication app)
    {
        app.MapGet("/programme/meetings/{meeting}.ics", (string meeting, HttpContext context) =>
            Respond(context, meeting, p => Results.Text(ProgrammeCalendar.Render(p), "text/calendar; charset=utf-8")));
        app.MapGet("/programme/meetings/{meeting}.json", (string meeting, HttpContext context) =>
            Respond(context, meeting, p => Results.Json(ProgrammeJson.From(p))));
        return app;
    }

    private static IResult Respond(HttpContext context, string meetingId, Func<FeedProgramme, IResult> render)
    {
        var meeting = new MeetingName(meetingId);
        // Every read of the feed watches its request: a reader who leaves stops the work (Storage/CallCancellation).
        // Restored on the way out: this method is not async, so nothing else would end the setting with the request.
        var outer = Storage.CallCancellation.Current;
        Storage.CallCancellation.Current = context.RequestAborted;
        try
        {
            var programme = Load(context, meeting);
            context.Response.Headers.CacheControl = PublicCaching;
            if (programme.Personal)
            {
                PersonalDataRights.NoStore(context);
            }

            return render(programme);
        }
        catch (Exception e) when (Storage.CallCancellation.Stopped(e, context.RequestAborted))
        {
            // Nobody is there to read an answer (499: nginx's "client closed request").
            return Results.StatusCode(499);
        }
        catch (RegistryException e) when (e.Code == StatusCode.NotFound && e.Reason == ErrorReason.MeetingNotFound)
        {
            return Results.Text($"There is no meeting {meeting}.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
        }
        catch (RegistryException e) when (e.Code == StatusCode.PermissionDenied)
        {
            return Results.Text($"403 Forbidden: {e.Message}\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status403Forbidden);
        }
        finally
        {
            Storage.CallCancellation.Current = outer;
        }
    }

    private static FeedProgramme Load(HttpContext context, MeetingName meeting)
    {
        var services = context.RequestServices;
        var rights = services.GetRequiredService<PersonalDataRights>();
        var caller = context.GetCaller();
        services.GetRequiredService<ForumScope>().Require(caller, meeting, "meeting");
        var (row, sessions, seats) = services.GetRequiredService<IProgrammeStore>().Published(meeting);
        var published = services.GetRequiredService<IMeetingStore>().PublishedWithConsent(row.Id, seats.Select(s => s.Id).ToList());
        return FeedProgramme.From(
            row, sessions, seats, s => rights.NamesSeatHolder(caller, new SessionName(s.MeetingId, s.SessionId), published.Contains(s.Id)), published);
    }
}
