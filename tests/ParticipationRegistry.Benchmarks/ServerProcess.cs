using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ParticipationRegistry.Benchmarks;

/// <summary>What /proc says about a process: CPU seconds so far, resident and peak resident memory.</summary>
public readonly record struct ProcessStats(double CpuSeconds, double RssMb, double PeakRssMb)
{
    // Linux's USER_HZ: /proc/<pid>/stat counts CPU time in hundredths of a second.
    private const double TicksPerSecond = 100;

    public static ProcessStats Read(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        double rss = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal)) rss = Kilobytes(line) / 1024;
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) peak = Kilobytes(line) / 1024;
        }

        return new ProcessStats(ticks / TicksPerSecond, rss, peak);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}

/// <summary>
/// The real server as a child process (<c>dotnet ParticipationRegistry.Server.dll</c>) on ports it picks
/// itself, rate limit off, with a bootstrap admin key; its bound addresses are read from what it prints.
/// </summary>
public sealed partial class ServerProcess : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);
    private readonly Process process;
    private readonly List<string> output = [];
    private bool disposed;

    private ServerProcess(Process process) => this.process = process;

    public string GrpcUrl { get; private set; } = "";

    public string HttpUrl { get; private set; } = "";

    public int Pid => process.Id;

    public ProcessStats Stats() => ProcessStats.Read(process.Id);

    public static async Task<ServerProcess> Start(string serverDll, string database, string adminKey, string workingDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { serverDll, "--database", database, "--grpc-url", "http://127.0.0.1:0", "--http-url", "http://127.0.0.1:0", "--rate-limit", "0" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            Environment = { ["REGISTRY_BOOTSTRAP_ADMIN_KEY"] = adminKey },
        };
        var server = new ServerProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        // Ctrl+C or SIGTERM on the benchmark ends its server too.
        Console.CancelKeyPress += (_, _) => server.Dispose();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        var grpc = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (server.output)
            {
                server.output.Add(line);
            }

            if (GrpcLine().Match(line) is { Success: true } g) grpc.TrySetResult(g.Groups[1].Value);
            if (HttpLine().Match(line) is { Success: true } h) http.TrySetResult(h.Groups[1].Value);
        }

        // Both streams are drained for the server's whole life, so it never blocks on a full pipe.
        server.process.OutputDataReceived += (_, e) => Read(e.Data);
        server.process.ErrorDataReceived += (_, e) => Read(e.Data);
        server.process.BeginOutputReadLine();
        server.process.BeginErrorReadLine();
        var started = Task.WhenAll(grpc.Task, http.Task);
        var finished = await Task.WhenAny(started, server.process.WaitForExitAsync(), Task.Delay(StartTimeout));
        if (finished != started)
        {
            var printed = server.Printed();
            server.Dispose();
            throw new InvalidOperationException($"the server did not print its addresses (exited or timed out):\n{printed}");
        }

        server.GrpcUrl = grpc.Task.Result;
        server.HttpUrl = http.Task.Result;
        return server;
    }

    public string Printed()
    {
        lock (output)
        {
            return string.Join('\n', output);
        }
    }

    /// <summary>The distinct failures the server logged (PostgreSQL's SQLSTATE and message, exception lines), at most <paramref name="count"/>.</summary>
    public IReadOnlyList<string> LoggedFailures(int count)
    {
        lock (output)
        {
            return output.Where(line => FailureLine().IsMatch(line)).Select(line => line.Trim()).Distinct().Take(count).ToList();
        }
    }

    public void Dispose()
    {
        lock (output)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Exception:|Exception \(0x|MessageText:|^\s*Position:")]
    private static partial Regex FailureLine();

    [GeneratedRegex(@"gRPC \(h2c\):\s+(\S+)")]
    private static partial Regex GrpcLine();

    [GeneratedRegex(@"HTTP/1\.1:\s+(\S+)")]
    private static partial Regex HttpLine();
}
