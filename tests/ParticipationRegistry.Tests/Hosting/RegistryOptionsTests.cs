using ParticipationRegistry.Server.Hosting;

namespace ParticipationRegistry.Tests.Hosting;

/// <summary>These tests set process-wide environment variables, so nothing else runs beside them.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class RegistryOptionsTests
{
    private static readonly string[] Variables = ["REGISTRY_GRPC_URL", "REGISTRY_HTTP_URL", "REGISTRY_DATABASE", "REGISTRY_DEMO", "REGISTRY_RATE_LIMIT", "REGISTRY_BOOTSTRAP_ADMIN_KEY", "REGISTRY_TLS_CERTIFICATE", "REGISTRY_TLS_KEY"];

    /// <summary>Parses <paramref name="args"/> with the given environment, restoring the previous one after.</summary>
    private static async Task<RegistryOptions> ParseAsync(string[] args, Dictionary<string, string?>? environment = null)
    {
        var saved = Variables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
        try
        {
            foreach (var variable in Variables)
            {
                Environment.SetEnvironmentVariable(variable, environment?.GetValueOrDefault(variable));
            }

            RegistryOptions? parsed = null;
            var exitCode = await RegistryOptions.Command((options, _) =>
            {
                parsed = options;
                return Task.FromResult(0);
            }).Parse(args).InvokeAsync();

            Assert.Equal(0, exitCode);
            Assert.NotNull(parsed);
            return parsed;
        }
        finally
        {
            foreach (var (variable, value) in saved)
            {
                Environment.SetEnvironmentVariable(variable, value);
            }
        }
    }

    [Fact]
    public async Task Demo_followed_by_database_sets_both()
    {
        var options = await ParseAsync(["--demo", "--database", "x"]);

        Assert.True(options.Demo);
        Assert.Equal("x", options.DatabasePath);
    }

    [Fact]
    public async Task Database_followed_by_demo_sets_both()
    {
        var options = await ParseAsync(["--database", "x", "--demo"]);

        Assert.True(options.Demo);
        Assert.Equal("x", options.DatabasePath);
    }

    [Fact]
    public async Task Without_flags_or_environment_the_defaults_apply()
    {
        var options = await ParseAsync([]);

        Assert.Equal(new RegistryOptions(RegistryOptions.DefaultGrpcUrl, RegistryOptions.DefaultHttpUrl, RegistryOptions.DefaultDatabase, false), options);
    }

    [Fact]
    public async Task Environment_variables_apply_when_flags_are_absent()
    {
        var options = await ParseAsync([], new()
        {
            ["REGISTRY_DATABASE"] = "/tmp/from-env.db",
            ["REGISTRY_DEMO"] = "true",
            ["REGISTRY_GRPC_URL"] = "http://127.0.0.1:0",
            ["REGISTRY_HTTP_URL"] = "http://127.0.0.1:0",
        });

        Assert.Equal(new RegistryOptions("http://127.0.0.1:0", "http://127.0.0.1:0", "/tmp/from-env.db", true), options);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("TRUE", true)]
    [InlineData("yes", true)]
    [InlineData("false", false)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public async Task Registry_demo_is_read_as_a_boolean(string value, bool demo)
    {
        var options = await ParseAsync([], new() { ["REGISTRY_DEMO"] = value });

        Assert.Equal(demo, options.Demo);
    }

    [Fact]
    public async Task Flags_win_over_environment_variables()
    {
        var options = await ParseAsync(["--database", "from-flag.db"], new() { ["REGISTRY_DATABASE"] = "from-env.db" });

        Assert.Equal("from-flag.db", options.DatabasePath);
    }

    [Fact]
    public async Task The_bootstrap_key_comes_from_the_environment_or_a_file_which_wins()
    {
        var fromEnvironment = await ParseAsync([], new() { ["REGISTRY_BOOTSTRAP_ADMIN_KEY"] = "prk_from-the-environment-0123456789" });
        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "prk_from-a-file-0123456789abcdef\n");
            var fromFile = await ParseAsync(["--bootstrap-admin-key-file", file], new() { ["REGISTRY_BOOTSTRAP_ADMIN_KEY"] = "prk_from-the-environment-0123456789" });

            Assert.Equal("prk_from-the-environment-0123456789", fromEnvironment.BootstrapAdminKey);
            Assert.Equal("prk_from-a-file-0123456789abcdef", fromFile.BootstrapAdminKey);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_rate_limit_comes_from_the_flag_or_the_environment()
    {
        Assert.Equal(RegistryOptions.DefaultRateLimit, (await ParseAsync([])).RateLimit);
        Assert.Equal(0, (await ParseAsync(["--rate-limit", "0"], new() { ["REGISTRY_RATE_LIMIT"] = "50" })).RateLimit);
        Assert.Equal(50, (await ParseAsync([], new() { ["REGISTRY_RATE_LIMIT"] = "50" })).RateLimit);
        Assert.True(double.IsNaN((await ParseAsync([], new() { ["REGISTRY_RATE_LIMIT"] = "lots" })).RateLimit));
    }

    [Fact]
    public async Task Tls_files_come_from_the_flags_or_the_environment()
    {
        var certificate = Path.GetTempFileName();
        try
        {
            var fromFlags = await ParseAsync(["--tls-certificate", certificate, "--tls-key", certificate]);
            var fromEnvironment = await ParseAsync([], new() { ["REGISTRY_TLS_CERTIFICATE"] = "/etc/cert.pem", ["REGISTRY_TLS_KEY"] = "/etc/key.pem" });

            Assert.Equal((certificate, certificate), (fromFlags.TlsCertificate, fromFlags.TlsKey));
            Assert.Equal(("/etc/cert.pem", "/etc/key.pem"), (fromEnvironment.TlsCertificate, fromEnvironment.TlsKey));
        }
        finally
        {
            File.Delete(certificate);
        }
    }
}
