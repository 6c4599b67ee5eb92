using System.Collections.Concurrent;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;

namespace ParticipationRegistry.Tests.Limits;

/// <summary>
/// Issue #16, Why 2: a malformed body was logged at error with its stack each time, and refused
/// input was echoed whole and raw into the log. Every line the server logs is captured here.
/// </summary>
public sealed class LogSafetyTests
{
    private sealed record Entry(string Category, LogLevel Level, string Message, Exception? Exception);

    private sealed class Capture : ILoggerProvider
    {
        public ConcurrentQueue<Entry> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Entries);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Entry> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                entries.Enqueue(new Entry(category, logLevel, formatter(state, exception), exception));
        }
    }

    [Fact]
    public async Task A_malformed_body_is_logged_once_at_warning_without_a_stack_trace()
    {
        var capture = new Capture();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(capture));
        capture.Entries.Clear();
        using var http = new HttpClient(registry.App.GetTestServer().CreateHandler()) { BaseAddress = registry.App.GetTestServer().BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/participation.registry.v1.StakeholderService/GetStakeholder")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 4, 0x0A, 0x02, 0xC3, 0x28]),
        };
        request.Content.Headers.ContentType = new("application/grpc");
        request.Headers.Authorization = new("Bearer", TestRegistry.AdminSecret);

        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        var entries = capture.Entries.ToList();
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Error);
        var warning = Assert.Single(entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("GetStakeholder", warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
        Assert.DoesNotContain(entries, e => e.Exception is not null);
    }

    [Fact]
    public async Task Refused_input_reaches_the_log_only_escaped_and_cut_short()
    {
        var capture = new Capture();
        await using var registry = await TestRegistry.StartAsync(services: s => s.AddSingleton<ILoggerProvider>(capture));
        capture.Entries.Clear();
        var name = "stakeholders/\u001b[2J\u001b[31m" + new string('n', 500_000);

        await Assert.ThrowsAsync<RpcException>(async () => await registry.Stakeholders.GetStakeholderAsync(new GetStakeholderRequest { Name = name }));
        await Assert.ThrowsAsync<RpcException>(async () => await registry.Stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest { Filter = "country_code = \"\u001b[31m" + new string('k', 1_500) + "\"" }));

        var entries = capture.Entries.ToList();
        Assert.All(entries, e => Assert.True(e.Message.Length < 2_000, $"{e.Category}: {e.Message.Length} characters"));
        Assert.DoesNotContain(entries, e => e.Message.Contains('\u001b', StringComparison.Ordinal) || (e.Exception?.ToString().Contains('\u001b', StringComparison.Ordinal) ?? false));
    }
}
