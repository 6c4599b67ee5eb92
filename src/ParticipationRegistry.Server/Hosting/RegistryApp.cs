using Grpc.HealthCheck;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Admin;
using ParticipationRegistry.Server.Audit;
using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Countries;
using ParticipationRegistry.Server.Declarations;
using ParticipationRegistry.Server.Demo;
using ParticipationRegistry.Server.Meetings;
using ParticipationRegistry.Server.Programme;
using ParticipationRegistry.Server.Reports;
using ParticipationRegistry.Server.Stakeholders;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>The whole application: what is registered, and what is mapped where.</summary>
public static class RegistryApp
{
    /// <summary>
    /// Builds the app and migrates its database before anything serves. <paramref name="configureHost"/>
    /// replaces the Kestrel endpoints (tests use an in-process TestServer instead).
    /// </summary>
    public static WebApplication Build(RegistryOptions options, Action<WebApplicationBuilder>? configureHost = null)
    {
        AccessRegistration.RequireStrongSecret(options.BootstrapAdminKey, "The bootstrap admin key");
        if (options.PublicHttpUrl.Length > 0 && !DeclarationSettings.IsBaseUrl(options.PublicHttpUrl))
        {
            throw new ArgumentException($"--public-http-url (REGISTRY_PUBLIC_HTTP_URL) must be an http:// or https:// URL, not '{options.PublicHttpUrl}'.");
        }

        if (!(options.RateLimit >= 0))
        {
            throw new ArgumentException("--rate-limit (REGISTRY_RATE_LIMIT) must be a number of calls a second, or 0 to turn limiting off.");
        }

        var (corsOrigins, corsError) = BrowserAccess.ParseOrigins(options.CorsOrigins);
        if (corsError is not null)
        {
            throw new ArgumentException($"--cors-origins (REGISTRY_CORS_ORIGINS): {corsError}");
        }

        var timings = new StartupTimings();
        // Settings come from the command line and the environment (RegistryOptions), read once: no appsettings.json
        // watcher, which costs an inotify instance per server (128 per user on Linux, and tests start hundreds).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        // Request start/finish lines are never written at Warning; with this category off, hosting also
        // skips the per-request Activity it starts only for them (a tenth of a cheap call's CPU).
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        // The server prints its own start-up summary (Program.cs).
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        // grpc-dotnet logs every refused call at Information, echoing its detail, and a malformed body with
        // its stack trace: a caller's mistakes are answered, not logged (a malformed body is logged once,
        // at warning, by GuardedServiceMethodProvider). Handler failures stay at Error.
        builder.Logging.AddFilter("Grpc.AspNetCore.Server.ServerCallHandler", LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(timings);
        // SIGTERM: Kestrel stops accepting and lets calls in flight finish for at most this long, then the
        // container is disposed: the writer commits what is queued and checkpoints the WAL (Program.cs).
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(options.ShutdownTimeoutSeconds));
        if (options.ReadOnly && options.Demo)
        {
            throw new ArgumentException("--demo writes the sample data; it cannot be combined with --read-only (REGISTRY_READ_ONLY).");
        }

        // A --database that is neither a file nor a postgres:// URI it can read is refused here (exit 2), before anything opens.
        var location = DatabaseLocation.Parse(options.DatabasePath);
        builder.Services.AddRegistryStorage(location, options.Durability, options.ReadOnly);
        builder.Services.AddRegistryServices();
        builder.Services.AddRegistryAccess();
        builder.Services.AddRegistryAudit(options.AuditRetentionDays);
        builder.Services.AddDeclarations(options.DeclarationLinkDays, options.PublicHttpUrl);
        builder.Services.AddSingleton(services => new RateLimits(options.RateLimit, services.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<DemoAdminKey>();
        builder.Services.AddRegistryBrowserAccess(corsOrigins);
        builder.Services.AddSingleton(BackupFolder.For(options.BackupDirectory, location));
        builder.Services.AddSingleton<Backups>();
        if (configureHost is null)
        {
            builder.ConfigureRegistryEndpoints(options);
        }
        else
        {
            configureHost(builder);
        }

        var app = builder.Build();
        timings.Mark("host");
        try
        {
            app.Services.MigrateRegistryStorage();
            timings.Mark("migrations");
        }
        catch
        {
            ((IDisposable)app).Dispose();
            throw;
        }

        app.Services.GetRequiredService<DatabaseMaintenance>().Probe();
        timings.Mark("probe");
        // Before anything serves; off the caller's synchronization context, which a test host may have.
        Task.Run(async () =>
        {
            if (options.Demo)
            {
                await app.Services.GetRequiredService<DemoData>().LoadAsync();
            }

            timings.Mark("demo");
            // Read-only: the keys already in the file are used; the bootstrap key must have been applied by a writable start.
            if (!options.ReadOnly)
            {
                app.Services.GetRequiredService<DemoAdminKey>().Secret = await app.Services.ApplyBootstrapKeysAsync(options.BootstrapAdminKey, options.Demo);
            }

            timings.Mark("keys");
        }).GetAwaiter().GetResult();
        app.UseGrpcFrameChecks();
        app.UseRegistryBrowserAccess(corsOrigins);
        app.UseRegistryAuthentication();
        app.UsePersonalReportAudit();
        app.UseJsonQueryParameterChecks();
        app.MapRegistryServices();
        timings.Mark("mapping");
        return app;
    }

    public static IServiceCollection AddRegistryServices(this IServiceCollection services)
    {
        services.AddGrpc(grpc =>
            {
                // Outermost first: errors are mapped around everything, access is decided before the method
                // runs, and only then the call is counted against its key's rate.
                grpc.Interceptors.Add<ErrorInterceptor>();
                // Limits (list and text lengths, control characters, dates) before any work, access included.
                grpc.Interceptors.Add<LimitsInterceptor>();
                grpc.Interceptors.Add<AccessInterceptor>();
                grpc.Interceptors.Add<RateLimitInterceptor>();
                // Innermost: a refused or rate-limited call is never recorded.
                grpc.Interceptors.Add<AuditInterceptor>();
                grpc.MaxReceiveMessageSize = Endpoints.MaxRequestBytes;
            })
            // JSON over HTTP/1.1 from the google.api.http annotations. Error details must be in the
            // registry, or an error carrying them turns into an empty HTTP 500.
            .AddJsonTranscoding(json => json.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromMessages(
                Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor, Google.Rpc.RetryInfo.Descriptor));
        // A body that is not a valid message: INVALID_ARGUMENT, not UNKNOWN with a stack trace.
        services.AddGuardedServiceMethods();
        // gRPC services and interceptors hold no per-call state: one instance each, not one per call.
        services.AddSingleton<ErrorInterceptor>();
        services.AddSingleton<LimitsInterceptor>();
        services.AddSingleton<AccessInterceptor>();
        services.AddSingleton<RateLimitInterceptor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<StakeholderGrpcService>();
        services.AddSingleton<MeetingGrpcService>();
        services.AddSingleton<BalanceGrpcService>();
        services.AddSingleton<ReportGrpcService>();
        services.AddSingleton<KeyGrpcService>();
        services.AddSingleton<AuditGrpcService>();
        services.AddSingleton<AdminGrpcService>();
        services.AddGrpcReflection();
        services.AddSingleton(CountryCatalog.LoadEmbedded());
        services.AddSingleton<StakeholderRules>();
        services.AddSingleton<MeetingRules>();
        services.AddBalance();
        services.AddSingleton<ReportBuilder>();
        services.AddSingleton<DemoData>();
        services.AddProgrammeFeed();
        return services;
    }

    public static WebApplication MapRegistryServices(this WebApplication app)
    {
        app.MapGrpcService<StakeholderGrpcService>();
        app.MapGrpcService<MeetingGrpcService>();
        app.MapGrpcService<BalanceGrpcService>();
        app.MapGrpcService<ReportGrpcService>();
        app.MapGrpcService<KeyGrpcService>();
        app.MapGrpcService<AuditGrpcService>();
        app.MapGrpcService<AdminGrpcService>();
        app.MapGrpcService<HealthServiceImpl>();
        // Reflection is always on (not only in Development): tools like buf curl and grpcurl use it.
        app.MapGrpcReflectionService();
        app.MapReportPages();
        app.MapProgrammeFeed();
        app.MapDeclarationForm();
        app.MapGet("/", () => Results.Json(new
        {
            service = "ParticipationRegistry",
            api = "participation.registry.v1 over gRPC (h2c) on the gRPC port, and over gRPC-Web on this HTTP/1.1 port; server reflection is enabled",
        }));
        return app;
    }
}

/// <summary>The demo admin key made at start with <c>--demo</c> when no bootstrap key is configured, to print.</summary>
public sealed class DemoAdminKey
{
    public string? Secret { get; set; }
}
