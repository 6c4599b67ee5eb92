using System.Globalization;
using System.Net;
using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Reports.Exports;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>
/// A meeting's diversity report for people on the HTTP/1.1 port — <c>/reports/meetings/{meeting}</c> (HTML),
/// <c>.csv</c> and <c>.md</c> — validated by <see cref="ReportRequests"/> and built by <see cref="ReportBuilder"/>
/// as the API's are, so every route discloses alike. Parameters and statuses: README, "Diversity reports".
/// </summary>
public static class ReportPages
{
    public const int TrendMeetings = 10;

    private const string Html = "text/html; charset=utf-8";
    private const string Csv = "text/csv; charset=utf-8; header=present";
    private const string Markdown = "text/markdown; charset=utf-8";
    private const string Text = "text/plain; charset=utf-8";

    private enum Format
    {
        Html,
        Csv,
        Markdown,
    }

    private static readonly string[] CommonParameters = ["include_personal_data", "self_declared_only", "suppression_threshold", "policy", "layout"];
    private static readonly string[] CsvTables = ["breakdowns", "balance", "not_balanced"];

    public static WebApplication MapReportPages(this WebApplication app)
    {
        app.MapGet("/reports/meetings/{meeting}", (string meeting, HttpContext context, ReportBuilder builder, PolicyResolver policies, IReportPagesStore store) =>
            Respond(context, meeting, Format.Html, builder, policies, store));
        app.MapGet("/reports/meetings/{meeting}.csv", (string meeting, HttpContext context, ReportBuilder builder, PolicyResolver policies, IReportPagesStore store) =>
            Respond(context, meeting, Format.Csv, builder, policies, store));
        app.MapGet("/reports/meetings/{meeting}.md", (string meeting, HttpContext context, ReportBuilder builder, PolicyResolver policies, IReportPagesStore store) =>
            Respond(context, meeting, Format.Markdown, builder, policies, store));
        return app;
    }

    private static async Task<IResult> Respond(HttpContext context, string meetingId, Format format, ReportBuilder builder, PolicyResolver policies, IReportPagesStore store)
    {
        var meeting = new MeetingName(meetingId);
        // Every read of the page watches its request: a reader who leaves stops the work (Storage/CallCancellation).
        Storage.CallCancellation.Current = context.RequestAborted;
        try
        {
            var query = Parse(context.Request.Query, format);
            var scope = context.RequestServices.GetRequiredService<ForumScope>();
            scope.Require(context.GetCaller(), meeting, "meeting");
            foreach (var compared in query.Compare ?? [])
            {
                scope.Require(context.GetCaller(), compared, "compare");
            }

            var requests = new ReportRequests(policies, context.RequestServices.GetRequiredService<PersonalDataRights>(), context.GetCaller());
            var settings = requests.PageSettings(query.IncludePersonalData, query.SuppressionThreshold, query.Policy, meeting, query.Layout, query.SelfDeclaredOnly);
            var report = await builder.MeetingAsync(SeatScope.Meeting(meeting.MeetingId), settings, context.RequestAborted);
            if (settings.CarriesPersonalData(withSeatHolders: format != Format.Csv))
            {
                PersonalDataRights.NoStore(context);
            }

            switch (format)
            {
                case Format.Csv:
                    return Results.Text(
                        query.Table switch
                        {
                            "balance" => CsvExport.Balance(report),
                            "not_balanced" => CsvExport.NotBalanced(report),
                            _ => CsvExport.Breakdowns(report),
                        },
                        Csv);
                case Format.Markdown:
                    return Results.Text(MarkdownExport.Render(report), Markdown);
                default:
                    var byKind = builder.SeatsByKind(meeting, settings)
                        .Select(k => (ProtoEnums.NameOf((SessionKind)k.Kind), k.Report))
                        .ToList();
                    var compared = query.Compare ?? store.ForumMeetings(meeting, TrendMeetings);
                    var trend = compared.Count >= 2 ? await builder.CompareAsync(compared, settings, new Dictionary<MeetingName, DiversityReport> { [meeting] = report }, context.RequestAborted) : null;
                    return Results.Text(HtmlReport.Render(report, byKind, trend), Html);
            }
        }
        catch (Exception e) when (Storage.CallCancellation.Stopped(e, context.RequestAborted))
        {
            // Nobody is there to read an answer (499: nginx's "client closed request").
            return Results.StatusCode(499);
        }
        catch (RegistryException e) when (e.Reason == ErrorReason.MeetingNotFound && e.Resource == meeting.ToString())
        {
            return Error(format, StatusCodes.Status404NotFound, "Not found", $"There is no meeting {meeting}.");
        }
        catch (RegistryException e) when (e.Code == StatusCode.PermissionDenied)
        {
            return Error(format, StatusCodes.Status403Forbidden, "Forbidden", e.Message);
        }
        catch (RegistryException e) when (e.Code is StatusCode.InvalidArgument or StatusCode.NotFound)
        {
            var problems = e.Violations.Count > 0 ? e.Violations.Select(v => $"{v.Field}: {v.Description}").ToList() : [e.Message];
            return Error(format, StatusCodes.Status400BadRequest, "Bad request", [.. problems]);
        }
    }

