using System.CommandLine;
using System.Globalization;
using ParticipationRegistry.Client;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>The options every command takes: where the server is, which key to send, how long to wait for it.</summary>
public sealed class Globals
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string DefaultHttp = "http://127.0.0.1:5081";

    /// <summary>The default of <c>--timeout</c>, in seconds: as long as the C# client's own default.</summary>
    public static readonly double DefaultTimeoutSeconds = RegistryClient.DefaultCallTimeout.TotalSeconds;

    public Option<string?> Server { get; } = new("--server")
    {
        Description = $"The registry's gRPC address. Env REGISTRY_SERVER. Default {DefaultServer} (the server's default --grpc-url).",
        Recursive = true,
    };

    public Option<string?> Key { get; } = new("--key")
    {
        Description = "The API key, sent as 'authorization: Bearer <key>'. Env REGISTRY_KEY (preferred: a key on the command line shows in the shell's history).",
        Recursive = true,
    };

    public Option<string?> Http { get; } = new("--http")
    {
        Description = $"The registry's HTTP/1.1 address, for the csv, md and html reports. Env REGISTRY_HTTP. Default {DefaultHttp} (the server's default --http-url).",
        Recursive = true,
    };

    public Option<double?> Timeout { get; } = new("--timeout")
    {
        Description = $"How many seconds to wait for the server's answer to each call (gRPC and HTTP) before giving up with exit 2. " +
            $"Env REGISTRY_TIMEOUT. Default {DefaultTimeoutSeconds.ToString(CultureInfo.InvariantCulture)}.",
        HelpName = "SECONDS",
        Recursive = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (TryParseSeconds(text, out var seconds))
            {
                return seconds;
            }

            result.AddError(TimeoutError("--timeout", text));
            return null;
        },
    };

    /// <summary>A number of seconds greater than 0 (<c>300</c>, <c>2.5</c>), at most a day short of forever.</summary>
    public static bool TryParseSeconds(string text, out double seconds) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
        && double.IsFinite(seconds) && seconds > 0 && seconds <= TimeSpan.MaxValue.TotalSeconds - 86_400;

    public static string TimeoutError(string source, string text) =>
        $"{source} must be a number of seconds greater than 0 (e.g. 300), not '{text}'.";
}

/// <summary>One command being run: its parsed values, where to write, and the client (made on first use).</summary>
public sealed class Invocation(ParseResult result, CliContext context, Globals globals, CancellationToken cancellation) : IDisposable
{
    private RegistryClient? _client;

    public ParseResult Result { get; } = result;

    public CliContext Context { get; } = context;

    public CancellationToken Cancellation { get; } = cancellation;

    public Spectre.Console.IAnsiConsole Out => Context.Console;

    public string Server => Result.GetValue(globals.Server) ?? Context.Environment("REGISTRY_SERVER") ?? Globals.DefaultServer;

    public string HttpBase => (Result.GetValue(globals.Http) ?? Context.Environment("REGISTRY_HTTP") ?? Globals.DefaultHttp).TrimEnd('/');

    public string Key => Result.GetValue(globals.Key) ?? Context.Environment("REGISTRY_KEY")
        ?? throw new UsageException("No API key: give --key or set REGISTRY_KEY.");

    /// <summary>How long each call may wait for the server: --timeout, else REGISTRY_TIMEOUT, else 300 s.</summary>
    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    /// <summary>--timeout, else REGISTRY_TIMEOUT, else the default; a bad REGISTRY_TIMEOUT is a usage error.</summary>
    public double TimeoutSeconds
    {
        get
        {
            if (Result.GetValue(globals.Timeout) is { } given)
            {
                return given;
            }

            if (Context.Environment("REGISTRY_TIMEOUT") is not { } text)
            {
                return Globals.DefaultTimeoutSeconds;
            }

            return Globals.TryParseSeconds(text, out var seconds) ? seconds : throw new UsageException(Globals.TimeoutError("REGISTRY_TIMEOUT", text));
        }
    }

    public RegistryClient Client => _client ??= Create();

    /// <summary>An HttpClient for the server's HTTP port that gives up after <see cref="Timeout"/>.</summary>
    public HttpClient Http() => new() { Timeout = Timeout };

    public T? Value<T>(Option<T> option) => Result.GetValue(option);

    public T Value<T>(Argument<T> argument) => Result.GetValue(argument)!;

    public void Dispose() => _client?.Dispose();

    private RegistryClient Create()
    {
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"--server must be an http:// or https:// address, not '{Server}'.");
        }

        return RegistryClient.Create(Server, Key, Timeout);
    }
}
