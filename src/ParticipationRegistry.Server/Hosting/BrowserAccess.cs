using Grpc.AspNetCore.Web;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>
/// Browsers: gRPC-Web on every gRPC service (a browser speaks it over HTTP/1.1, so it reaches the
/// HTTP/1.1 port), and CORS for the origins named by --cors-origins. With no origin configured there
/// is no CORS policy at all, so no other site's page may call the API. The key check is the access
/// interceptor's, the same for gRPC-Web as for gRPC.
/// </summary>
public static class BrowserAccess
{
    /// <summary>Response headers a gRPC-Web client must read: the status, its message and the rich details.</summary>
    public static readonly string[] ExposedHeaders = ["grpc-status", "grpc-message", "grpc-status-details-bin"];

    /// <summary>Request headers a gRPC-Web client sends (connect-web, grpc-web): the key, the framing, the deadline.</summary>
    public static readonly string[] AllowedHeaders =
        ["authorization", "content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "grpc-encoding", "grpc-accept-encoding"];

    private const string AnyOrigin = "*";

    public static IServiceCollection AddRegistryBrowserAccess(this IServiceCollection services, IReadOnlyList<string> origins)
    {
        if (origins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy =>
            {
                if (origins.Contains(AnyOrigin))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. origins]);
                }

                // gRPC-Web is always a POST; the key travels in a header, never as a cookie.
                policy.WithMethods(HttpMethods.Post)
                    .WithHeaders(AllowedHeaders)
                    .WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(TimeSpan.FromHours(1));
            }));
        }

        return services;
    }

    /// <summary>Before authentication: a preflight carries no key, and is answered here.</summary>
    public static WebApplication UseRegistryBrowserAccess(this WebApplication app, IReadOnlyList<string> origins)
    {
        if (origins.Count > 0)
        {
            app.UseCors();
        }

        app.UseGrpcWeb(new GrpcWebOptions { DefaultEnabled = true });
        return app;
    }

    /// <summary>
    /// Comma-separated origins, each <c>scheme://host[:port]</c> as a browser sends it in <c>Origin</c>,
    /// or <c>*</c> for any. Empty text: none.
    /// </summary>
    public static (IReadOnlyList<string> Origins, string? Error) ParseOrigins(string? text)
    {
        var origins = new List<string>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (entry == AnyOrigin)
            {
                origins.Add(entry);
                continue;
            }

            if (!Uri.TryCreate(entry, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") ||
                uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            {
                return ([], $"'{entry}' is not an origin: write scheme://host[:port] (no path), e.g. https://forum.example.org, or * for any origin.");
            }

            origins.Add(uri.GetLeftPart(UriPartial.Authority));
        }

        return (origins, null);
    }
}
