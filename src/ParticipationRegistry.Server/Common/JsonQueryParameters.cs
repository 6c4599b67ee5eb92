using System.Globalization;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Grpc.JsonTranscoding;
using Microsoft.Extensions.Primitives;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// The JSON port's query parameters checked before the framework binds them: a parameter that is no
/// field of the request, or a value its field cannot hold, is HTTP 400 with the same google.rpc.Status
/// (ErrorInfo, BadRequest naming the parameter) a gRPC caller gets — not a raw .NET message, and not
/// silently ignored (as <c>/reports/…</c> refuses unknown parameters too).
/// </summary>
public static partial class JsonQueryParameters
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithTypeRegistry(
        TypeRegistry.FromMessages(Google.Rpc.ErrorInfo.Descriptor, Google.Rpc.BadRequest.Descriptor)));

    public static IApplicationBuilder UseJsonQueryParameterChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<GrpcJsonTranscodingMetadata>();
        if (metadata is null || context.Request.Query.Count == 0)
        {
            await next(context);
            return;
        }

        var violations = new Violations();
        Check(metadata.MethodDescriptor.InputType, metadata.HttpRule, context.Request.Query, violations);
        if (!violations.Any)
        {
            await next(context);
            return;
        }

        try
        {
            violations.ThrowIfAny();
        }
        catch (RegistryException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync(Formatter.Format(ErrorInterceptor.ToStatus(e)));
        }
    });

    /// <summary>Adds a violation, named by the parameter, for each parameter that is unknown or holds a value its field cannot.</summary>
    public static void Check(MessageDescriptor input, Google.Api.HttpRule rule, IQueryCollection query, Violations violations)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(violations);
        var bound = RouteVariable().Matches(Pattern(rule)).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var (key, values) in query)
        {
            var parameter = SafeText.Quote(key);
            if (rule.Body == "*" || key.Length == 0 || bound.Contains(key) || rule.Body.Length > 0 && (key == rule.Body || key.StartsWith(rule.Body + ".", StringComparison.Ordinal)))
            {
                violations.Add(parameter, "Not a query parameter of this method.");
                continue;
            }

            var field = Resolve(input, key);
            if (field is null)
            {
                violations.Add(parameter, $"Not a query parameter of this method; known: {string.Join(", ", Known(input, "", 0).Where(k => !bound.Contains(k)).Take(20))}.");
                continue;
            }

            if (values.Count > 1 && !field.IsRepeated)
            {
                violations.Add(parameter, "Given more than once; it takes one value.");
                continue;
            }

            CheckValues(field, values, parameter, violations);
        }
    }

    private static void CheckValues(FieldDescriptor field, StringValues values, string parameter, Violations violations)
    {
        foreach (var value in values)
        {
            if (value is null || Fits(field, value))
            {
                continue;
            }

            violations.Add(parameter, $"'{SafeText.Quote(value)}' is not a {Expected(field)}.");
            return;
        }
    }

    private static bool Fits(FieldDescriptor field, string value) => field.FieldType switch
    {
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
        FieldType.UInt32 or FieldType.Fixed32 => uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        FieldType.UInt64 or FieldType.Fixed64 => ulong.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _),
        FieldType.Double or FieldType.Float => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
        FieldType.Bool => value is "true" or "false",
        FieldType.Enum => field.EnumType.FindValueByName(value) is not null
            || int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && field.EnumType.FindValueByNumber(number) is not null,
        FieldType.String or FieldType.Bytes => true,
        // Well-known types bound from text (Timestamp, Duration, wrappers, FieldMask) are left to the framework.
        FieldType.Message => field.MessageType.FullName.StartsWith("google.protobuf.", StringComparison.Ordinal) && !field.IsRepeated,
        _ => false,
    };

    private static string Expected(FieldDescriptor field) => field.FieldType switch
    {
        FieldType.Bool => "boolean (true or false)",
        FieldType.Enum => $"{field.EnumType.Name} value name, e.g. {field.EnumType.Values.Skip(1).FirstOrDefault()?.Name ?? field.EnumType.Values[0].Name}",
        FieldType.Double or FieldType.Float => "number",
        FieldType.Message => "value a query parameter can give (this field is a message: send the request as gRPC or JSON body)",
        _ => "whole number in range",
    };

    /// <summary>The field a dotted parameter names (proto or JSON names), or null.</summary>
    private static FieldDescriptor? Resolve(MessageDescriptor message, string key)
    {
        FieldDescriptor? field = null;
        foreach (var part in key.Split('.'))
        {
            if (field is not null)
            {
                if (field.FieldType != FieldType.Message || field.IsRepeated)
                {
                    return null;
                }

                message = field.MessageType;
            }

            field = message.FindFieldByName(part) ?? message.Fields.InDeclarationOrder().FirstOrDefault(f => f.JsonName == part);
            if (field is null)
            {
                return null;
            }
        }

        return field;
    }

    private static IEnumerable<string> Known(MessageDescriptor message, string prefix, int depth)
    {
        foreach (var field in message.Fields.InDeclarationOrder())
        {
            if (field.FieldType == FieldType.Message && !field.IsRepeated && depth < 2 && !field.MessageType.FullName.StartsWith("google.", StringComparison.Ordinal))
            {
                foreach (var inner in Known(field.MessageType, $"{prefix}{field.Name}.", depth + 1))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return prefix + field.Name;
            }
        }
    }

    private static string Pattern(Google.Api.HttpRule rule) => rule.PatternCase switch
    {
        Google.Api.HttpRule.PatternOneofCase.Get => rule.Get,
        Google.Api.HttpRule.PatternOneofCase.Post => rule.Post,
        Google.Api.HttpRule.PatternOneofCase.Put => rule.Put,
        Google.Api.HttpRule.PatternOneofCase.Patch => rule.Patch,
        Google.Api.HttpRule.PatternOneofCase.Delete => rule.Delete,
        Google.Api.HttpRule.PatternOneofCase.Custom => rule.Custom.Path,
        _ => "",
    };

    [GeneratedRegex(@"\{([a-zA-Z0-9_.]+)")]
    private static partial Regex RouteVariable();
}
