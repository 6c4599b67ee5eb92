namespace ParticipationRegistry.Server.Balance;

public static class BalanceRegistration
{
    /// <summary>The balance domain's services; its store is registered with the other stores.</summary>
    public static IServiceCollection AddBalance(this IServiceCollection services) => services
        .AddSingleton<PolicyResolver>()
        .AddSingleton<PolicyCatalog>()
        .AddSingleton<ProposedPanels>()
        .AddSingleton<SessionBalances>()
        .AddSingleton<Suggestions>();
}
