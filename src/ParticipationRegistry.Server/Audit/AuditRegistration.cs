using Microsoft.Extensions.DependencyInjection.Extensions;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Audit;

public static class AuditRegistration
{
    /// <summary>How long the trail keeps events (the trail itself is registered with the storage).</summary>
    public static IServiceCollection AddRegistryAudit(this IServiceCollection services, int retentionDays) =>
        services.Replace(ServiceDescriptor.Singleton(new AuditRetention(TimeSpan.FromDays(retentionDays))));

    /// <summary>
    /// Records the HTTP report pages that include personal data (<c>include_personal_data=true</c>),
    /// as the interceptor records the gRPC and JSON reports; only pages that were served count.
    /// </summary>
    public static IApplicationBuilder UsePersonalReportAudit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            await next(http);
            if (http.Response.StatusCode == StatusCodes.Status200OK
                && http.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route }
                && route.StartsWith("/reports/", StringComparison.Ordinal)
                && bool.TryParse(http.Request.Query["include_personal_data"].ToString(), out var personal) && personal
                && http.GetRouteValue("meeting") is string meeting)
            {
                await http.RequestServices.GetRequiredService<AuditTrail>().AppendAsync(
                    http.GetCaller().KeyId ?? "",
                    [new AuditRecord($"GET {route}", $"meetings/{meeting}", ["include_personal_data"], AuditAction.PersonalDataRead)]);
            }
        });
}
