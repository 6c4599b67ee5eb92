using System.Reflection;
using Google.Protobuf.Reflection;

namespace ParticipationRegistry.Server.Common;

/// <summary>Proto enum value names (<c>STAKEHOLDER_GROUP_GOVERNMENT</c>) of generated C# enums.</summary>
public static class ProtoEnums
{
    public static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        NameTable<TEnum>.Names.TryGetValue(value, out var name) ? name : value.ToString();

    /// <summary>Full value name → number, the unspecified zero ("not recorded") included.</summary>
    public static IReadOnlyDictionary<string, int> Values<TEnum>()
        where TEnum : struct, Enum => NameTable<TEnum>.Values;

    /// <summary>Read by reflection once per enum type.</summary>
    private static class NameTable<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyDictionary<TEnum, string> Names = Enum.GetValues<TEnum>().Distinct().ToDictionary(
            v => v,
            v => typeof(TEnum).GetField(v.ToString())?.GetCustomAttribute<OriginalNameAttribute>()?.Name ?? v.ToString());

        public static readonly IReadOnlyDictionary<string, int> Values = Names.ToDictionary(
            p => p.Value, p => Convert.ToInt32(p.Key, System.Globalization.CultureInfo.InvariantCulture));
    }
}