    private sealed record PageQuery(
        bool IncludePersonalData, int SuppressionThreshold, string Policy, IReadOnlyList<MeetingName>? Compare, string Table, ReportLayout Layout, bool SelfDeclaredOnly);

    private static PageQuery Parse(IQueryCollection query, Format format)
    {
        string[] allowed = format switch
        {
            Format.Html => [.. CommonParameters, "compare"],
            Format.Csv => [.. CommonParameters, "table"],
            _ => CommonParameters,
        };
        var violations = new Violations();
        foreach (var (key, values) in query)
        {
            if (!allowed.Contains(key, StringComparer.Ordinal))
            {
                violations.Add(key, $"Not a parameter of this report; use {string.Join(", ", allowed)}.");
            }
            else if (values.Count > 1)
            {
                violations.Add(key, "Give it once.");
            }
        }

        var includePersonalData = false;
        if (One(query, "include_personal_data") is { } personal && !bool.TryParse(personal, out includePersonalData))
        {
            violations.Add("include_personal_data", "Must be true or false.");
        }

        var selfDeclaredOnly = false;
        if (One(query, "self_declared_only") is { } declared && !bool.TryParse(declared, out selfDeclaredOnly))
        {
            violations.Add("self_declared_only", "Must be true or false.");
        }
        else if (selfDeclaredOnly && !includePersonalData)
        {
            violations.Add("self_declared_only", ReportRequests.SelfDeclaredNeedsPersonalData);
        }

        var threshold = 0;
        if (One(query, "suppression_threshold") is { } thresholdText
            && (!int.TryParse(thresholdText, NumberStyles.None, CultureInfo.InvariantCulture, out threshold) || threshold > ReportRequests.MaxSuppressionThreshold))
        {
            violations.Add("suppression_threshold", $"Must be a whole number from 0 (meaning {ReportRequests.DefaultSuppressionThreshold}) to {ReportRequests.MaxSuppressionThreshold}.");
        }

        var compare = One(query, "compare") is { } compareText
            ? ReportRequests.ComparedMeetings(compareText.Split(',', StringSplitOptions.TrimEntries), violations, "compare", _ => "compare", "comma-separated: meetings/a,meetings/b")
            : null;

        var table = One(query, "table") ?? "breakdowns";
        if (!CsvTables.Contains(table, StringComparer.Ordinal))
        {
            violations.Add("table", $"Must be one of {string.Join(", ", CsvTables)}.");
        }

        var layout = One(query, "layout") switch
        {
            null or "default" => ReportLayout.Unspecified,
            "igf_statistics" => ReportLayout.IgfStatistics,
            _ => (ReportLayout?)null,
        };
        if (layout is null)
        {
            violations.Add("layout", "Must be default or igf_statistics.");
        }

        violations.ThrowIfAny();
        return new PageQuery(includePersonalData, threshold, One(query, "policy") ?? "", compare, table, layout ?? ReportLayout.Unspecified, selfDeclaredOnly);
    }

    private static string? One(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values is [{ } value] ? value : null;

    private static IResult Error(Format format, int status, string title, params string[] lines) => format == Format.Html
        ? Results.Text(
            $"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\" /><title>{title}</title></head><body><h1>{title}</h1>{string.Concat(lines.Select(l => $"<p>{WebUtility.HtmlEncode(l)}</p>"))}</body></html>\n",
            Html,
            statusCode: status)
        : Results.Text(string.Concat(lines.Select(l => l + "\n")), Text, statusCode: status);
}
