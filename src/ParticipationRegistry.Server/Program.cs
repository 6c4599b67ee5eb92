using System.CommandLine;
using ParticipationRegistry.Server.Admin.Migrate;
using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;

return await RegistryOptions.Command(async (options, cancellation) =>
{
    WebApplication app;
    try
    {
        app = RegistryApp.Build(options);
    }
    catch (Exception e) when (e is SchemaTooNewException or ArgumentException)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }
    catch (Exception e) when (StorageFaults.Classify(e) is { } fault)
    {
        // A corrupt or unreadable file: one clear line and exit 3, not a stack trace (README, "Faults").
        await Console.Error.WriteLineAsync(
            $"The database '{DatabaseLocation.Parse(options.DatabasePath).Display}' cannot be used: {fault.Name} ({fault.Code}): {e.Message} " +
            "Restore it from a backup (README, \"Faults\"), or point --database at another database.");
        return 3;
    }

    await app.StartAsync(cancellation);
    var timings = app.Services.GetRequiredService<StartupTimings>();
    timings.Mark("kestrel");
    var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
    Console.WriteLine($"ParticipationRegistry is running.");
    Console.WriteLine(endpoints.GrpcTls ? $"  gRPC (TLS):  {endpoints.GrpcUrl}" : $"  gRPC (h2c):  {endpoints.GrpcUrl}");
    Console.WriteLine($"  HTTP/1.1:    {endpoints.HttpUrl}  (JSON, reports, gRPC-Web)");
    Console.WriteLine($"  CORS:        {(options.CorsOrigins.Length > 0 ? options.CorsOrigins : "no cross-origin access (--cors-origins)")}");
    Console.WriteLine($"  database:    {app.Services.GetRequiredService<Database>().Path}");
    Console.WriteLine($"  rate limit:  {(options.RateLimit > 0 ? $"{options.RateLimit} calls/s per key (--rate-limit)" : "off")}");
    Console.WriteLine($"  demo data:   {(options.Demo ? "loaded" : "not loaded (use --demo)")}");
    Console.WriteLine(app.Services.GetRequiredService<DemoAdminKey>().Secret is { } demoKey
        ? $"  admin key:   {demoKey}  (new at every start with --demo; send it as 'authorization: Bearer <key>')"
        : $"  admin key:   {(options.BootstrapAdminKey.Length > 0 ? "the bootstrap key (REGISTRY_BOOTSTRAP_ADMIN_KEY or --bootstrap-admin-key-file)" : "none configured: set REGISTRY_BOOTSTRAP_ADMIN_KEY, or run with --demo")}");
    Console.WriteLine($"  start-up:    {timings}");
    // SIGTERM or Ctrl+C: the host stops Kestrel, which lets calls in flight finish (--shutdown-timeout, RegistryOptions.ShutdownTimeoutSeconds).
    await app.WaitForShutdownAsync(cancellation);
    // Disposing the services lets the writer commit what is still queued and checkpoint the WAL into the file.
    await app.DisposeAsync();
    return 0;
}).WithSubcommand(MigrateCommand.Create(Console.Out, Console.Error)).Parse(args).InvokeAsync(new InvocationConfiguration
{
    // The host handles SIGTERM and Ctrl+C (a graceful stop); System.CommandLine's own handler would end the
    // process 2 s after the signal, cutting off calls in flight and the final checkpoint.
    ProcessTerminationTimeout = null,
});
