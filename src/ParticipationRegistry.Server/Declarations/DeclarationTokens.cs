using System.Security.Cryptography;
using System.Text;

namespace ParticipationRegistry.Server.Declarations;

/// <summary>
/// Declaration link tokens: 256 random bits (base64url, 43 characters), stored only as their SHA-256
/// hash; and the form's CSRF token, an HMAC of the link's hash under a key derived from the registry's
/// own secret key (kept in the database), so a form stays valid across restarts and is bound to its link.
/// </summary>
public sealed class DeclarationTokens(byte[] registryKey)
{
    public const int TokenLength = 43;

    private readonly byte[] csrfKey = HMACSHA256.HashData(registryKey, "participation-registry declaration form csrf"u8);

    /// <summary>A new token for a link URL.</summary>
    public static string New() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form. A plain hash suffices: the token has 256 bits of entropy, so there is nothing to guess.</summary>
    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Whether <paramref name="token"/> has the shape of a token (checked before any lookup).</summary>
    public static bool IsWellFormed(string token) =>
        token.Length == TokenLength && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The CSRF token of the form opened through the link with <paramref name="tokenHash"/>.</summary>
    public string CsrfFor(byte[] tokenHash) => Base64Url(HMACSHA256.HashData(csrfKey, tokenHash));

    /// <summary>Whether <paramref name="sent"/> is the CSRF token of the link with <paramref name="tokenHash"/> (compared in constant time).</summary>
    public bool IsCsrfFor(byte[] tokenHash, string? sent) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(CsrfFor(tokenHash)), Encoding.ASCII.GetBytes(sent));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
