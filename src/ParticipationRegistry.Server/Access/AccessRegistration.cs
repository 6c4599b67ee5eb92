using ParticipationRegistry.Server.Common;

namespace ParticipationRegistry.Server.Access;

/// <summary>Keys, authentication and the personal-data rule, wired in.</summary>
public static class AccessRegistration
{
    public const string BootstrapKeyId = "bootstrap-admin";
    public const string DemoKeyId = "demo-admin";

    /// <summary>The shortest bootstrap secret accepted: 22 base64 characters carry 128 bits.</summary>
    public const int MinimumSecretLength = 22;

    public static IServiceCollection AddRegistryAccess(this IServiceCollection services)
    {
        services.AddSingleton<IKeyStore, SqliteKeyStore>();
        services.AddSingleton<KeyCache>();
        services.AddSingleton<KeyAuthenticator>();
        services.AddSingleton<PersonalDataRights>();
        services.AddSingleton<ForumScope>();
        return services;
    }

    /// <summary>
    /// Installs the bootstrap admin key when one is configured; with <paramref name="demo"/> and none
    /// configured, makes a fresh demo admin key and returns its secret (to print), else null.
    /// </summary>
    public static async Task<string?> ApplyBootstrapKeysAsync(this IServiceProvider services, string bootstrapSecret, bool demo)
    {
        var keys = services.GetRequiredService<IKeyStore>();
        if (bootstrapSecret.Length > 0)
        {
            await keys.EnsureAdminAsync(BootstrapKeyId, "Bootstrap admin key", ApiKeySecrets.Hash(bootstrapSecret));
            return null;
        }

        if (!demo)
        {
            return null;
        }

        var secret = ApiKeySecrets.New();
        await keys.EnsureAdminAsync(DemoKeyId, "Demo admin key (replaced at every start with --demo)", ApiKeySecrets.Hash(secret));
        return secret;
    }

    /// <summary>ArgumentException unless <paramref name="secret"/> is empty or long enough to be unguessable.</summary>
    public static void RequireStrongSecret(string secret, string source)
    {
        if (secret.Length is > 0 and < MinimumSecretLength || secret.Any(char.IsWhiteSpace))
        {
            throw new ArgumentException(
                $"{source}: a bootstrap admin key needs at least {MinimumSecretLength} characters (128 bits) and no spaces; `openssl rand -base64 32` makes one.");
        }
    }
}
