using System.Reflection;
using Google.Protobuf.Reflection;

namespace ParticipationRegistry.Server.Common;

/// <summary>Proto enum value names (<c>STAKEHOLDER_GROUP_GOVERNMENT</c>) of generated C# enums.</summary>
public static class ProtoEnums
{
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    /// <summary>Full value name → number, without the unspecified zero.</summary>
    public static IReadOnlyDictionary<string, int> Values<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>()
            .Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
            .ToDictionary(NameOf, v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
}
