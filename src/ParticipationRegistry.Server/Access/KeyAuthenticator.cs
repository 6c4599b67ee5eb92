using System.Collections.Concurrent;
using ParticipationRegistry.Server.Common;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Server.Access;

/// <summary>Turns the <c>authorization</c> header of a request into its <see cref="Caller"/>, on both ports.</summary>
public sealed class KeyAuthenticator(IKeyStore store, KeyCache cache, TimeProvider clock)
{
    // last_use_time is written at most this often per key, so that reads do not all become writes.
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTimeOffset> lastUseWritten = new();

    /// <summary>The caller, or the reason the credentials sent are refused.</summary>
    public (Caller Caller, string? Problem) Authenticate(string? authorization)
    {
        var secret = ApiKeySecrets.FromAuthorization(authorization);
        if (secret is null)
        {
            return (Caller.Anonymous, null);
        }

        if (secret.Length == 0)
        {
            return (Caller.Anonymous, "The authorization header must be 'Bearer <secret>'.");
        }

        var key = cache.Find(ApiKeySecrets.Hash(secret), store.FindBySecretHash);
        var now = clock.GetUtcNow();
        if (key is null)
        {
            return (Caller.Anonymous, "The API key is not known.");
        }

        var row = key.Row;

        if (row.RevokeTime is not null)
        {
            return (Caller.Anonymous, $"The API key {new ApiKeyName(row.Id)} was revoked.");
        }

        if (row.ExpireTime is { } expire && string.CompareOrdinal(expire, Times.ToText(now)) <= 0)
        {
            return (Caller.Anonymous, $"The API key {new ApiKeyName(row.Id)} expired.");
        }

        RecordUse(row.Id, now);
        return (key.Caller, null);
    }

    private void RecordUse(string id, DateTimeOffset now)
    {
        if (lastUseWritten.TryGetValue(id, out var written) && now - written < LastUseResolution)
        {
            return;
        }

        lastUseWritten[id] = now;
        // Not awaited: the call does not wait for the writer. A touch that fails (a full disk, say) is
        // observed here, not left to the finalizer, and the next use of the key writes it again.
        _ = store.TouchLastUseAsync(id, Times.ToText(now)).ContinueWith(
            failed => { _ = failed.Exception; lastUseWritten.TryRemove(id, out _); },
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }
}

/// <summary>
/// Authenticates every request on both ports before it reaches a gRPC method or an HTTP route. gRPC
/// methods (and their JSON transcodings) are refused and limited by the interceptors; the other HTTP
/// routes (report pages) here: 401 for credentials that are sent but bad, 429 over the rate limit.
/// </summary>
public static class AuthenticationMiddleware
{
    public static WebApplication UseRegistryAuthentication(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            var grpc = http.GetEndpoint()?.Metadata.GetMetadata<Grpc.AspNetCore.Server.GrpcMethodMetadata>() is not null;
            Caller caller;
            string? problem;
            try
            {
                (caller, problem) = http.RequestServices.GetRequiredService<KeyAuthenticator>().Authenticate(http.Request.Headers.Authorization);
            }
            catch (Exception e) when (Storage.StorageFaults.Classify(e) is { } fault)
            {
                // The key could not be read (a lost PostgreSQL session, a corrupt page): the call is answered as any call
                // whose read meets the fault, never as an unhandled error.
                if (grpc)
                {
                    http.SetAuthenticationFault(e);
                    await next(http);
                    return;
                }

                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await http.Response.WriteAsync($"503 Service Unavailable: the database is unavailable ({fault.Name}); retry later.\n");
                return;
            }

            http.SetCaller(caller);
            if (problem is not null)
            {
                http.SetCredentialProblem(problem);
            }

            if (grpc)
            {
                await next(http);
                return;
            }

            if (problem is not null)
            {
                http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                http.Response.Headers.WWWAuthenticate = "Bearer";
                await http.Response.WriteAsync($"401 Unauthorized: {problem} Send a valid key as 'authorization: Bearer <secret>', or none for the public reports.\n");
                return;
            }

            // Reports cost more to build; the declaration form costs more so that nobody tries tokens in bulk.
            var cost = http.Request.Path.StartsWithSegments("/reports") || http.Request.Path.StartsWithSegments("/declare") ? RateLimits.ExpensiveCost : 1;
            if (http.RequestServices.GetRequiredService<RateLimits>().TryTake(RateLimits.WhoIs(http), cost) is { } wait)
            {
                var seconds = RateLimits.RetryAfterSeconds(wait);
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await http.Response.WriteAsync($"429 Too Many Requests: retry after {seconds} s.\n");
                return;
            }

            await next(http);
        });
        return app;
    }
}
