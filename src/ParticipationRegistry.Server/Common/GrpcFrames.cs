using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Grpc.Core;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Common;

/// <summary>
/// The gRPC framing of a request to a registry service checked before grpc-dotnet reads it. Every registry
/// method is unary: its body is exactly one frame — a flag byte, a 4-byte length, that many bytes. A body
/// that is not (cut inside the 5-byte prefix, shorter than its length, a second message, the compressed flag
/// without an encoding, gzip that is not gzip) is INVALID_ARGUMENT, logged once at warning; a length over
/// the 4 MiB limit is RESOURCE_EXHAUSTED. Without this, grpc-dotnet answers those INTERNAL ("Incomplete
/// message.") or UNKNOWN (a 4 GiB length, bad gzip), with a stack trace logged at error.
/// gRPC-Web, health and reflection (streaming) are left to the framework.
/// </summary>
public static class GrpcFrames
{
    private const string RegistryPathPrefix = "/participation.registry.";

    public static IApplicationBuilder UseGrpcFrameChecks(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (!HttpMethods.IsPost(request.Method)
            || request.Path.Value?.StartsWith(RegistryPathPrefix, StringComparison.Ordinal) != true
            || request.ContentType is not { } contentType
            || !(contentType.Equals("application/grpc", StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/grpc+", StringComparison.OrdinalIgnoreCase)))
        {
            await next(context);
            return;
        }

        var body = new MemoryStream();
        string? problem;
        StatusCode status;
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, read);
                if (body.Length > Hosting.Endpoints.MaxRequestBytes + 5)
                {
                    break;
                }
            }

            (status, problem) = Check(body.GetBuffer().AsSpan(0, (int)body.Length), request.Headers["grpc-encoding"].ToString());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            (status, problem) = (StatusCode.ResourceExhausted, $"The request is larger than {Hosting.Endpoints.MaxRequestBytes} bytes.");
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && context.RequestAborted.IsCancellationRequested)
        {
            // The caller has gone: nobody to answer.
            return;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        if (problem is null)
        {
            body.Position = 0;
            request.Body = body;
            await next(context);
            return;
        }

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GrpcFrames).FullName!);
        Log.MalformedRequest(logger, SafeText.ForLog(request.Path.Value ?? ""), problem);
        var refusal = ErrorInterceptor.ToRpcException(new RegistryException(
            status, status == StatusCode.ResourceExhausted ? ErrorReason.Unspecified : ErrorReason.InvalidArgument, problem));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["grpc-message"] = Uri.EscapeDataString(problem);
        foreach (var entry in refusal.Trailers.Where(e => e.IsBinary))
        {
            response.Headers[entry.Key] = Convert.ToBase64String(entry.ValueBytes);
        }

        // Trailers-only: no message, the status in the headers, the stream ended.
        await response.CompleteAsync();
    });

    /// <summary>Null when <paramref name="body"/> is one well-formed frame; else the status and why.</summary>
    private static (StatusCode Status, string? Problem) Check(ReadOnlySpan<byte> body, string encoding)
    {
        if (body.Length < 5)
        {
            return (StatusCode.InvalidArgument, $"The request holds no complete gRPC message: {body.Length} bytes, where the frame prefix alone takes 5.");
        }

        var flag = body[0];
        var length = BinaryPrimitives.ReadUInt32BigEndian(body[1..5]);
        if (length > Hosting.Endpoints.MaxRequestBytes)
        {
            return (StatusCode.ResourceExhausted, $"The request message is larger than {Hosting.Endpoints.MaxRequestBytes} bytes.");
        }

        if (flag > 1)
        {
            return (StatusCode.InvalidArgument, $"The gRPC frame's compressed flag is {flag}, not 0 or 1.");
        }

        if (body.Length - 5 < length)
        {
            return (StatusCode.InvalidArgument, $"The gRPC frame announces {length} bytes but {body.Length - 5} follow.");
        }

        if (body.Length - 5 > length)
        {
            return (StatusCode.InvalidArgument, "The request holds more than one message; this method takes one.");
        }

        if (flag == 1)
        {
            if (encoding is "" or "identity")
            {
                return (StatusCode.InvalidArgument, "The request message is marked compressed but names no grpc-encoding.");
            }

            if (encoding == "gzip" && !IsGzip(body[5..].ToArray()))
            {
                return (StatusCode.InvalidArgument, "The request message is marked gzip but is not valid gzip.");
            }
        }

        return (StatusCode.OK, null);
    }

    private static bool IsGzip(byte[] compressed)
    {
        // A gzip member has at least a 10-byte header and an 8-byte trailer, even around nothing.
        if (compressed.Length < 18 || compressed[0] != 0x1F || compressed[1] != 0x8B)
        {
            return false;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
            var buffer = new byte[81920];
            long total = 0;
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                total += read;
                if (total > Hosting.Endpoints.MaxRequestBytes)
                {
                    // Well-formed so far; the framework's own size check answers RESOURCE_EXHAUSTED.
                    return true;
                }
            }

            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
