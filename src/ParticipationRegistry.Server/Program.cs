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

    await app.StartAsync(cancellation);
    var endpoints = app.Services.GetRequiredService<BoundEndpoints>();
    Console.WriteLine($"ParticipationRegistry is running.");
    Console.WriteLine($"  gRPC (h2c):  {endpoints.GrpcUrl}");
    Console.WriteLine($"  HTTP/1.1:    {endpoints.HttpUrl}");
    Console.WriteLine($"  database:    {app.Services.GetRequiredService<Database>().Path}");
    Console.WriteLine($"  demo data:   {(options.Demo ? "loaded" : "not loaded (use --demo)")}");
    await app.WaitForShutdownAsync(cancellation);
    return 0;
}).Parse(args).InvokeAsync();
