using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>Where the previous page ended: the last row's sort key and id.</summary>
public sealed record PageCursor(string SortKey, string Id);

/// <summary>
/// Page tokens are AES-GCM sealed cursors: opaque to callers, unforgeable, and bound to the query
/// (collection, parent, filter, order_by) through the associated data, so a token reused with
/// another query fails to open. The key lives in the database, so tokens survive restarts and
/// work on every server sharing the file.
/// </summary>
public sealed class PageTokens(byte[] key)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Seal(PageCursor cursor, ListQueryIdentity query)
    {
        var sortKey = Encoding.UTF8.GetBytes(cursor.SortKey);
        var id = Encoding.UTF8.GetBytes(cursor.Id);
        var plain = new byte[4 + sortKey.Length + id.Length];
        BinaryPrimitives.WriteInt32LittleEndian(plain, sortKey.Length);
        sortKey.CopyTo(plain, 4);
        id.CopyTo(plain, 4 + sortKey.Length);

        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length), query.Fingerprint);
        return WebEncoders.Base64UrlEncode(sealedBytes);
    }

    public PageCursor Open(string token, ListQueryIdentity query)
    {
        byte[] sealedBytes;
        try
        {
            sealedBytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            throw Invalid();
        }

        if (sealedBytes.Length < NonceSize + TagSize + 4)
        {
            throw Invalid();
        }

        var plainLength = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[plainLength];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, plainLength), sealedBytes.AsSpan(NonceSize + plainLength), plain, query.Fingerprint);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw Invalid();
        }

        var sortKeyLength = BinaryPrimitives.ReadInt32LittleEndian(plain);
        return new PageCursor(
            Encoding.UTF8.GetString(plain, 4, sortKeyLength),
            Encoding.UTF8.GetString(plain, 4 + sortKeyLength, plain.Length - 4 - sortKeyLength));
    }

    private static RegistryException Invalid() => RegistryException.InvalidArgument(
        "page_token",
        "Not a page token this registry issued for this parent, filter and order_by; start again without one.",
        ErrorReason.InvalidPageToken);
}

/// <summary>What a page token is bound to.</summary>
public sealed class ListQueryIdentity
{
    public ListQueryIdentity(string collection, string parent, string canonicalFilter, string canonicalOrderBy)
    {
        Fingerprint = SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', collection, parent, canonicalFilter, canonicalOrderBy)));
    }

    public byte[] Fingerprint { get; }
}

public static class PageSize
{
    public const int Default = 50;
    public const int Max = 1000;

    /// <summary>0 → default, above the maximum → the maximum, negative → INVALID_ARGUMENT.</summary>
    public static int Resolve(int requested, Violations violations)
    {
        if (requested < 0)
        {
            violations.Add("page_size", $"Must not be negative (0 means {Default}; at most {Max}).");
            return Default;
        }

        return requested == 0 ? Default : Math.Min(requested, Max);
    }
}
