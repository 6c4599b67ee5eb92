using Spectre.Console;

namespace ParticipationRegistry.Cli.Cli;

/// <summary>Where a run writes and reads its settings: the real console, or captured writers in tests.</summary>
public sealed class CliContext
{
    /// <param name="output">Tables, results, help.</param>
    /// <param name="error">Error messages and warnings.</param>
    /// <param name="environment">Reads an environment variable (REGISTRY_SERVER, REGISTRY_KEY, REGISTRY_HTTP).</param>
    /// <param name="console">The Spectre console over <paramref name="output"/>; a plain, wide one when null.</param>
    public CliContext(TextWriter output, TextWriter error, Func<string, string?> environment, IAnsiConsole? console = null)
    {
        Output = output;
        Error = error;
        Environment = environment;
        Console = console ?? AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (console is null)
        {
            Console.Profile.Width = 200;
        }
    }

    public TextWriter Output { get; }

    public TextWriter Error { get; }

    public Func<string, string?> Environment { get; }

    public IAnsiConsole Console { get; }

    /// <summary>Whether stdin is a terminal a prompt can read (<c>--on-duplicate ask</c>); false unless set.</summary>
    public bool InputIsTerminal { get; init; }

    /// <summary>The process's own console and environment.</summary>
    public static CliContext FromProcess() => new(
        System.Console.Out,
        System.Console.Error,
        name => System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null,
        AnsiConsole.Console)
    {
        InputIsTerminal = !System.Console.IsInputRedirected,
    };
}

/// <summary>A mistake in how the command was called (a missing column, an unreadable file): exit 2.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>A call the server did not answer within <c>--timeout</c> (gRPC DEADLINE_EXCEEDED, or the HTTP client's timeout): exit 2.</summary>
public sealed class ServerTimeoutException(double seconds, Exception inner)
    : Exception($"The server did not answer within {seconds.ToString(System.Globalization.CultureInfo.InvariantCulture)} s (--timeout).", inner);
