using ParticipationRegistry.Server.Hosting;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>--durability / REGISTRY_DURABILITY: normal by default, full on request, anything else refused.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DurabilityOptionTests
{
    private const string Variable = "REGISTRY_DURABILITY";

    private static Task<(int ExitCode, RegistryOptions? Options, string Output)> ParseAsync(string[] args, string? environment) =>
        OptionParsing.ParseAsync(args, Variable, environment);

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
