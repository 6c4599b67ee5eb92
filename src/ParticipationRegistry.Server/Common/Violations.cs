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

    public Violations() : this([], "")
    {
    }

    private Violations(List<BadRequest.Types.FieldViolation> items, string prefix)
    {
        _items = items;
        _prefix = prefix;
    }

    public bool Any => _items.Count > 0;

    /// <summary>The violations so far, for a caller that shows them itself (the declaration form).</summary>
    public IReadOnlyList<BadRequest.Types.FieldViolation> Items => _items;

    /// <summary>A view that adds violations under <paramref name="path"/>, sharing this list.</summary>
    public Violations At(string path) => new(_items, Path(path));

    public void Add(string field, string description) =>
        _items.Add(RegistryException.Violation(Path(field), description));

    public void ThrowIfAny(ErrorReason reason = ErrorReason.InvalidArgument)
    {
        if (_items.Count == 0)
        {
            return;
        }

        var message = string.Join("; ", _items.Select(v => $"{v.Field}: {v.Description}"));
        throw new RegistryException(StatusCode.InvalidArgument, reason, message, _items.ToList());
    }

    private string Path(string field) => _prefix.Length == 0 ? field : $"{_prefix}.{field}";
}
