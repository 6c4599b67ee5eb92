using System.Text;
using System.Text.RegularExpressions;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>The README's quick start, run as written (each line through the command, from the repository's root).</summary>
public sealed partial class ReadmeTests(LiveRegistry registry) : IClassFixture<LiveRegistry>
{
    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ParticipationRegistry.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("ParticipationRegistry.sln not found above the test's folder.");
    }

    /// <summary>Splits a shell line into words: spaces separate, double quotes group.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        var any = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
                any = true;
            }
            else if (c == ' ' && !quoted)
            {
                if (any)
                {
                    words.Add(word.ToString());
                }

                word.Clear();
                any = false;
            }
            else
            {
                word.Append(c);
                any = true;
            }
        }

        if (any)
        {
            words.Add(word.ToString());
        }

        return [.. words];
    }

    [Fact]
    public async Task The_quick_start_registers_the_seed_workshop_and_check_exits_1_naming_the_WEOG_share()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "clients", "cli", "README.md"));
        var block = QuickStart().Match(readme);
        Assert.True(block.Success, "clients/cli/README.md has no ```sh quickstart block");
        var lines = block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);

        var results = new List<CliResult>();
        foreach (var line in lines)
        {
            var words = Words(line);
            Assert.Equal("registry", words[0]);
            var args = words[1..].Select(w => w.StartsWith("clients/", StringComparison.Ordinal) ? Path.Combine(root, w) : w).ToArray();
            results.Add(await registry.RunAsync(args));
        }

        Assert.True(results[0].Exit == 0, results[0].ToString());
        Assert.True(results[1].Exit == 0, results[1].ToString());
        Assert.Contains("Created 1 session(s), 7 person(s) and 8 seat(s)", results[1].Output, StringComparison.Ordinal);
        Assert.True(results[2].Exit == 1, results[2].ToString());
        Assert.Contains("4 of 5 speakers (80%) are from WEOG; at most 50% allowed.", results[2].Output, StringComparison.Ordinal);
        Assert.Contains("UNBALANCED (score 75, policies/multistakeholder-balance)", results[2].Output, StringComparison.Ordinal);
        Assert.Contains("UNBALANCED (score 75, policies/multistakeholder-balance)", readme, StringComparison.Ordinal);
    }

    [GeneratedRegex("```sh quickstart\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex QuickStart();
}
