using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>ReportService: <see cref="ReportRequests"/> checks the request, <see cref="ReportBuilder"/> assembles the report.</summary>
public sealed class ReportGrpcService(ReportBuilder builder, PolicyResolver policies, PersonalDataRights rights) : ReportService.ReportServiceBase
{
    public override Task<DiversityReport> GetSessionDiversity(GetSessionDiversityRequest request, ServerCallContext context)
    {
        var (session, settings) = Requests(context).Session(request);
        NoStoreIfPersonal(settings, context);
        return builder.SessionAsync(session, settings, context.CancellationToken);
    }

    public override Task<DiversityReport> GetMeetingDiversity(GetMeetingDiversityRequest request, ServerCallContext context)
    {
        var (scope, settings) = Requests(context).Meeting(request);
        NoStoreIfPersonal(settings, context);
        return builder.MeetingAsync(scope, settings, context.CancellationToken);
    }

    public override Task<CompareMeetingsResponse> CompareMeetings(CompareMeetingsRequest request, ServerCallContext context)
    {
        var (meetings, settings) = Requests(context).Compare(request);
        NoStoreIfPersonal(settings, context);
        return builder.CompareAsync(meetings, settings, cancellationToken: context.CancellationToken);
    }

    private ReportRequests Requests(ServerCallContext context) => new(policies, rights, context.GetCaller());

    // Reached through JSON transcoding, the report is an HTTP response that a shared cache could keep.
    private static void NoStoreIfPersonal(ReportSettings settings, ServerCallContext context)
    {
        if (settings.CarriesPersonalData(withSeatHolders: true))
        {
            PersonalDataRights.NoStore(context.GetHttpContext());
        }
    }
}
