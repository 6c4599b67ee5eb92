using Grpc.Core;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Reports;

/// <summary>ReportService: <see cref="ReportRequests"/> checks the request, <see cref="ReportBuilder"/> assembles the report.</summary>
public sealed class ReportGrpcService(ReportBuilder builder, PolicyResolver policies) : ReportService.ReportServiceBase
{
    private readonly ReportRequests requests = new(policies);

    public override Task<DiversityReport> GetSessionDiversity(GetSessionDiversityRequest request, ServerCallContext context)
    {
        var (session, settings) = requests.Session(request);
        return builder.SessionAsync(session, settings);
    }

    public override Task<DiversityReport> GetMeetingDiversity(GetMeetingDiversityRequest request, ServerCallContext context)
    {
        var (scope, settings) = requests.Meeting(request);
        return builder.MeetingAsync(scope, settings);
    }

    public override Task<CompareMeetingsResponse> CompareMeetings(CompareMeetingsRequest request, ServerCallContext context)
    {
        var (meetings, settings) = requests.Compare(request);
        return builder.CompareAsync(meetings, settings);
    }
}
