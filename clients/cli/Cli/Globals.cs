using System.CommandLine;
using ParticipationRegistry.Client;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>The options every command takes: where the server is and which key to send.</summary>
public sealed class Globals
{
    public const string DefaultServer = "http://127.0.0.1:5080";
    public const string DefaultHttp = "http://127.0.0.1:5081";

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

    public RegistryClient Client => _client ??= Create();

    public T? Value<T>(Option<T> option) => Result.GetValue(option);

    public T Value<T>(Argument<T> argument) => Result.GetValue(argument)!;

    public void Dispose() => _client?.Dispose();

    private RegistryClient Create()
    {
        if (!Uri.TryCreate(Server, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
        {
            throw new UsageException($"--server must be an http:// or https:// address, not '{Server}'.");
        }

        return RegistryClient.Create(Server, Key);
    }
}
