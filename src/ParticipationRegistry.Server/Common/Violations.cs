using Google.Rpc;
using Grpc.Core;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// Collects every bad field of a request, so the caller learns all of them at once; paths are
/// dotted from the request root (<c>requests[17].stakeholder.country_code</c>).
/// </summary>
public sealed class Violations
{
    private readonly List<BadRequest.Types.FieldViolation> _items;
    private readonly string _prefix;

    public Violations() : this([], "", [0])
    {
    }

    private Violations(List<BadRequest.Types.FieldViolation> items, string prefix, int[] dropped)
    {
        _items = items;
        _prefix = prefix;
        _dropped = dropped;
    }

    /// <summary>At most this many violations are listed; the rest are counted in one more ("… and N more").</summary>
    public const int MaxShown = 20;

    private readonly int[] _dropped;

    public bool Any => _items.Count > 0;

    /// <summary>Whether further violations would only be counted: a long check can stop here.</summary>
    public bool Full => _items.Count >= MaxShown;

    /// <summary>The violations so far, for a caller that shows them itself (the declaration form).</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> Items => _items;

    /// <summary>A view that adds violations under <paramref name="path"/>, sharing this list.</summary>
    public Violations At(string path) => new(_items, Path(path), _dropped);

    public void Add(string field, string description)
    {
        if (Full)
        {
            _dropped[0]++;
            return;
        }

        _items.Add(RegistryException.Violation(Path(field), description));
    }

    public void ThrowIfAny(ErrorReason reason = ErrorReason.InvalidArgument)
    {
        if (_items.Count == 0)
        {
            return;
        }

        var items = _items.ToList();
        if (_dropped[0] > 0)
        {
            items.Add(RegistryException.Violation(items[^1].Field, $"… and {_dropped[0]} more violations not listed (at most {MaxShown} are)."));
        }

        var message = string.Join("; ", items.Select(v => $"{v.Field}: {v.Description}"));
        throw new RegistryException(StatusCode.InvalidArgument, reason, message, items);
    }

    private string Path(string field) => _prefix.Length == 0 ? field : $"{_prefix}.{field}";
}
