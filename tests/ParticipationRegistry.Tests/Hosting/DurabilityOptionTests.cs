using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>--durability / REGISTRY_DURABILITY: normal by default, full on request, anything else refused.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DurabilityOptionTests
{
    private const string Variable = "REGISTRY_DURABILITY";

    private static async Task<(int ExitCode, RegistryOptions? Options, string Output)> ParseAsync(string[] args, string? environment)
    {
        var saved = Environment.GetEnvironmentVariable(Variable);
        Environment.SetEnvironmentVariable(Variable, environment);
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
            Environment.SetEnvironmentVariable(Variable, saved);
        }
    }

    [Theory]
    [InlineData(new string[0], null, Durability.Normal)]
    [InlineData(new[] { "--durability", "full" }, null, Durability.Full)]
    [InlineData(new[] { "--durability", "NORMAL" }, null, Durability.Normal)]
    [InlineData(new string[0], "full", Durability.Full)]
    [InlineData(new[] { "--durability", "normal" }, "full", Durability.Normal)]
    public async Task The_option_wins_over_the_environment_which_wins_over_normal(string[] args, string? environment, Durability durability)
    {
        var (exitCode, options, _) = await ParseAsync(args, environment);

        Assert.Equal(0, exitCode);
        Assert.Equal(durability, options!.Durability);
    }

    [Theory]
    [InlineData(new[] { "--durability", "sometimes" }, null, "--durability must be normal or full")]
    [InlineData(new string[0], "off", "REGISTRY_DURABILITY must be normal or full")]
    public async Task Any_other_durability_is_refused_with_a_clear_error(string[] args, string? environment, string error)
    {
        var (exitCode, options, output) = await ParseAsync(args, environment);

        Assert.NotEqual(0, exitCode);
        Assert.Null(options);
        Assert.Contains(error, output, StringComparison.Ordinal);
    }
}
