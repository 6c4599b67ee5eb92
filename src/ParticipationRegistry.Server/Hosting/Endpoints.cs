using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>
/// Two plaintext Kestrel endpoints: gRPC over h2c, and HTTP/1.1 for JSON and reports (h2c and
/// HTTP/1.1 cannot share one plaintext endpoint). Port 0 binds a free port; the bound ports are
/// printed once the server has started.
/// </summary>
public static class Endpoints
{
    public static void ConfigureRegistryEndpoints(this WebApplicationBuilder builder, RegistryOptions options)
    {
        var grpc = Parse(options.GrpcUrl, "--grpc-url");
        var http = Parse(options.HttpUrl, "--http-url");
        ListenOptions? grpcListen = null;
        ListenOptions? httpListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(grpc, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                grpcListen = listen;
            });
            kestrel.Listen(http, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                httpListen = listen;
            });
        });
        builder.Services.AddSingleton(new BoundEndpoints(() => grpcListen!.IPEndPoint!, () => httpListen!.IPEndPoint!));
    }

    private static IPEndPoint Parse(string url, string option)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "http")
        {
            throw new ArgumentException($"{option}: '{url}' is not an http:// URL such as http://127.0.0.1:5080 (TLS is not served; put a proxy in front).");
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) => parsed,
            _ => throw new ArgumentException($"{option}: host '{uri.Host}' must be an IP address, localhost or *."),
        };
        return new IPEndPoint(address, uri.Port);
    }
}

/// <summary>The endpoints as bound (with the real port when 0 was asked for).</summary>
public sealed class BoundEndpoints(Func<IPEndPoint> grpc, Func<IPEndPoint> http)
{
    public string GrpcUrl => Url(grpc());
    public string HttpUrl => Url(http());

    private static string Url(IPEndPoint endpoint) => $"http://{(endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}";
}
