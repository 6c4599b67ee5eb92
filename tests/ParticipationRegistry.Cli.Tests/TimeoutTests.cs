using ParticipationRegistry.Client.Tests;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>
/// No command waits for ever: against a server that accepts the connection and never answers, each call
/// gives up after --timeout (REGISTRY_TIMEOUT) seconds with exit 2, over gRPC and over HTTP alike.
/// </summary>
public sealed class TimeoutTests
{
    private const string Message = "The server did not answer within 1 s (--timeout).";

    /// <summary>Far longer than --timeout 1: a command still running then never gave up.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private static Task<CliResult> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        LiveRegistry.RunWithAsync(environment, args).WaitAsync(HangGuard);

    [Fact]
    public async Task A_server_that_never_answers_is_given_up_after_the_timeout_with_exit_2()
    {
        await using var silent = new SilentServer();

        var result = await RunAsync([], "check", "igf-2012/ws-85", "--server", silent.Address, "--key", "prk_x", "--timeout", "1");

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains(Message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task REGISTRY_TIMEOUT_sets_the_timeout_when_the_option_is_not_given()
    {
        await using var silent = new SilentServer();
        var environment = new Dictionary<string, string> { ["REGISTRY_SERVER"] = silent.Address, ["REGISTRY_KEY"] = "prk_x", ["REGISTRY_TIMEOUT"] = "1" };

        var result = await RunAsync(environment, "stakeholders", "list");

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains(Message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_http_reports_are_given_up_after_the_timeout_too()
    {
        await using var silent = new SilentServer();

        var result = await RunAsync([], "report", "igf-2012", "--format", "csv", "--http", silent.Address, "--key", "prk_x", "--timeout", "1");

        Assert.True(result.Exit == 2, result.ToString());
        Assert.Contains(Message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("soon")]
    [InlineData("NaN")]
    public async Task A_timeout_that_is_not_a_number_of_seconds_above_0_is_exit_2(string value)
    {
        var option = await RunAsync([], "stakeholders", "list", "--key", "prk_x", "--timeout", value);
        var environment = await RunAsync(new Dictionary<string, string> { ["REGISTRY_KEY"] = "prk_x", ["REGISTRY_TIMEOUT"] = value }, "stakeholders", "list");

        Assert.True(option.Exit == 2, option.ToString());
        Assert.Contains($"--timeout must be a number of seconds greater than 0 (e.g. 300), not '{value}'.", option.Error, StringComparison.Ordinal);
        Assert.True(environment.Exit == 2, environment.ToString());
        Assert.Contains($"REGISTRY_TIMEOUT must be a number of seconds greater than 0 (e.g. 300), not '{value}'.", environment.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_names_the_timeout_its_variable_and_its_default()
    {
        var help = await RunAsync([], "--help");

        Assert.Equal(0, help.Exit);
        Assert.Contains("--timeout <SECONDS>", help.Output, StringComparison.Ordinal);
        Assert.Contains("REGISTRY_TIMEOUT", help.Output, StringComparison.Ordinal);
        Assert.Contains("Default 300.", help.Output, StringComparison.Ordinal);
    }
}
