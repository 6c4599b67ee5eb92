using System.CommandLine;
using System.Text;
using Grpc.Core;
using ParticipationRegistry.Cli.Cli;
using ParticipationRegistry.Cli.Commands;
using ParticipationRegistry.Client;

namespace ParticipationRegistry.Cli;

/// <summary>The <c>registry</c> command: parses, runs one command, and turns every failure into exit code 2.</summary>
public static class RegistryCli
{
    /// <summary>The tool's entry point: the process's console and environment.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = Encoding.UTF8;
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        return await RunAsync(args, CliContext.FromProcess(), cancel.Token);
    }

    /// <summary>Runs one command line with <paramref name="context"/>'s writers and environment (the tests call this).</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = Build(context).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync($"See 'registry {string.Join(' ', CommandPath(parsed.CommandResult.Command))} --help'.".Replace("  ", " ", StringComparison.Ordinal));
            return ExitCodes.Error;
        }

        try
        {
            return await parsed.InvokeAsync(
                new InvocationConfiguration { Output = context.Output, Error = context.Error, EnableDefaultExceptionHandler = false },
                cancellation);
        }
        catch (Exception e) when (e is RpcException or UsageException or ServerTimeoutException or IOException or UnauthorizedAccessException or HttpRequestException or OperationCanceledException)
        {
            await ErrorReport.WriteAsync(context.Error, e);
            return ExitCodes.Error;
        }
    }

    private static List<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Command? c = command; c is not null and not RootCommand; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Insert(0, c.Name);
        }

        return names;
    }

    /// <summary>Every command, option and argument of the tool (the tests walk it to check that each explains itself).</summary>
    public static RootCommand Build(CliContext context)
    {
        var globals = new Globals();
        var root = new RootCommand(
            """
            registry: the ParticipationRegistry command line. Imports a programme, stakeholders and registrations
            from CSV, exports a programme, lists and edits people, sessions, seats and registrations, checks a
            panel's balance, suggests panellists, writes diversity reports and makes the links through which people
            declare their own gender, attributes and consent.

            Connect with --server (env REGISTRY_SERVER) and --key (env REGISTRY_KEY); each call waits at most
            --timeout seconds (env REGISTRY_TIMEOUT, default 300) for the server. Exit codes: 0 done (check:
            balanced), 1 check: unbalanced, 3 check: indeterminate, 2 any error (bad arguments, bad rows in an
            import, the server unreachable or not answering in time, a refused key).

            Examples:
              export REGISTRY_KEY=prk_...
              registry import programme programme.csv --meeting igf-2012
              registry check igf-2012/ws-85
              registry report igf-2012 --format html --out igf-2012.html
              registry links igf-2012/ws-85 --out links.csv
            """)
        {
            globals.Server, globals.Key, globals.Http, globals.Timeout,
        };
        var commands = new CommandFactory(context, globals);
        root.Subcommands.Add(ImportCommands.Build(commands));
        root.Subcommands.Add(ExportCommands.Build(commands));
        root.Subcommands.Add(MeetingCommands.Build(commands));
        root.Subcommands.Add(StakeholderCommands.Build(commands));
        root.Subcommands.Add(SessionCommands.Build(commands));
        root.Subcommands.Add(SeatCommands.Build(commands));
        root.Subcommands.Add(RegistrationCommands.Build(commands));
        root.Subcommands.Add(CheckCommands.BuildCheck(commands));
        root.Subcommands.Add(CheckCommands.BuildSuggest(commands));
        root.Subcommands.Add(ReportCommand.Build(commands));
        root.Subcommands.Add(LinkCommands.Build(commands));
        root.Subcommands.Add(AdminCommands.Build(commands));
        return root;
    }
}

/// <summary>Gives each command its action with an <see cref="Invocation"/>.</summary>
public sealed class CommandFactory(CliContext context, Globals globals)
{
    public CliContext Context { get; } = context;

    /// <summary>Runs <paramref name="run"/>; a call the server did not answer within --timeout ends it as a <see cref="ServerTimeoutException"/>.</summary>
    public void Action(Command command, Func<Invocation, Task<int>> run) =>
        command.SetAction(async (result, cancellation) =>
        {
            using var invocation = new Invocation(result, Context, globals, cancellation);
            // Read first: a bad REGISTRY_TIMEOUT stops every command before it does anything.
            var seconds = invocation.TimeoutSeconds;
            try
            {
                return await run(invocation);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
            {
                throw new ServerTimeoutException(seconds, e);
            }
            catch (OperationCanceledException e) when (e.InnerException is TimeoutException && !cancellation.IsCancellationRequested)
            {
                // HttpClient.Timeout elapsed (the csv, md and html reports).
                throw new ServerTimeoutException(seconds, e);
            }
        });
}

/// <summary>Writes a failure to stderr: the status, the reason, and each bad field.</summary>
public static class ErrorReport
{
    public static async Task WriteAsync(TextWriter error, Exception failure)
    {
        ArgumentNullException.ThrowIfNull(error);
        switch (failure)
        {
            case RegistryCallException call:
                await error.WriteLineAsync($"error: {call.StatusCode}{(call.Reason.Length > 0 ? $" ({call.Reason})" : "")}: {Describe(call)}");
                foreach (var violation in call.FieldViolations)
                {
                    await error.WriteLineAsync($"  {violation.Field}: {violation.Description}");
                }

                break;
            case RpcException rpc:
                await error.WriteLineAsync($"error: {rpc.StatusCode}: {rpc.Status.Detail}");
                break;
            case OperationCanceledException:
                await error.WriteLineAsync("error: cancelled.");
                break;
            default:
                await error.WriteLineAsync($"error: {failure.Message}");
                break;
        }
    }

    private static string Describe(RpcException call) => call.StatusCode switch
    {
        StatusCode.Unavailable => $"cannot reach the server ({call.Status.Detail}). Is it running, and is --server (REGISTRY_SERVER) right?",
        StatusCode.Unauthenticated => $"the key was refused ({call.Status.Detail}). Check --key (REGISTRY_KEY).",
        StatusCode.PermissionDenied => $"this key may not do that ({call.Status.Detail}).",
        _ => call.Status.Detail,
    };
}
