using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using ParticipationRegistry.Server.Hosting;

namespace ParticipationRegistry.Tests.Infrastructure;

/// <summary>
/// The built server (the dll the tests reference) as a child process on a database file, with a bootstrap
/// admin key, on free ports; its output is kept, and its bound gRPC URL and start-up line are read from it.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly ConcurrentQueue<string> output = new();

    private ServerProcess(Process process) => Process = process;

    public Process Process { get; }

    public string GrpcUrl { get; private set; } = "";

    /// <summary>The server's <c>start-up:</c> line: how long each phase took.</summary>
    public string StartupLine { get; private set; } = "";

    public string Output => string.Join('\n', output);

    /// <summary>A channel to the server calling with <paramref name="secret"/>.</summary>
    public GrpcChannel Channel(string secret) => GrpcChannel.ForAddress(GrpcUrl, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", $"Bearer {secret}");
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    public static async Task<ServerProcess> StartAsync(string databasePath, string adminSecret, params string[] extraArguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            typeof(RegistryApp).Assembly.Location, "--database", databasePath,
            "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0", "--rate-limit", "0",
        }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REGISTRY_BOOTSTRAP_ADMIN_KEY"] = adminSecret;
        var server = new ServerProcess(Process.Start(start)!);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not { } text)
            {
                return;
            }

            server.output.Enqueue(text);
            var trimmed = text.Trim();
            if (trimmed.StartsWith("gRPC (h2c):", StringComparison.Ordinal))
            {
                server.GrpcUrl = trimmed["gRPC (h2c):".Length..].Trim();
            }
            else if (trimmed.StartsWith("start-up:", StringComparison.Ordinal))
            {
                server.StartupLine = trimmed;
                started.TrySetResult();
            }
        };
        server.Process.ErrorDataReceived += (_, line) => server.output.Enqueue(line.Data ?? "");
        server.Process.Exited += (_, _) => started.TrySetException(new InvalidOperationException($"The server exited: {server.Output}"));
        server.Process.EnableRaisingEvents = true;
        server.Process.BeginOutputReadLine();
        server.Process.BeginErrorReadLine();
        try
        {
            await started.Task.WaitAsync(TimeSpan.FromMinutes(2));
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Sends SIGTERM, as a service manager stopping the server does.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            Process.WaitForExit();
        }

        Process.Dispose();
    }
}
