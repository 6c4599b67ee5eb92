using System.CommandLine;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Server.Storage;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>The server's settings: command line first, then environment, then the defaults.</summary>
/// <param name="BootstrapAdminKey">The secret of the first admin key (empty: none).</param>
/// <param name="RateLimit">Calls a second per key (per address without one); 0 turns limiting off.</param>
/// <param name="TlsCertificate">PEM certificate for https:// endpoints (empty: Kestrel:Certificates:Default).</param>
/// <param name="TlsKey">PEM private key of <paramref name="TlsCertificate"/>.</param>
/// <param name="AuditRetentionDays">How many days the audit trail keeps an event.</param>
/// <param name="Durability">Whether a commit survives a crash of the process (normal) or also of the machine (full).</param>
/// <param name="CorsOrigins">Comma-separated origins whose pages may call the API over gRPC-Web (empty: none; <c>*</c>: any).</param>
/// <param name="DeclarationLinkDays">How many days a declaration link works.</param>
/// <param name="PublicHttpUrl">The HTTP port as people reach it, for declaration links (empty: the bound HTTP URL).</param>
/// <param name="BackupDirectory">The folder AdminService.CreateBackup writes into (empty: <c>backups</c> beside the database).</param>
/// <param name="ReadOnly">Open the database read-only (a copy for reading, maintenance): writes are refused with DATABASE_READ_ONLY.</param>
/// <param name="ShutdownTimeoutSeconds">How long a stop (SIGTERM, Ctrl+C) lets calls in flight finish before it cuts them off.</param>
public sealed record RegistryOptions(
    string GrpcUrl,
    string HttpUrl,
    string DatabasePath,
    bool Demo,
    string BootstrapAdminKey = "",
    double RateLimit = RegistryOptions.DefaultRateLimit,
    string TlsCertificate = "",
    string TlsKey = "",
    int AuditRetentionDays = Audit.AuditRetention.DefaultDays,
    Durability Durability = Durability.Normal,
    string CorsOrigins = "",
    int DeclarationLinkDays = Declarations.DeclarationSettings.DefaultDays,
    string PublicHttpUrl = "",
    string BackupDirectory = "",
    bool ReadOnly = false,
    int ShutdownTimeoutSeconds = RegistryOptions.DefaultShutdownTimeoutSeconds)
{
    public const string DefaultGrpcUrl = "http://127.0.0.1:5080";
    public const string DefaultHttpUrl = "http://127.0.0.1:5081";
    public const string DefaultDatabase = "participation-registry.db";
    public const double DefaultRateLimit = 200;
    public const int DefaultShutdownTimeoutSeconds = 15;

    /// <summary>
    /// Parses the server's own switches before the host sees anything (the host would read
    /// <c>--demo --database x</c> as demo = "--database"). Invoking the command prints errors or help
    /// itself and runs <paramref name="run"/> only with valid options.
    /// </summary>
    public static RootCommand Command(Func<RegistryOptions, CancellationToken, Task<int>> run)
    {
        var grpcUrl = new Option<string?>("--grpc-url") { Description = $"gRPC (h2c) endpoint; port 0 picks a free port. Env REGISTRY_GRPC_URL. Default {DefaultGrpcUrl}." };
        var httpUrl = new Option<string?>("--http-url") { Description = $"HTTP/1.1 endpoint (JSON, reports); port 0 picks a free port. Env REGISTRY_HTTP_URL. Default {DefaultHttpUrl}." };
        var database = new Option<string?>("--database") { Description =
            $"Where the registry is kept: a SQLite file (FILE or sqlite:FILE, created if missing; default ./{DefaultDatabase}), or a PostgreSQL " +
            "database (postgres://user:password@host:5432/registry?sslmode=require; query keys are Npgsql settings, _ for spaces). Env REGISTRY_DATABASE." };
        var demo = new Option<bool>("--demo") { Description = "Load the IGF 2012 workshop 85 sample data (idempotent). Env REGISTRY_DEMO=true." };
        var bootstrapKeyFile = new Option<FileInfo>("--bootstrap-admin-key-file")
        {
            Description = "File holding the secret of the first admin key (at least 22 characters). Env REGISTRY_BOOTSTRAP_ADMIN_KEY holds the secret itself.",
        };
        bootstrapKeyFile.AcceptExistingOnly();
        var auditRetention = new Option<int>("--audit-retention-days")
        {
            Description = $"Days the audit trail keeps an event (at least 1). Env REGISTRY_AUDIT_RETENTION_DAYS. Default {Audit.AuditRetention.DefaultDays}.",
            // A value the environment spells wrong becomes 0, which the validator refuses.
            DefaultValueFactory = _ => Environment("REGISTRY_AUDIT_RETENTION_DAYS") is { } text
                ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : 0
                : Audit.AuditRetention.DefaultDays,
        };
        auditRetention.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError(result.Implicit
                    ? "REGISTRY_AUDIT_RETENTION_DAYS must be a whole number of days, at least 1."
                    : "--audit-retention-days must be at least 1.");
            }
        });
        var declarationLinkDays = new Option<int>("--declaration-link-days")
        {
            Description = $"Days a declaration link works (at least 1). Env REGISTRY_DECLARATION_LINK_DAYS. Default {Declarations.DeclarationSettings.DefaultDays}.",
            DefaultValueFactory = _ => Environment("REGISTRY_DECLARATION_LINK_DAYS") is { } text
                ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var days) ? days : 0
                : Declarations.DeclarationSettings.DefaultDays,
        };
        declarationLinkDays.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError(result.Implicit
                    ? "REGISTRY_DECLARATION_LINK_DAYS must be a whole number of days, at least 1."
                    : "--declaration-link-days must be at least 1.");
            }
        });
        var publicHttpUrl = new Option<string?>("--public-http-url")
        {
            Description = "The HTTP port's address as people reach it (a DNS name, a proxy), for declaration links. Env REGISTRY_PUBLIC_HTTP_URL. Default: the bound --http-url.",
        };
        publicHttpUrl.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } url && !Declarations.DeclarationSettings.IsBaseUrl(url))
            {
                result.AddError($"--public-http-url must be an http:// or https:// URL, not '{url}'.");
            }
        });
        var durability = new Option<string>("--durability")
        {
            Description = "normal: a commit survives a crash of the server process, not a power cut (WAL, synchronous=NORMAL); " +
                "full: every commit is synced to disk (synchronous=FULL). Env REGISTRY_DURABILITY. Default normal.",
            DefaultValueFactory = _ => Environment("REGISTRY_DURABILITY") ?? "normal",
        };
        durability.Validators.Add(result =>
        {
            if (ParseDurability(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"{(result.Implicit ? "REGISTRY_DURABILITY" : "--durability")} must be normal or full, not '{result.GetValueOrDefault<string>()}'.");
            }
        });
        var rateLimit = new Option<double?>("--rate-limit")
        {
            Description = $"Calls a second per key (per address without one), with two seconds' burst; reports and suggestions cost {RateLimits.ExpensiveCost}. 0 turns limiting off. Env REGISTRY_RATE_LIMIT. Default {DefaultRateLimit}.",
        };
        rateLimit.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is < 0)
            {
                result.AddError("--rate-limit must be 0 (off) or more.");
            }
        });
        var tlsCertificate = new Option<FileInfo>("--tls-certificate")
        {
            Description = "PEM certificate for https:// URLs (else Kestrel:Certificates:Default:Path). Env REGISTRY_TLS_CERTIFICATE.",
        };
        var tlsKey = new Option<FileInfo>("--tls-key") { Description = "PEM private key of --tls-certificate. Env REGISTRY_TLS_KEY." };
        tlsCertificate.AcceptExistingOnly();
        tlsKey.AcceptExistingOnly();
        var corsOrigins = new Option<string>("--cors-origins")
        {
            Description = "Comma-separated origins (scheme://host[:port]) whose pages may call the API from a browser over gRPC-Web " +
                "on the HTTP/1.1 port, e.g. https://forum.example.org; * allows any. Env REGISTRY_CORS_ORIGINS. Default none: no cross-origin access.",
            DefaultValueFactory = _ => Environment("REGISTRY_CORS_ORIGINS") ?? "",
        };
        corsOrigins.Validators.Add(result =>
        {
            if (BrowserAccess.ParseOrigins(result.GetValueOrDefault<string>()).Error is { } error)
            {
                result.AddError($"{(result.Implicit ? "REGISTRY_CORS_ORIGINS" : "--cors-origins")}: {error}");
            }
        });
        var backupDirectory = new Option<string?>("--backup-dir")
        {
            Description = "The folder AdminService.CreateBackup (registry admin backup) writes backups into; a request names only a file in it. " +
                "Env REGISTRY_BACKUP_DIR. Default: a backups folder beside the database.",
        };
        var readOnly = new Option<bool>("--read-only")
        {
            Description = "Open the database read-only (SQLite mode=ro): reads are served, every write is refused with FAILED_PRECONDITION " +
                "DATABASE_READ_ONLY; the file must exist at the current schema, with its keys. Env REGISTRY_READ_ONLY=true.",
        };
        var shutdownTimeout = new Option<int>("--shutdown-timeout")
        {
            Description = "Seconds a stop (SIGTERM, Ctrl+C) lets calls in flight finish before it cuts them off (0 or more); the writer then commits " +
                $"what is queued and checkpoints the WAL either way. Env REGISTRY_SHUTDOWN_TIMEOUT. Default {DefaultShutdownTimeoutSeconds}.",
            // A value the environment spells wrong becomes -1, which the validator refuses.
            DefaultValueFactory = _ => Environment("REGISTRY_SHUTDOWN_TIMEOUT") is { } text
                ? int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : -1
                : DefaultShutdownTimeoutSeconds,
        };
        shutdownTimeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError(result.Implicit
                    ? "REGISTRY_SHUTDOWN_TIMEOUT must be a whole number of seconds, 0 or more."
                    : "--shutdown-timeout must be 0 or more.");
            }
        });
        var command = new RootCommand("ParticipationRegistry: the registry of who sits on which panel, and how balanced they are.")
        {
            grpcUrl, httpUrl, database, demo, bootstrapKeyFile, rateLimit, tlsCertificate, tlsKey, auditRetention, durability, corsOrigins,
            declarationLinkDays, publicHttpUrl, backupDirectory, readOnly, shutdownTimeout,
        };
        command.SetAction((result, cancellation) => run(
            new RegistryOptions(
                result.GetValue(grpcUrl) ?? Environment("REGISTRY_GRPC_URL") ?? DefaultGrpcUrl,
                result.GetValue(httpUrl) ?? Environment("REGISTRY_HTTP_URL") ?? DefaultHttpUrl,
                result.GetValue(database) ?? Environment("REGISTRY_DATABASE") ?? DefaultDatabase,
                result.GetValue(demo) || IsTrue(Environment("REGISTRY_DEMO")),
                BootstrapKey(result.GetValue(bootstrapKeyFile)),
                result.GetValue(rateLimit) ?? RateFromEnvironment(),
                result.GetValue(tlsCertificate)?.FullName ?? Environment("REGISTRY_TLS_CERTIFICATE") ?? "",
                result.GetValue(tlsKey)?.FullName ?? Environment("REGISTRY_TLS_KEY") ?? "",
                result.GetValue(auditRetention),
                ParseDurability(result.GetValue(durability))!.Value,
                string.Join(",", BrowserAccess.ParseOrigins(result.GetValue(corsOrigins)).Origins),
                result.GetValue(declarationLinkDays),
                result.GetValue(publicHttpUrl) ?? Environment("REGISTRY_PUBLIC_HTTP_URL") ?? "",
                result.GetValue(backupDirectory) ?? Environment("REGISTRY_BACKUP_DIR") ?? "",
                result.GetValue(readOnly) || IsTrue(Environment("REGISTRY_READ_ONLY")),
                result.GetValue(shutdownTimeout)),
            cancellation));
        return command;
    }

    /// <summary>normal or full, in any case; null for anything else.</summary>
    public static Durability? ParseDurability(string? text) => text?.ToLowerInvariant() switch
    {
        "normal" => Durability.Normal,
        "full" => Durability.Full,
        _ => null,
    };

    // The file wins over the environment, as every command-line option does.
    private static string BootstrapKey(FileInfo? file) =>
        file is null ? Environment("REGISTRY_BOOTSTRAP_ADMIN_KEY") ?? "" : File.ReadAllText(file.FullName).Trim();

    // Not a number: NaN, which RegistryApp.Build refuses with the other bad settings.
    private static double RateFromEnvironment() =>
        Environment("REGISTRY_RATE_LIMIT") is not { } text ? DefaultRateLimit
        : double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var rate) ? rate
        : double.NaN;

    private static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;

    private static bool IsTrue(string? value) =>
        value is not null && (value == "1" || value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("yes", StringComparison.OrdinalIgnoreCase));
}
