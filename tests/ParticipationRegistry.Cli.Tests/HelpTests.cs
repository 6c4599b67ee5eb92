using System.CommandLine;
using ParticipationRegistry.Cli.Cli;

namespace ParticipationRegistry.Cli.Tests;

/// <summary>Help that explains itself: every command, option and argument is described, every command that does something shows an example.</summary>
public sealed class HelpTests
{
    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);

    [Fact]
    public void Every_command_option_and_argument_has_a_description_and_every_leaf_command_an_example()
    {
        var root = RegistryCli.Build(new CliContext(TextWriter.Null, TextWriter.Null, _ => null));
        var missing = new List<string>();
        var commands = All(root).ToList();
        foreach (var command in commands)
        {
            if (string.IsNullOrWhiteSpace(command.Description))
            {
                missing.Add($"command {command.Name}");
            }

            if (command.Subcommands.Count == 0 && !command.Description!.Contains("\n  registry ", StringComparison.Ordinal))
            {
                missing.Add($"example of {command.Name}");
            }

            missing.AddRange(command.Options.Where(o => string.IsNullOrWhiteSpace(o.Description)).Select(o => $"option {command.Name} {o.Name}"));
            missing.AddRange(command.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"argument {command.Name} {a.Name}"));
        }

        Assert.Empty(missing);
        Assert.True(commands.Count > 30, $"{commands.Count} commands");
    }
}
