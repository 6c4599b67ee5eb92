using ParticipationRegistry.Server.Hosting;

namespace ParticipationRegistry.Tests.Hosting;

internal static class OptionParsing
{
    /// <summary>
    /// Parses <paramref name="args"/> with <paramref name="variable"/> set to <paramref name="value"/> (restored after):
    /// the exit code, the options (null when refused) and what was printed.
    /// </summary>
    public static async Task<(int ExitCode, RegistryOptions? Options, string Output)> ParseAsync(string[] args, string variable, string? value)
    {
        var saved = Environment.GetEnvironmentVariable(variable);
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            RegistryOptions? parsed = null;
            var output = new StringWriter();
            var exitCode = await RegistryOptions.Command((options, _) =>
            {
                parsed = options;
                return Task.FromResult(0);
            }).Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
            return (exitCode, parsed, output.ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, saved);
        }
    }
}
