using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Stakeholders;

internal static class PermissionAssert
{
    /// <summary>Asserts PERMISSION_DENIED whose ErrorInfo names <paramref name="field"/> as the part of the request refused.</summary>
    public static async Task DeniedAsync(string field, Func<Task> call)
    {
        var status = await RpcAssert.FailsAsync(StatusCode.PermissionDenied, "PERMISSION_DENIED", call);
        Assert.Equal(field, status.GetDetail<ErrorInfo>().Metadata["field"]);
    }
}
