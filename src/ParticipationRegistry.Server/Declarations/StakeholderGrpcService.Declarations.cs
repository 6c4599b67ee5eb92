using Grpc.Core;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Declarations;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Stakeholders;

/// <summary>Declaration links (see <see cref="DeclarationLinks"/>): people state their own personal data through them.</summary>
public sealed partial class StakeholderGrpcService
{
    public override Task<DeclarationLink> CreateDeclarationLink(CreateDeclarationLinkRequest request, ServerCallContext context) =>
        Links(context).ForPersonAsync(context.GetCaller(), ResourceName.Parse<StakeholderName>(request.Stakeholder, "stakeholder"));

    public override async Task<CreateDeclarationLinksResponse> CreateDeclarationLinks(CreateDeclarationLinksRequest request, ServerCallContext context) =>
        new() { Links = { await Links(context).ForParentAsync(context.GetCaller(), request.Parent) } };

    // Resolved per call, so that the constructor the other StakeholderService files share stays as it is.
    private static DeclarationLinks Links(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<DeclarationLinks>();
}
