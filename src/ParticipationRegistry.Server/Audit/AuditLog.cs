namespace ParticipationRegistry.Server.Audit;

internal static partial class AuditLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} audit events past their retention")]
    public static partial void EventsPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit events of a committed {Method} call not written ({Fault}): {Resources}")]
    public static partial void EventsLost(ILogger logger, string method, string fault, string resources);
}
