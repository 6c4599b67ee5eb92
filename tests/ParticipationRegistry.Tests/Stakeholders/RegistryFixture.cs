using ParticipationRegistry.Tests.Infrastructure;

namespace ParticipationRegistry.Tests.Stakeholders;

/// <summary>
/// One registry shared by the tests of a class that only read, or that are refused and so write
/// nothing: it keeps the suite fast. Tests that write start a registry of their own.
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    private TestRegistry? _registry;

    public TestRegistry Registry => _registry ?? throw new InvalidOperationException("The registry has not started.");

    public async Task InitializeAsync() => _registry = await TestRegistry.StartAsync();

    public async Task DisposeAsync()
    {
        if (_registry is not null)
        {
            await _registry.DisposeAsync();
        }
    }
}
