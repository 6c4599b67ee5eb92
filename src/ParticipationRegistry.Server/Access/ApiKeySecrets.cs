using System.Security.Cryptography;
using System.Text;

namespace ParticipationRegistry.Server.Access;

/// <summary>Key secrets: 256 random bits, shown once, stored only as a SHA-256 hash.</summary>
public static class ApiKeySecrets
{
    private const string Prefix = "prk_";

    /// <summary>A new secret: the prefix (so leaked secrets are recognisable) and 32 random bytes, base64url.</summary>
    public static string New() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form. A plain hash suffices: the secret has 256 bits of entropy, so there is nothing to guess.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    /// <summary>The secret of an <c>authorization: Bearer &lt;secret&gt;</c> header, or null when the header is absent.</summary>
    public static string? FromAuthorization(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            return null;
        }

        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
