using System.Globalization;
using Npgsql;

namespace ParticipationRegistry.Server.Storage;

/// <summary>The two storage engines: one SQLite file (the embedded default), or a PostgreSQL database shared by several servers.</summary>
public enum StorageEngine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the registry is kept, as given to <c>--database</c> or <c>REGISTRY_DATABASE</c>: a file path or
/// <c>sqlite:FILE</c> for SQLite; <c>postgres://user:password@host:port/database?key=value</c> (or
/// <c>postgresql://</c>) for PostgreSQL, whose query parameters are Npgsql connection-string keywords with
/// <c>_</c> for spaces (<c>search_path=forum1</c>, <c>maximum_pool_size=50</c>, <c>target_session_attributes=primary</c>)
/// or libpq's names for the same settings (<c>sslmode=verify-full</c>, <c>sslrootcert</c>, <c>target_session_attrs</c>, <c>connect_timeout</c>). Several hosts (<c>host1:5432,host2:5432</c>) are tried in turn.
/// </summary>
/// <param name="Engine">Which engine.</param>
/// <param name="Target">The SQLite file's full path, or the Npgsql connection string (with its password).</param>
/// <param name="Display">What logs and messages may show: the path, or the URI without its password.</param>
/// <param name="Given">The value as given (it may hold a password: never show it).</param>
public sealed record DatabaseLocation(StorageEngine Engine, string Target, string Display, string Given)
{
    /// <summary>Reads a <c>--database</c> value; throws <see cref="ArgumentException"/> with the reason when it cannot be one.</summary>
    public static DatabaseLocation Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return ParsePostgres(value);
        }

        var path = value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase) ? value["sqlite:".Length..] : value;
        if (path.Length == 0)
        {
            throw new ArgumentException("--database: give a file (registry.db, sqlite:registry.db) or a postgres:// URI.");
        }

        var full = Path.GetFullPath(path);
        return new DatabaseLocation(StorageEngine.Sqlite, full, full, value);
    }

    private static DatabaseLocation ParsePostgres(string uri)
    {
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];
        var queryAt = rest.IndexOf('?', StringComparison.Ordinal);
        var query = queryAt < 0 ? "" : rest[(queryAt + 1)..];
        rest = queryAt < 0 ? rest : rest[..queryAt];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var database = slash < 0 ? "" : Uri.UnescapeDataString(rest[(slash + 1)..]);
        var authority = slash < 0 ? rest : rest[..slash];
        var at = authority.LastIndexOf('@');
        var userInfo = at < 0 ? "" : authority[..at];
        var hosts = at < 0 ? authority : authority[(at + 1)..];
        if (hosts.Length == 0)
        {
            throw new ArgumentException("--database: the postgres:// URI names no host (postgres://user@host:5432/registry).");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = hosts };
        if (userInfo.Length > 0)
        {
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
            }
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        var shown = new List<string>();
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]).Replace('_', ' ');
            var text = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..]);
            (key, text) = FromLibpq(key, text);
            if (string.Equals(key, "password", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("--database: put the password in the URI's user part (or a .pgpass file, or PGPASSWORD), not in its query.");
            }

            try
            {
                builder[key] = text;
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"--database: '{Shorten(key)}' is not a PostgreSQL connection setting Npgsql knows ({e.Message.Split('\n')[0]}).", e);
            }

            shown.Add(pair);
        }

        var display = string.Create(CultureInfo.InvariantCulture,
            $"postgres://{(builder.Username is { Length: > 0 } user ? Uri.EscapeDataString(user) + "@" : "")}{hosts}/{Uri.EscapeDataString(database)}{(shown.Count > 0 ? "?" + string.Join('&', shown) : "")}");
        return new DatabaseLocation(StorageEngine.Postgres, builder.ConnectionString, display, uri);
    }

    // The names libpq (psql, cloud consoles) writes in URIs, as Npgsql calls them: a URI copied from a provider works as it is.
    private static (string Key, string Value) FromLibpq(string key, string value) => key.ToLowerInvariant() switch
    {
        "sslmode" or "ssl mode" => ("SSL Mode", value.Replace("-", "", StringComparison.Ordinal)),
        "sslrootcert" => ("Root Certificate", value),
        "sslcert" => ("SSL Certificate", value),
        "sslkey" => ("SSL Key", value),
        "target session attrs" => ("Target Session Attributes", value),
        "connect timeout" => ("Timeout", value),
        _ => (key, value),
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
