using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>
/// TLS on both ports of a real Kestrel server (port 0), with a self-signed certificate made here:
/// from --tls-certificate/--tls-key, and from Kestrel's standard Kestrel:Certificates:Default.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class TlsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("registry-tls-").FullName;
    private readonly X509Certificate2 certificate;

    public TlsTests()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(CertificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(KeyPath, key.ExportPkcs8PrivateKeyPem());
    }

    private string CertificatePath => Path.Combine(folder, "registry.crt.pem");
    private string KeyPath => Path.Combine(folder, "registry.key.pem");

    public void Dispose()
    {
        certificate.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Both_ports_serve_TLS_with_the_certificate_given_as_options()
    {
        await AssertServesTlsAsync(CertificatePath, KeyPath);
    }

    [Fact]
    public async Task Both_ports_serve_TLS_with_the_certificate_from_standard_Kestrel_configuration()
    {
        Environment.SetEnvironmentVariable("Kestrel__Certificates__Default__Path", CertificatePath);
        Environment.SetEnvironmentVariable("Kestrel__Certificates__Default__KeyPath", KeyPath);
        try
        {
            await AssertServesTlsAsync(tlsCertificate: "", tlsKey: "");
        }
        finally
        {
            Environment.SetEnvironmentVariable("Kestrel__Certificates__Default__Path", null);
            Environment.SetEnvironmentVariable("Kestrel__Certificates__Default__KeyPath", null);
        }
    }

    [Fact]
    public void An_https_url_without_a_certificate_is_refused_at_start()
    {
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(
            new RegistryOptions("https://127.0.0.1:0", "http://127.0.0.1:0", Path.Combine(folder, "registry.db"), false)));
        Assert.Contains("--tls-certificate", e.Message, StringComparison.Ordinal);
    }

    private async Task AssertServesTlsAsync(string tlsCertificate, string tlsKey)
    {
        var admin = ApiKeySecrets.New();
        await using var app = RegistryApp.Build(new RegistryOptions(
            "https://127.0.0.1:0", "https://127.0.0.1:0", Path.Combine(folder, "registry.db"), Demo: true, admin, TlsCertificate: tlsCertificate, TlsKey: tlsKey));
        await app.StartAsync();
        try
        {
            var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
            Assert.StartsWith("https://127.0.0.1:", endpoints.GrpcUrl, StringComparison.Ordinal);
            Assert.StartsWith("https://127.0.0.1:", endpoints.HttpUrl, StringComparison.Ordinal);

            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint };
            using var channel = GrpcChannel.ForAddress(endpoints.GrpcUrl, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = false });
            var meeting = await new MeetingService.MeetingServiceClient(channel).GetMeetingAsync(
                new GetMeetingRequest { Name = "meetings/igf-2012" }, new Metadata { { "authorization", $"Bearer {admin}" } });
            Assert.Equal("meetings/igf-2012", meeting.Name);

            using var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(endpoints.HttpUrl) };
            var page = await http.GetAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("<html", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);

            using var plain = new HttpClient { BaseAddress = new Uri(endpoints.HttpUrl.Replace("https://", "http://", StringComparison.Ordinal)) };
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => plain.GetAsync(new Uri("/reports/meetings/igf-2012", UriKind.Relative)));
        }
        finally
        {
            await app.StopAsync();
        }
    }
}
