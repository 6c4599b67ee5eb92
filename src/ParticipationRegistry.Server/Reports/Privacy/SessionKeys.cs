using System.Security.Cryptography;
using System.Text;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Reports.Privacy;

/// <summary>
/// A session's fixed, unpredictable key in [0, 255] for the cell keys of verdict counts: the first byte
/// of HMAC-SHA256 of its resource name under a registry secret that never leaves the database.
/// </summary>
public sealed class SessionKeys(byte[] secret)
{
    private static readonly byte[] Purpose = "participation-registry/session-keys"u8.ToArray();

    /// <summary>Keys under a secret derived from the registry's page-token key (HKDF, its own purpose), read on first use.</summary>
    public static SessionKeys From(Database database) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, Migrator.ReadPageTokenKey(database), 32, info: Purpose));

    public int Of(SessionName session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(session.ToString()))[0];
    }
}
