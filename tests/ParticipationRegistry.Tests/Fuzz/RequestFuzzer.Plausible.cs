using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>Bodies that could be valid, so the checks behind validation (and the writes) are reached too.</summary>
public sealed partial class RequestFuzzer
{
    /// <summary>
    /// A message that could be valid: few fields, existing or well-formed names, defined enum numbers, small
    /// numbers, real dates; with now and then one hostile value, so the checks behind validation are reached.
    /// </summary>
    private byte[] Plausible(MessageDescriptor descriptor, int depth)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (random.Next(3) == 0 || (depth > 0 && random.Next(2) == 0))
            {
                continue;
            }

            var count = field.IsRepeated ? random.Next(0, 3) : 1;
            for (var i = 0; i < count; i++)
            {
                if (random.Next(25) == 0)
                {
                    WriteField(output, field, depth);
                    continue;
                }

                switch (field.FieldType)
                {
                    case FieldType.Enum:
                        output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                        output.WriteInt32(field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number);
                        break;
                    case FieldType.Int32 or FieldType.Int64 or FieldType.UInt32 or FieldType.UInt64:
                        output.WriteTag(field.FieldNumber, WireFormat.WireType.Varint);
                        output.WriteInt64(PlausibleNumber(field.Name));
                        break;
                    case FieldType.String:
                        output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                        output.WriteString(PlausibleText(field.Name));
                        break;
                    case FieldType.Message when depth < MaxDepth:
                        output.WriteTag(field.FieldNumber, WireFormat.WireType.LengthDelimited);
                        output.WriteBytes(ByteString.CopyFrom(Plausible(field.MessageType, depth + 1)));
                        break;
                    case FieldType.Double or FieldType.Float or FieldType.Bool:
                        WriteField(output, field, depth);
                        break;
                    default:
                        break;
                }
            }
        }

        output.Flush();
        return stream.ToArray();
    }

    private long PlausibleNumber(string name) => name switch
    {
        "year" => random.Next(2006, 2030),
        "month" => random.Next(1, 13),
        "day" => random.Next(1, 29),
        "seconds" => random.NextInt64(1_100_000_000, 1_900_000_000),
        "nanos" => random.Next(0, 1_000_000_000),
        _ => random.Next(0, 60),
    };

    private string PlausibleText(string name) => random.Next(4) switch
    {
        0 when existingNames.Count > 0 => existingNames[random.Next(existingNames.Count)],
        1 when name.EndsWith("_id", StringComparison.Ordinal) => $"fuzz-{random.Next(100_000)}",
        1 => Guid.NewGuid().ToString(),
        2 when name is "filter" => "display_name = \"Peter Major\"",
        _ => name.Contains("code", StringComparison.Ordinal) ? "AZ" : $"Fuzz {random.Next(1_000_000)}",
    };
}
