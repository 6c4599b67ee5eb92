using ParticipationRegistry.Server.Hosting;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>--cors-origins / REGISTRY_CORS_ORIGINS: none by default, comma-separated origins, anything else refused.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class CorsOriginsOptionTests
{
    private const string Variable = "REGISTRY_CORS_ORIGINS";

    private static Task<(int ExitCode, RegistryOptions? Options, string Output)> ParseAsync(string[] args, string? environment) =>
        OptionParsing.ParseAsync(args, Variable, environment);

    [Theory]
    [InlineData(new string[0], null, new string[0])]
    [InlineData(new[] { "--cors-origins", "https://forum.example.org" }, null, new[] { "https://forum.example.org" })]
    [InlineData(new[] { "--cors-origins", " https://forum.example.org/, http://localhost:8080 " }, null, new[] { "https://forum.example.org", "http://localhost:8080" })]
    [InlineData(new string[0], "http://127.0.0.1:3000", new[] { "http://127.0.0.1:3000" })]
    [InlineData(new[] { "--cors-origins", "https://a.example.org" }, "https://b.example.org", new[] { "https://a.example.org" })]
    [InlineData(new[] { "--cors-origins", "*" }, null, new[] { "*" })]
    public async Task The_option_wins_over_the_environment_and_none_is_the_default(string[] args, string? environment, string[] origins)
    {
        var (exitCode, options, _) = await ParseAsync(args, environment);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Join(',', origins), options!.CorsOrigins);
    }

    [Theory]
    [InlineData(new[] { "--cors-origins", "https://forum.example.org/page" }, null, "--cors-origins: 'https://forum.example.org/page' is not an origin")]
    [InlineData(new[] { "--cors-origins", "forum.example.org" }, null, "--cors-origins: 'forum.example.org' is not an origin")]
    [InlineData(new string[0], "ftp://files.example.org", "REGISTRY_CORS_ORIGINS: 'ftp://files.example.org' is not an origin")]
    public async Task Anything_but_an_origin_is_refused_with_a_clear_error(string[] args, string? environment, string error)
    {
        var (exitCode, options, output) = await ParseAsync(args, environment);

        Assert.NotEqual(0, exitCode);
        Assert.Null(options);
        Assert.Contains(error, output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_origin_given_in_code_is_refused_at_start()
    {
        var e = Assert.Throws<ArgumentException>(() => RegistryApp.Build(
            new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", Path.Combine(Path.GetTempPath(), "never-created.db"), false, CorsOrigins: "https://forum.example.org/path")));
        Assert.Contains("--cors-origins", e.Message, StringComparison.Ordinal);
    }
}
