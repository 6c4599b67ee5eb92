using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Declarations;

public static class DeclarationRegistration
{
    /// <summary>
    /// Declaration links and the form; links work for <paramref name="linkDays"/> days and start with
    /// <paramref name="publicHttpUrl"/> (empty: the bound HTTP URL).
    /// </summary>
    public static IServiceCollection AddDeclarations(this IServiceCollection services, int linkDays, string publicHttpUrl = "")
    {
        services.AddSingleton(new DeclarationSettings(TimeSpan.FromDays(linkDays), publicHttpUrl));
        services.AddSingleton<IDeclarationStore, SqliteDeclarationStore>();
        // The registry's secret key is created by the migration, so it is read on first use.
        services.AddSingleton(sp => new DeclarationTokens(Migrator.ReadPageTokenKey(sp.GetRequiredService<Database>())));
        services.AddSingleton<DeclarationLinks>();
        return services;
    }
}
