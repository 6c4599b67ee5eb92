using System.Reflection;
using Google.Protobuf.Reflection;

namespace ParticipationRegistry.Server.Common;

/// <summary>Proto enum value names (<c>STAKEHOLDER_GROUP_GOVERNMENT</c>) of generated C# enums.</summary>
public static class ProtoEnums
{
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        typeof(TEnum).GetField(value.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? value.ToString();

    /// <summary>Full value name → number, the unspecified zero ("not recorded") included.</summary>
    public static IReadOnlyDictionary<string, int> Values<TEnum>()
        where TEnum : struct, Enum =>
        Enum.GetValues<TEnum>().ToDictionary(NameOf, v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture));
}
