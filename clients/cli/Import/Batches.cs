using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Grpc.Core;
using ParticipationRegistry.Client;
using Spectre.Console;

namespace ParticipationRegistry.Cli.Import;

/// <summary>The rows refused, by line number, each with its reasons.</summary>
public sealed class BadRows
{
    private readonly SortedDictionary<int, List<string>> _reasons = [];

    public int Count => _reasons.Count;

    public bool Contains(int line) => _reasons.ContainsKey(line);

    public void Add(int line, string reason)
    {
        if (!_reasons.TryGetValue(line, out var reasons))
        {
            _reasons[line] = reasons = [];
        }

        if (!reasons.Contains(reason))
        {
            reasons.Add(reason);
        }
    }

    public void Add(int line, IEnumerable<string> reasons)
    {
        foreach (var reason in reasons)
        {
            Add(line, reason);
        }
    }

    /// <summary>One line per bad row: <c>file.csv line 7: country 'ZZ' is not ...</c>.</summary>
    public async Task WriteAsync(TextWriter writer, string file)
    {
        foreach (var (line, reasons) in _reasons)
        {
            await writer.WriteLineAsync($"{file} line {line}: {string.Join("; ", reasons)}");
        }
    }
}

/// <summary>
/// Sends items in batches of at most 1000, each all or none on the server. A batch the server refuses for
/// some items (INVALID_ARGUMENT with <c>requests[i].…</c> field paths) wrote nothing: those items' rows are
/// marked bad and the rest of the batch is sent again. Any other failure stops the import; batches already
/// sent stay written, and a re-run finds them (people, sessions, seats and registrations are matched first).
/// </summary>
public static partial class Batches
{
    public const int Size = 1000;

    /// <returns>The server's result per item, null for an item refused.</returns>
    public static async Task<TResult?[]> SendAsync<TItem, TResult>(
        IReadOnlyList<TItem> items,
        Func<TItem, IEnumerable<int>> linesOf,
        string what,
        Func<IReadOnlyList<TItem>, CancellationToken, Task<IReadOnlyList<TResult>>> send,
        BadRows bad,
        ProgressTask? progress,
        CancellationToken cancellation)
        where TResult : class
    {
        var results = new TResult?[items.Count];
        for (var start = 0; start < items.Count; start += Size)
        {
            var chunk = Enumerable.Range(start, Math.Min(Size, items.Count - start)).ToList();
            while (chunk.Count > 0)
            {
                IReadOnlyList<TResult> sent;
                try
                {
                    sent = await WithRetries(() => send(chunk.Select(i => items[i]).ToList(), cancellation), cancellation);
                }
                catch (RegistryCallException e) when (e.StatusCode == StatusCode.InvalidArgument && e.FieldViolations.Count > 0
                    && e.FieldViolations.All(v => ItemPath().IsMatch(v.Field)))
                {
                    var refused = new HashSet<int>();
                    foreach (var violation in e.FieldViolations)
                    {
                        var match = ItemPath().Match(violation.Field);
                        var position = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                        if (position >= chunk.Count)
                        {
                            throw;
                        }

                        refused.Add(position);
                        foreach (var line in linesOf(items[chunk[position]]))
                        {
                            bad.Add(line, $"the server refused the {what}: {FieldOfItem(match.Groups[2].Value)}: {violation.Description}");
                        }
                    }

                    chunk = chunk.Where((_, position) => !refused.Contains(position)).ToList();
                    continue;
                }

                for (var k = 0; k < chunk.Count; k++)
                {
                    results[chunk[k]] = sent[k];
                }

                progress?.Increment(chunk.Count);
                break;
            }
        }

        return results;
    }

    /// <summary>
    /// A request id (UUID) from the file and the batch's rows: the same rows of the same file give the same
    /// id, so a batch sent again after a lost reply is replayed by the server, not applied twice.
    /// </summary>
    public static string RequestId(string kind, string file, IEnumerable<(int Line, IMessage Item)> rows)
    {
        var text = new StringBuilder("registry-cli/1\n").Append(kind).Append('\n').Append(Path.GetFileName(file)).Append('\n');
        foreach (var (line, item) in rows)
        {
            text.Append(line).Append(':').Append(Convert.ToHexString(SHA256.HashData(item.ToByteArray()))).Append('\n');
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80); // version 8: a name-based UUID of our own
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString("D");
    }

    /// <summary>Sends again (same request id) when the server was unreachable for a moment or asked to slow down.</summary>
    private static async Task<T> WithRetries<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RegistryCallException e) when (attempt < 5 && (e.StatusCode == StatusCode.Unavailable || e.RetryAfter is not null))
            {
                await Task.Delay(e.RetryAfter ?? TimeSpan.FromMilliseconds(200 * attempt), cancellation);
            }
        }
    }

    /// <summary><c>stakeholder.email</c> → <c>email</c>: the field as the file's columns speak of it.</summary>
    private static string FieldOfItem(string path)
    {
        foreach (var item in (string[])["stakeholder.", "session.", "participant.", "registration."])
        {
            if (path.StartsWith(item, StringComparison.Ordinal))
            {
                return path[item.Length..];
            }
        }

        return path;
    }

    [GeneratedRegex(@"^requests\[(\d+)\]\.?(.*)$")]
    private static partial Regex ItemPath();
}

/// <summary>Progress helpers.</summary>
public static class ProgressTasks
{
    /// <summary>Fills the bar (a step with nothing to write, or whose refused rows were skipped).</summary>
    public static void Complete(this ProgressTask? task)
    {
        if (task is not null)
        {
            task.Value = task.MaxValue;
        }
    }
}
