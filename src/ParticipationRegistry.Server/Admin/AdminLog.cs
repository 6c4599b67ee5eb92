namespace ParticipationRegistry.Server.Admin;

/// <summary>The log messages of AdminService.</summary>
public static partial class AdminLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Backup written to {Path}: {Size} bytes, schema version {SchemaVersion}, copied in {Milliseconds} ms")]
    public static partial void BackupCreated(ILogger logger, string path, long size, int schemaVersion, long milliseconds);
}
