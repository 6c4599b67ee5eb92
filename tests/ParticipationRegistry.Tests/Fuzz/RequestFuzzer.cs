using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>A fuzzed request body and what kind of damage it carries.</summary>
public sealed record FuzzedBody(string Kind, byte[] Bytes);

/// <summary>
/// Builds request bodies from a method's input descriptor with a seeded random generator: wire-level damage
/// (garbage, truncation, flipped bytes, a length that runs past the end, invalid UTF-8, an oversized message)
/// and structured messages whose fields hold hostile values (long strings, many repeated items, unknown enum
/// numbers, impossible dates and timestamps, forged page tokens, injection-like and deep filters, control
/// characters, resource names that do not exist). The encoder writes wire bytes itself, so nothing a
/// generated class would refuse to hold is out of reach.
/// </summary>
public sealed partial class RequestFuzzer(int seed, IReadOnlyList<string> existingNames)
{
    private const int MaxDepth = 4;

    private static readonly string[] Collections =
    [
        "forums", "meetings", "meetings/igf-2012/sessions", "meetings/igf-2012/participants", "meetings/igf-2012/registrations",
        "stakeholders", "organizations", "policies", "apiKeys", "declarationLinks",
    ];

    private static readonly string[] HostileTexts =
    [
        "'; DROP TABLE stakeholders; --", "\" OR 1=1 --", "display_name = \"x\" OR 1=1", "*", "%", "_", "\\",
        "Robert'); DELETE FROM meetings;--", "${jndi:ldap://x}", "<script>alert(1)</script>", "../../etc/passwd",
        "\u0000", "\u001b[31mred\u001b[0m", "a\u202Eevil", "line\u2028break", "\uFEFF", "\uD83D\uDE00", "Ölçü İğdır",
        "kind = SESSION_KIND_WORKSHOP AND", "create_time > \"2025-13-45T99:99:99Z\"", "NOT NOT NOT", "a AND OR b",
        "display_name:*", "state = 999", "(", ")", "\"unterminated", "x = y = z", "", " ",
    ];

    private readonly Random random = new(seed);

    /// <summary>Any body for <paramref name="input"/>: it may be valid, and a valid write may succeed.</summary>
    public FuzzedBody Next(MessageDescriptor input)
    {
        var roll = random.Next(100);
        return roll switch
        {
            < 6 => new("garbage", RandomBytes(random.Next(0, 96))),
            < 12 => new("truncated", Truncate(Message(input, 0))),
            < 18 => new("flipped-bytes", Flip(Message(input, 0))),
            < 21 => new("length-past-end", [.. Message(input, 0), .. LengthPastEnd()]),
            < 25 => new("invalid-utf8", Poisoned(input, InvalidUtf8()) ?? Message(input, 0)),
            < 26 => new("oversized-message", Oversized(input)),
            < 55 => new("plausible-message", Plausible(input, 0)),
            _ => new("message", Message(input, 0)),
        };
    }

    /// <summary>
    /// A body the server must refuse whatever key sends it: the wire is broken (an undefined wire type, a length
    /// past the end, invalid UTF-8) or a string holds a control character, refused before any work starts.
    /// </summary>
    public FuzzedBody NextRefused(MessageDescriptor input)
    {
        var message = Message(input, 0);
        switch (random.Next(4))
        {
            case 0:
                return new("undefined-wire-type", [.. message, 0x0F, .. RandomBytes(random.Next(0, 8))]);
            case 1:
                return new("length-past-end", [.. message, .. LengthPastEnd()]);
            case 2 when Poisoned(input, InvalidUtf8()) is { } invalid:
                return new("invalid-utf8", invalid);
            default:
                var control = Encoding.UTF8.GetBytes($"x{(char)random.Next(1, 0x20)}\u0000y");
                return Poisoned(input, control) is { } poisoned ? new("control-character", poisoned) : new("undefined-wire-type", [.. message, 0x0F]);
        }
    }

