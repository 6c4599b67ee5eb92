namespace ParticipationRegistry.Server.Audit;

internal static partial class AuditLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} audit events past their retention")]
    public static partial void EventsPurged(ILogger logger, int count);
}
