namespace ParticipationRegistry.Cli.Cli;

/// <summary>
/// Writes a file that holds secrets (declaration links): owner-only (0600) where the OS has Unix modes,
/// written to a temporary file beside it and moved into place, so the file never exists with wider
/// permissions (an existing file of that name is replaced, not rewritten in place with its old mode),
/// nor half written.
/// </summary>
public static class SecretFile
{
    /// <summary>Owner read and write only: 0600.</summary>
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Whether this OS gives the file <see cref="OwnerOnly"/> (not on Windows, whose files inherit their folder's ACL).</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatformGuard("windows")]
    public static bool HasUnixModes => !OperatingSystem.IsWindows();

    public static async Task WriteAsync(string path, Func<TextWriter, Task> write, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new UsageException($"{full} is a folder; give a file name (links.csv).");
        }

        var folder = Path.GetDirectoryName(full) ?? ".";
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (HasUnixModes)
        {
            options.UnixCreateMode = OwnerOnly;
        }

        try
        {
            await using (var stream = new FileStream(temporary, options))
            await using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                await write(writer);
                await writer.FlushAsync(cancellation);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
