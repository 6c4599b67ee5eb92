using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// The limits every request is held to before any work starts, whatever its method: list lengths,
/// text lengths, no control characters, real dates and timestamps. The request is walked through its
/// descriptor, so a field or method added later is covered without anyone remembering; a list over
/// its limit is refused whole (its items are not looked at), so the walk is linear in the message's
/// size (at most 4 MiB); past <see cref="Violations.MaxShown"/> violations the rest are only counted.
/// </summary>
public static class RequestLimits
{
    /// <summary>Items in a repeated field with no limit of its own.</summary>
    public const int DefaultListItems = 1000;

    /// <summary>Characters in a text field with no limit of its own.</summary>
    public const int DefaultTextChars = 10_000;

    /// <summary>Characters in a resource name, id, etag, page token or request id.</summary>
    public const int IdentifierChars = 1000;

    /// <summary>Characters in a filter (see also <see cref="FilterParser.MaxTerms"/>).</summary>
    public const int FilterChars = 2000;

    private const string V1 = "participation.registry.v1.";

    /// <summary>Repeated fields with a limit of their own, by full field name.</summary>
    public static readonly IReadOnlyDictionary<string, int> ListItems = new Dictionary<string, int>
    {
        [V1 + "CompareMeetingsRequest.names"] = 20,
        [V1 + "GetMeetingDiversityRequest.kinds"] = 20,
        [V1 + "GetMeetingDiversityRequest.states"] = 20,
        [V1 + "GetMeetingDiversityRequest.themes"] = 100,
        [V1 + "GetMeetingDiversityRequest.roles"] = 20,
        [V1 + "GetMeetingDiversityRequest.confirmations"] = 20,
        [V1 + "ReportOptions.cross_tabs"] = 20,
        [V1 + "ReportOptions.reference_shares"] = 300,
        [V1 + "Stakeholder.attributes"] = 20,
        [V1 + "ProspectivePanelist.attributes"] = 20,
        [V1 + "ProposedPanel.panelists"] = 100,
        [V1 + "ProposedPanel.organizers"] = 100,
    };

    /// <summary>Text fields where tab, newline and carriage return make sense (free text, and whitespace in a filter).</summary>
    private static readonly HashSet<string> MultiLine = ["description", "explanation", "reason", "filter", "order_by"];

    private static readonly HashSet<string> Identifiers = ["name", "parent", "etag", "page_token", "request_id"];

    /// <summary>Adds a violation for each part of <paramref name="request"/> over a limit.</summary>
    public static void Check(IMessage request, Violations violations)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(violations);
        Walk(request, "", violations);
    }

    private static void Walk(IMessage message, string path, Violations violations)
    {
        if (message is Timestamp timestamp)
        {
            CheckTimestamp(timestamp, path, violations);
            return;
        }

        if (message is Google.Type.Date date)
        {
            if ((date.Year != 0 || date.Month != 0 || date.Day != 0) && !Times.IsValid(date))
            {
                violations.Add(path, "Not a calendar date: give year 1–9999, month 1–12 and a day that month has.");
            }

            return;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            var value = field.Accessor.GetValue(message);
            if (field.IsMap)
            {
                continue;
            }

            if (field.IsRepeated)
            {
                var list = (IList)value;
                var max = ListItems.GetValueOrDefault(field.FullName, DefaultListItems);
                if (list.Count > max)
                {
                    violations.Add(fieldPath, $"At most {max} items (got {list.Count}).");
                    continue;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    CheckValue(field, list[i], $"{fieldPath}[{i}]", violations);
                }
            }
            else if (value is not null)
            {
                CheckValue(field, value, fieldPath, violations);
            }
        }
    }

    private static void CheckValue(FieldDescriptor field, object? value, string path, Violations violations)
    {
        switch (value)
        {
            case string text:
                CheckText(field.Name, text, path, violations);
                break;
            case IMessage message:
                Walk(message, path, violations);
                break;
        }
    }

    private static void CheckText(string field, string text, string path, Violations violations)
    {
        if (text.Length == 0)
        {
            return;
        }

        var max = field == "filter" ? FilterChars
            : Identifiers.Contains(field) || field.EndsWith("_id", StringComparison.Ordinal) ? IdentifierChars
            : DefaultTextChars;
        if (text.Length > max)
        {
            violations.Add(path, $"At most {max} characters (got {text.Length}).");
            return;
        }

        var lineSpaceAllowed = MultiLine.Contains(field);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (SafeText.IsControl(c) && !(lineSpaceAllowed && SafeText.IsLineSpace(c)))
            {
                violations.Add(path, $"Control character U+{(int)c:X4} at position {i + 1}; {(lineSpaceAllowed ? "only tab and newline are allowed here" : "none is allowed here (no tab or newline either)")}.");
                return;
            }

            if (char.IsSurrogate(c) && !(char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[++i])))
            {
                violations.Add(path, $"Not valid Unicode at position {i + 1} (an unpaired surrogate).");
                return;
            }
        }
    }

    private static void CheckTimestamp(Timestamp timestamp, string path, Violations violations)
    {
        if (timestamp.Nanos is < 0 or > 999_999_999)
        {
            violations.Add(path, "nanos must be from 0 to 999,999,999.");
        }
        else if (timestamp.Seconds is < -62_135_596_800 or > 253_402_300_799)
        {
            violations.Add(path, "Must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59Z.");
        }
    }
}

/// <summary>Refuses a request over <see cref="RequestLimits"/> with INVALID_ARGUMENT before anything else runs.</summary>
public sealed class LimitsInterceptor : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request,
        ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Refuse(request);

        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request,
        IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context,
        ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Refuse(request);

        return continuation(request, responseStream, context);
    }

    private static void Refuse(object request)
    {
        if (request is not IMessage message)
        {
            return;
        }

        var violations = new Violations();
        RequestLimits.Check(message, violations);
        try
        {
            violations.ThrowIfAny();
        }
        catch (RegistryException e)
        {
            throw ErrorInterceptor.ToRpcException(e);
        }
    }
}
