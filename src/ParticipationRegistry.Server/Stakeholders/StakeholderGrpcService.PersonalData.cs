using Grpc.Core;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>The data-subject requests (admin only, see AccessRules): erasure and export of one person.</summary>
public sealed partial class StakeholderGrpcService
{
    public override async Task<Stakeholder> EraseStakeholder(EraseStakeholderRequest request, ServerCallContext context)
    {
        var name = ResourceName.Parse<StakeholderName>(request.Name, "name");
        var placeholder = await PersonalDataStore(context).EraseStakeholderAsync(name, Etags.Expected(request.Etag));
        return StakeholderRules.ToProto(placeholder, StakeholderView.Full);
    }

    public override Task<StakeholderDataExport> ExportStakeholderData(ExportStakeholderDataRequest request, ServerCallContext context)
    {
        var name = ResourceName.Parse<StakeholderName>(request.Name, "name");
        var held = PersonalDataStore(context).ExportStakeholder(name);
        var seats = held.Seats.Select(MeetingRules.ToProto).ToList();
        var registrations = held.Registrations.Select(MeetingRules.ToProto).ToList();
        string[] about = [name.ToString(), .. seats.Select(s => s.Name), .. registrations.Select(r => r.Name)];
        var events = context.GetHttpContext().RequestServices.GetRequiredService<AuditTrail>().About(about);
        return Task.FromResult(new StakeholderDataExport
        {
            Stakeholder = StakeholderRules.ToProto(held.Stakeholder, StakeholderView.Full),
            Participants = { seats },
            Registrations = { registrations },
            AuditEvents = { events.Select(AuditTrail.ToProto) },
        });
    }

    // Resolved per call, so that the constructor the other StakeholderService files share stays as it is.
    private static IPersonalDataStore PersonalDataStore(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<IPersonalDataStore>();
}
