namespace ParticipationRegistry.Server.Common;

/// <summary>The server's log messages, compiled once (LoggerMessage source generator).</summary>
public static partial class Log
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Database busy in {Method}")]
    public static partial void DatabaseBusy(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopped {Method}: its caller went or its deadline passed; its reads were interrupted")]
    public static partial void CallStopped(ILogger logger, string method);

    [LoggerMessage(Level = LogLevel.Error, Message = "Database probe failed")]
    public static partial void ProbeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired request ids")]
    public static partial void RequestIdsPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data already loaded ({Session})")]
    public static partial void DemoAlreadyLoaded(ILogger logger, string session);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data loaded: {Session} with {People} people in {Seats} seats")]
    public static partial void DemoLoaded(ILogger logger, string session, int people, int seats);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Method} that is not a valid message: {Problem}")]
    public static partial void MalformedRequest(ILogger logger, string method, string problem);
}
