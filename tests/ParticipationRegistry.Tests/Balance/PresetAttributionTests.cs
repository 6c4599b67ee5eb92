using ParticipationRegistry.Server.Balance;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Balance;

// Every preset says where its rules come from (in its description and in the README's preset table), the
// default says it is this registry's own, and GenderAvenger is credited with what it actually asks for.
public sealed class PresetAttributionTests
{
    // What each preset must name: its source, or that it is this registry's own default.
    private static readonly Dictionary<string, string[]> Sources = new()
    {
        ["policies/multistakeholder-balance"] = ["this registry's own default", "not IGF guidance"],
        ["policies/igf-2023-minimum"] = ["IGF 2023", "IGF Secretariat"],
        ["policies/igf-2017-diversity"] = ["IGF 2017", "MAG"],
        ["policies/panel-parity"] = ["International Gender Champions' Panel Parity Pledge"],
    };

    [Fact]
    public void Every_preset_description_names_its_source_and_what_is_this_registrys_own()
    {
        Assert.Equal(Sources.Keys.Order(StringComparer.Ordinal), Presets.All.Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var preset in Presets.All)
        {
            foreach (var source in Sources[preset.Name])
            {
                Assert.Contains(source, preset.Description, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Contains("this registry's own", preset.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void GenderAvenger_is_credited_with_its_pledge_and_targets_not_a_one_third_floor()
    {
        var sentences = Presets.All
            .SelectMany(p => p.Description.Split(". "))
            .Where(s => s.Contains("GenderAvenger", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(sentences);
        Assert.All(sentences, s =>
        {
            Assert.DoesNotContain("third", s, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("no all-male panels", s, StringComparison.Ordinal);
            Assert.Contains("40%", s, StringComparison.Ordinal);
            Assert.Contains("51%", s, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_default_policy_served_does_not_claim_to_be_the_IGFs()
    {
        await using var registry = await TestRegistry.StartAsync();
        var client = new BalanceService.BalanceServiceClient(registry.Channel);

        var policy = await client.GetPolicyAsync(new GetPolicyRequest { Name = Presets.DefaultPolicy.ToString() });

        Assert.Equal("policies/multistakeholder-balance", policy.Name);
        Assert.DoesNotContain("IGF", policy.DisplayName, StringComparison.Ordinal);
        Assert.StartsWith("This registry's own default, not IGF guidance", policy.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void The_README_preset_table_carries_the_same_attributions()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var start = readme.IndexOf("### Presets", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no ### Presets section");
        var end = readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var section = readme[start..end];

        foreach (var (name, sources) in Sources)
        {
            var row = Assert.Single(section.Split('\n'), l => l.StartsWith($"| `{name}`", StringComparison.Ordinal));
            Assert.All(sources, source => Assert.Contains(source, row, StringComparison.OrdinalIgnoreCase));
        }

        Assert.DoesNotContain("GenderAvenger's one-third floor", readme, StringComparison.Ordinal);
        var genderAvenger = Assert.Single(section.Split('\n'), l => l.Contains("GenderAvenger", StringComparison.Ordinal));
        Assert.Contains("\"no all-male panels\"", genderAvenger, StringComparison.Ordinal);
        Assert.Contains("40 %, later 51 %", genderAvenger, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ParticipationRegistry.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ParticipationRegistry.sln not found above " + AppContext.BaseDirectory);
    }
}
