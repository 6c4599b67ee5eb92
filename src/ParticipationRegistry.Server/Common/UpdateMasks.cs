using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Resolves an Update's field mask (AIP-134) to the set of top-level fields to write:
/// <c>*</c> means every updatable field; an empty mask means the updatable fields the caller set.
/// A path that is not updatable is INVALID_ARGUMENT.
/// </summary>
public static class UpdateMasks
{
    public static IReadOnlySet<string> Resolve(FieldMask? mask, IMessage resource, IReadOnlyCollection<string> updatable, Violations violations)
    {
        if (mask is null || mask.Paths.Count == 0)
        {
            return updatable.Where(path => IsSet(resource, path)).ToHashSet();
        }

        if (mask.Paths.Count == 1 && mask.Paths[0] == "*")
        {
            return updatable.ToHashSet();
        }

        var paths = new HashSet<string>();
        foreach (var path in mask.Paths)
        {
            if (updatable.Contains(path))
            {
                paths.Add(path);
            }
            else
            {
                violations.Add("update_mask", $"'{SafeText.Quote(path)}' cannot be updated; updatable: {string.Join(", ", updatable)} (or * for all).");
            }
        }

        return paths;
    }

    /// <summary>
    /// The fields an Update writes: the mask resolved, then the resource checked by <paramref name="validate"/>
    /// on those fields (violations under <paramref name="path"/>); INVALID_ARGUMENT naming every bad one.
    /// </summary>
    public static IReadOnlySet<string> Validated(
        FieldMask? mask, IMessage resource, IReadOnlyCollection<string> updatable, string path, Action<IReadOnlySet<string>, Violations> validate)
    {
        var violations = new Violations();
        var fields = Resolve(mask, resource, updatable, violations);
        validate(fields, violations.At(path));
        violations.ThrowIfAny();
        return fields;
    }

    private static bool IsSet(IMessage message, string path)
    {
        var field = message.Descriptor.FindFieldByName(path);
        var value = field.Accessor.GetValue(message);
        return field switch
        {
            { IsRepeated: true } => ((System.Collections.IList)value).Count > 0,
            { FieldType: FieldType.Message } => value is not null,
            { FieldType: FieldType.String } => !string.IsNullOrEmpty((string)value),
            { FieldType: FieldType.Bool } => (bool)value,
            { FieldType: FieldType.Enum } => System.Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) != 0,
            _ => field.HasPresence ? field.Accessor.HasValue(message) : !Equals(value, System.Activator.CreateInstance(value.GetType())),
        };
    }
}
