using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>
/// Two Kestrel endpoints: gRPC over HTTP/2, and HTTP/1.1 for JSON and reports (h2c and HTTP/1.1
/// cannot share one plaintext endpoint). Each is http:// or https://; https takes its certificate from
/// --tls-certificate/--tls-key or Kestrel's standard Kestrel:Certificates:Default. Port 0 binds a free
/// port; the bound ports are printed once the server has started.
/// </summary>
public static class Endpoints
{
    /// <summary>The largest request accepted: a gRPC message, or an HTTP request body.</summary>
    public const int MaxRequestBytes = 4 * 1024 * 1024;

    public static void ConfigureRegistryEndpoints(this WebApplicationBuilder builder, RegistryOptions options)
    {
        var (grpc, grpcTls) = Parse(options.GrpcUrl, "--grpc-url");
        var (http, httpTls) = Parse(options.HttpUrl, "--http-url");
        var certificate = grpcTls || httpTls ? Certificate(builder.Configuration.GetSection("Kestrel:Certificates:Default"), options) : null;
        ListenOptions? grpcListen = null;
        ListenOptions? httpListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBytes;
            kestrel.Listen(grpc, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                UseTls(listen, grpcTls, certificate);
                grpcListen = listen;
            });
            kestrel.Listen(http, listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                UseTls(listen, httpTls, certificate);
                httpListen = listen;
            });
        });
        builder.Services.AddSingleton(new BoundEndpoints(() => grpcListen!.IPEndPoint!, grpcTls, () => httpListen!.IPEndPoint!, httpTls));
    }

    private static void UseTls(ListenOptions listen, bool tls, X509Certificate2? certificate)
    {
        if (tls)
        {
            listen.UseHttps(certificate!);
        }
    }

    // Explicit options win over Kestrel's standard configuration (env Kestrel__Certificates__Default__Path, ...).
    private static X509Certificate2 Certificate(IConfigurationSection standard, RegistryOptions options)
    {
        var path = options.TlsCertificate.Length > 0 ? options.TlsCertificate : standard["Path"] ?? "";
        var keyPath = options.TlsCertificate.Length > 0 ? options.TlsKey : standard["KeyPath"] ?? "";
        var password = standard["Password"];
        if (path.Length == 0)
        {
            throw new ArgumentException(
                "An https:// URL needs a certificate: --tls-certificate and --tls-key (PEM files), or Kestrel__Certificates__Default__Path (and __KeyPath or __Password).");
        }

        try
        {
            return (keyPath.Length > 0, password is { Length: > 0 }) switch
            {
                (true, true) => X509Certificate2.CreateFromEncryptedPemFile(path, password, keyPath),
                (true, false) => X509Certificate2.CreateFromPemFile(path, keyPath),
                _ => X509CertificateLoader.LoadPkcs12FromFile(path, password),
            };
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or IOException)
        {
            throw new ArgumentException($"The TLS certificate {path}{(keyPath.Length > 0 ? $" (key {keyPath})" : "")} cannot be loaded: {e.Message}", e);
        }
    }

    private static (IPEndPoint Endpoint, bool Tls) Parse(string url, string option)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"{option}: '{url}' is not an http:// or https:// URL such as http://127.0.0.1:5080.");
        }

        var address = uri.Host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            _ when IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) => parsed,
            _ => throw new ArgumentException($"{option}: host '{uri.Host}' must be an IP address, localhost or *."),
        };
        return (new IPEndPoint(address, uri.Port), uri.Scheme == "https");
    }
}

/// <summary>The endpoints as bound (with the real port when 0 was asked for).</summary>
public sealed class BoundEndpoints(Func<IPEndPoint> grpc, bool grpcTls, Func<IPEndPoint> http, bool httpTls)
{
    public string GrpcUrl => Url(grpc(), grpcTls);
    public string HttpUrl => Url(http(), httpTls);
    public bool GrpcTls => grpcTls;

    private static string Url(IPEndPoint endpoint, bool tls) =>
        $"{(tls ? "https" : "http")}://{(endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]" : endpoint.Address.ToString())}:{endpoint.Port}";
}