    /// <summary>Short hex and text of a body, for a failure message.</summary>
    public static string Describe(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 40));
        var text = new string([.. Encoding.Latin1.GetString(head).Select(c => c is >= ' ' and < '\x7f' ? c : '.')]);
        return $"{bytes.Length} bytes: {Convert.ToHexString(head)} \"{text}\"";
    }

    private byte[] Message(MessageDescriptor descriptor, int depth)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (random.Next(4) == 0)
            {
                continue;
            }

            var count = field.IsRepeated ? RepeatedCount(field) : 1;
            for (var i = 0; i < count; i++)
            {
                WriteField(output, field, depth);
            }
        }

        if (random.Next(20) == 0)
        {
            output.WriteTag(random.Next(1000, 5000), WireFormat.WireType.Varint);
            output.WriteInt64(random.NextInt64());
        }

        output.Flush();
        return stream.ToArray();
    }

    private int RepeatedCount(FieldDescriptor field) => random.Next(50) switch
    {
        0 => random.Next(1001, 3000),
        1 => random.Next(21, 400),
        _ when field.FieldType == FieldType.Message => random.Next(0, 3),
        _ => random.Next(0, 5),
    };

    private void WriteField(CodedOutputStream output, FieldDescriptor field, int depth)
    {
        switch (field.FieldType)
        {
            case FieldType.Bool:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteUInt64(random.Next(4) == 0 ? (ulong)random.NextInt64() : (ulong)random.Next(2));
                break;
            case FieldType.Enum:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                var values = field.EnumType.Values;
                output.WriteInt32(random.Next(3) switch
                {
                    0 => values[random.Next(values.Count)].Number,
                    1 => random.Next(2) == 0 ? -1 : random.Next(values.Count, 100_000),
                    _ => random.Next(values.Count + 2),
                });
                break;
            case FieldType.Int32 or FieldType.SInt32 or FieldType.UInt32 or FieldType.Int64 or FieldType.SInt64 or FieldType.UInt64:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                output.WriteInt64(Integer(field.FieldType is FieldType.Int64 or FieldType.SInt64 or FieldType.UInt64));
                break;
            case FieldType.Fixed32 or FieldType.SFixed32:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Fixed32);
                output.WriteFixed32((uint)Integer(false));
                break;
            case FieldType.Fixed64 or FieldType.SFixed64:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Fixed64);
                output.WriteFixed64((ulong)Integer(true));
                break;
            case FieldType.Double:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Fixed64);
                output.WriteDouble(Real());
                break;
            case FieldType.Float:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.Fixed32);
                output.WriteFloat((float)Real());
                break;
            case FieldType.String:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(Encoding.UTF8.GetBytes(Text(field))));
                break;
            case FieldType.Bytes:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(RandomBytes(random.Next(0, 64))));
                break;
            case FieldType.Message:
                output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.CopyFrom(depth < MaxDepth ? Message(field.MessageType, depth + 1) : []));
                break;
            default:
                break;
        }
    }

    private long Integer(bool wide) => random.Next(12) switch
    {
        0 => 0,
        1 => -1,
        2 => int.MaxValue,
        3 => int.MinValue,
        4 => wide ? long.MaxValue : 13,
        5 => 253_402_300_800,
        6 => -62_135_596_801,
        7 => 1_000_000_000,
        8 => random.Next(1, 32),
        9 => random.Next(1, 13),
        10 => random.Next(1900, 2100),
        _ => wide ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(int.MinValue, int.MaxValue),
    };

    private double Real() => random.Next(8) switch
    {
        0 => double.NaN,
        1 => double.PositiveInfinity,
        2 => double.NegativeInfinity,
        3 => -0.5,
        4 => 1.5,
        5 => double.MaxValue,
        6 => double.Epsilon,
        _ => random.NextDouble(),
    };

    private string Text(FieldDescriptor field)
    {
        var name = field.Name;
        var roll = random.Next(20);
        if (roll < 6 && (name is "name" or "parent" or "names" || name.EndsWith("_id", StringComparison.Ordinal) || name.EndsWith('s') || name is "forum" or "meeting" or "session" or "stakeholder" or "organization"))
        {
            return ResourceName();
        }

        if (roll < 9 && name.Contains("token", StringComparison.Ordinal))
        {
            return random.Next(3) switch
            {
                0 => Convert.ToBase64String(RandomBytes(random.Next(1, 80))),
                1 => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{{\"offset\":{Integer(true)},\"after\":\"'; DROP TABLE x;--\"}}")),
                _ => "not base64 !!",
            };
        }

        if (roll < 12 && (name is "filter" or "order_by" || name.Contains("query", StringComparison.Ordinal)))
        {
            return random.Next(4) switch
            {
                0 => new string('(', random.Next(10, 5000)) + "a = 1" + new string(')', random.Next(0, 5000)),
                1 => string.Join(" AND ", Enumerable.Range(0, random.Next(10, 2000)).Select(i => $"display_name = \"{i}\"")),
                2 => HostileTexts[random.Next(HostileTexts.Length)] + " AND " + HostileTexts[random.Next(HostileTexts.Length)],
                _ => $"{name} = '; DROP TABLE meetings; --",
            };
        }

        return random.Next(10) switch
        {
            0 => new string((char)('a' + random.Next(26)), random.Next(1000, 20_000)),
            1 => new string([.. Enumerable.Range(0, random.Next(1, 64)).Select(_ => (char)random.Next(0, 0x250))]).Replace('\uFFFE', '?'),
            2 or 3 => HostileTexts[random.Next(HostileTexts.Length)],
            4 => ResourceName(),
            5 => random.Next(1900, 10_100).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-02-30",
            _ => $"Fuzz {random.Next(1_000_000)}",
        };
    }

    private string ResourceName() => random.Next(6) switch
    {
        0 when existingNames.Count > 0 => existingNames[random.Next(existingNames.Count)],
        1 => $"{Collections[random.Next(Collections.Length)]}/{Guid.NewGuid():N}",
        2 => $"{Collections[random.Next(Collections.Length)]}/does-not-exist-{random.Next(1000)}",
        3 => $"{Collections[random.Next(Collections.Length)]}/",
        4 => $"{Collections[random.Next(Collections.Length)]}/x/../../{Collections[random.Next(Collections.Length)]}/y",
        _ => $"meetings/{random.Next(100)}/sessions/{random.Next(100)}/../participants/%00",
    };

    /// <summary>The message with one string field (at the top or one level down) holding <paramref name="value"/>; null when it has none.</summary>
    private byte[]? Poisoned(MessageDescriptor input, byte[] value)
    {
        var top = input.Fields.InFieldNumberOrder().Where(f => f.FieldType == FieldType.String).ToList();
        using var stream = new MemoryStream();
        stream.Write(Message(input, 0));
        var output = new CodedOutputStream(stream);
        if (top.Count > 0)
        {
            output.WriteTag(top[random.Next(top.Count)].FieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(value));
        }
        else if (input.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.Message && f.MessageType.Fields.InFieldNumberOrder().Any(g => g.FieldType == FieldType.String)) is { } nested)
        {
            var inner = nested.MessageType.Fields.InFieldNumberOrder().First(g => g.FieldType == FieldType.String);
            using var innerStream = new MemoryStream();
            var innerOutput = new CodedOutputStream(innerStream);
            innerOutput.WriteTag(inner.FieldNumber, WireFormat.WireType.LengthDelimited);
            innerOutput.WriteBytes(ByteString.CopyFrom(value));
            innerOutput.Flush();
            output.WriteTag(nested.FieldNumber, WireFormat.WireType.LengthDelimited);
            output.WriteBytes(ByteString.CopyFrom(innerStream.ToArray()));
        }
        else
        {
            return null;
        }

        output.Flush();
        return stream.ToArray();
    }

    private byte[] Oversized(MessageDescriptor input)
    {
        var field = input.Fields.InFieldNumberOrder().FirstOrDefault(f => f.FieldType == FieldType.String)?.FieldNumber ?? 1;
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(new byte[random.Next(3, 6) * 1024 * 1024 + random.Next(1024)]));
        output.Flush();
        return stream.ToArray();
    }

    private byte[] InvalidUtf8() => random.Next(4) switch
    {
        0 => [0xC3, 0x28],
        1 => [0x61, 0xFF, 0xFE, 0x62],
        2 => [0xED, 0xA0, 0x80],
        _ => [0xF0, 0x28, 0x8C, 0x28],
    };

    /// <summary>A length-delimited field 1 that claims more bytes than follow.</summary>
    private byte[] LengthPastEnd() => [0x0A, 0xC8, 0x01, .. RandomBytes(random.Next(0, 100))];

    private byte[] Truncate(byte[] message) => message.Length <= 1 ? [0x0A] : message[..random.Next(1, message.Length)];

    private byte[] Flip(byte[] message)
    {
        var copy = message.Length == 0 ? RandomBytes(8) : message.ToArray();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }

        return copy;
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
