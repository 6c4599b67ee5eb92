using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Data.Sqlite;
using ParticipationRegistry.Server.Access;
using ParticipationRegistry.Tests.Infrastructure;
using ParticipationRegistry.V1;
using Xunit.Abstractions;

namespace ParticipationRegistry.Tests.Fuzz;

/// <summary>
/// Issue #16, item 3: every method of every service, enumerated from the contract's file descriptors (a new
/// method is fuzzed without anyone remembering), called over real gRPC on the real server (a child process)
/// with fuzzed bodies as raw bytes. Never UNKNOWN or INTERNAL, every call answered within its deadline, the
/// server healthy at the end and its resident memory under a bound; and the calls built to be refused change
/// nothing (a digest of every table before and after them). The suite runs 5,000 calls;
/// <c>REGISTRY_FUZZ_CALLS</c> (tests/fuzz.sh: 100,000) and <c>REGISTRY_FUZZ_SEED</c> change that.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : ServerFileTest("registry-fuzz-")
{
    /// <summary>The bound on the server's resident memory (VmRSS) at any sample during the run.</summary>
    public const long ResidentMemoryBound = 1024L * 1024 * 1024;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly Marshaller<byte[]> PassThrough = Marshallers.Create(bytes => bytes, bytes => bytes);
    private static readonly string[] ReadPrefixes = ["Get", "List", "Search", "Check", "Suggest", "Compare", "Export", "Find"];
    private static readonly StatusCode[] Forbidden = [StatusCode.Unknown, StatusCode.Internal, StatusCode.DeadlineExceeded, StatusCode.Unavailable, StatusCode.DataLoss];

    /// <summary>Every method of every service in the contract (package participation.registry.v1).</summary>
    public static IReadOnlyList<MethodDescriptor> ContractMethods() =>
        [.. typeof(Stakeholder).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(Stakeholder).Namespace && t.Name.EndsWith("Reflection", StringComparison.Ordinal))
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
            .OfType<FileDescriptor>()
            .SelectMany(file => file.Services)
            .SelectMany(service => service.Methods)
            .OrderBy(m => m.FullName, StringComparer.Ordinal)];

    [Fact]
    public void The_contract_methods_are_found_from_the_descriptors()
    {
        var methods = ContractMethods();

        Assert.Contains(methods, m => m.FullName == "participation.registry.v1.MeetingService.BatchCreateRegistrations");
        Assert.Contains(methods, m => m.FullName == "participation.registry.v1.AdminService.CreateBackup");
        Assert.Equal(7, methods.Select(m => m.Service.FullName).Distinct().Count());
    }

    [Fact]
    public async Task Every_method_answers_fuzzed_requests_without_unknown_internal_or_a_hang_and_refused_calls_change_nothing()
    {
        var calls = int.TryParse(Environment.GetEnvironmentVariable("REGISTRY_FUZZ_CALLS"), out var c) ? c : 5000;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("REGISTRY_FUZZ_SEED"), out var s) ? s : 20261130;
        var methods = ContractMethods();
        using var server = await ServerProcess.StartAsync(
            // Fuzzed CreateBackup calls write into the test's folder on either engine (on PostgreSQL the default is the working folder).
            Database, Secret, "--demo", "--backup-dir", Path.Combine(Path.GetDirectoryName(DatabasePath)!, "backups"));
        using var admin = server.Channel(Secret);
        var (viewerSecret, existing) = await SeedAsync(admin);
        using var viewer = server.Channel(viewerSecret);
        using var anonymous = GrpcChannel.ForAddress(server.GrpcUrl);
        Assert.True(existing.Count > 20, $"The demo data gave only {existing.Count} names.");
        using var rawFrames = new RawFrames(server.GrpcUrl);
        var run = new FuzzRun(methods, existing, seed, rawFrames);
        using var memory = new MemorySampler(server.Process.Id);

        // Phase 1: only calls the server must refuse (broken wire, invalid UTF-8, a control character, or no
        // key at all; a viewer for the writes): the logical content must be exactly as before.
        var refusedCalls = calls / 4;
        var before = Digest();
        await run.SendAsync(refusedCalls, i => (i % 5) switch
        {
            0 => new(anonymous, "none", null),
            1 when IsWrite(methods[i % methods.Count]) => new(viewer, "viewer", viewerSecret),
            _ => new(admin, "admin", Secret),
        }, refusedOnly: true);
        var after = Digest();

        // Phase 2: anything — some bodies are valid, and a valid write may succeed.
        await run.SendAsync(calls - refusedCalls, i => (i % 10) switch
        {
            0 => new(anonymous, "none", null),
            1 => new(viewer, "viewer", viewerSecret),
            _ => new(admin, "admin", Secret),
        }, refusedOnly: false);

        var health = await new Health.HealthClient(anonymous).CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        var peak = memory.Stop();

        output.WriteLine($"fuzz: {run.Total} calls over {methods.Count} methods of {methods.Select(m => m.Service.Name).Distinct().Count()} services, seed {seed}, {run.Elapsed.TotalSeconds:F0} s");
        foreach (var line in run.CountsByService())
        {
            output.WriteLine(line);
        }

        output.WriteLine($"  (by kind: {string.Join(", ", run.CountsByKind())})");
        output.WriteLine($"refused phase: {refusedCalls} calls; digest before {before}, after {after}");
        output.WriteLine($"server peak resident memory {peak / 1024 / 1024} MiB (bound {ResidentMemoryBound / 1024 / 1024} MiB); health {health.Status}");
        foreach (var violation in run.Violations.Take(30))
        {
            output.WriteLine(violation);
        }

        Assert.Equal(calls, run.Total);
        Assert.True(run.Violations.IsEmpty, $"{run.Violations.Count} violations, e.g.\n{string.Join('\n', run.Violations.Take(10))}");
        Assert.Equal(before, after);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        Assert.True(peak > 0 && peak < ResidentMemoryBound, $"Peak resident memory {peak} bytes.");
        Assert.All(methods, m => Assert.True(run.CallsOf(m) >= calls / methods.Count - 1, $"{m.FullName} was called {run.CallsOf(m)} times."));
    }

    // The registry's logical content on either engine (DatabaseDigest), read beside the running server.
    private string Digest()
    {
        using var connection = OpenDatabase();
        return DatabaseDigest.Compute(connection);
    }

    /// <summary>Writes: whatever does not only read (a viewer key is refused them).</summary>
    private static bool IsWrite(MethodDescriptor method) =>
        !ReadPrefixes.Any(p => method.Name.StartsWith(p, StringComparison.Ordinal));

    /// <summary>A viewer key, and the names of what the demo data (<c>--demo</c>) and the seeding hold.</summary>
    private static async Task<(string ViewerSecret, IReadOnlyList<string> Existing)> SeedAsync(GrpcChannel admin)
    {
        var meetings = new MeetingService.MeetingServiceClient(admin);
        var stakeholders = new StakeholderService.StakeholderServiceClient(admin);
        var forum = await meetings.CreateForumAsync(new CreateForumRequest { ForumId = "fuzz", Forum = new Forum { DisplayName = "Fuzz Forum" } });
        var key = await new KeyService.KeyServiceClient(admin).CreateApiKeyAsync(new CreateApiKeyRequest { ApiKey = new ApiKey { Role = Role.Viewer, DisplayName = "fuzz viewer" } });
        var names = new List<string> { forum.Name, key.ApiKey.Name };
        names.AddRange((await meetings.ListForumsAsync(new ListForumsRequest())).Forums.Select(f => f.Name));
        var meetingNames = (await meetings.ListMeetingsAsync(new ListMeetingsRequest())).Meetings.Select(m => m.Name).ToList();
        names.AddRange(meetingNames);
        foreach (var meeting in meetingNames)
        {
            names.AddRange((await meetings.ListSessionsAsync(new ListSessionsRequest { Parent = meeting })).Sessions.Select(x => x.Name));
            names.AddRange((await meetings.ListRegistrationsAsync(new ListRegistrationsRequest { Parent = meeting })).Registrations.Select(x => x.Name));
            names.AddRange((await meetings.ListParticipantsAsync(new ListParticipantsRequest { Parent = $"{meeting}/sessions/-" })).Participants.Select(x => x.Name));
        }

        names.AddRange((await stakeholders.ListStakeholdersAsync(new ListStakeholdersRequest())).Stakeholders.Select(x => x.Name));
        names.AddRange((await stakeholders.ListOrganizationsAsync(new ListOrganizationsRequest())).Organizations.Select(x => x.Name));
        names.AddRange((await new BalanceService.BalanceServiceClient(admin).ListPoliciesAsync(new ListPoliciesRequest())).Policies.Select(x => x.Name));
        return (key.Secret, names.Distinct().ToList());
    }

    private sealed record Caller(GrpcChannel Channel, string KeyName, string? Secret);

    /// <summary>The calls, counted by service and status; one in 16 goes as a damaged raw HTTP/2 frame.</summary>
    private sealed class FuzzRun(IReadOnlyList<MethodDescriptor> methods, IReadOnlyList<string> existing, int seed, RawFrames rawFrames)
    {
        private readonly ConcurrentDictionary<(string Service, StatusCode Status), int> counts = new();
        private readonly ConcurrentDictionary<string, int> perMethod = new();
        private readonly ConcurrentDictionary<string, int> perKind = new();
        private readonly System.Diagnostics.Stopwatch clock = new();
        private int total;
        private int round;

        public ConcurrentQueue<string> Violations { get; } = new();

        public int Total => total;

        public TimeSpan Elapsed => clock.Elapsed;

        public int CallsOf(MethodDescriptor method) => perMethod.GetValueOrDefault(method.FullName);

        public async Task SendAsync(int calls, Func<int, Caller> key, bool refusedOnly)
        {
            clock.Start();
            var next = -1;
            var thisRound = Interlocked.Increment(ref round);
            var workers = Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
            {
                var fuzzer = new RequestFuzzer(seed * 31 + thisRound * 1000 + worker, existing);
                var random = new Random(seed * 37 + thisRound * 1000 + worker);
                for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
                {
                    var method = methods[i % methods.Count];
                    var body = refusedOnly ? fuzzer.NextRefused(method.InputType) : fuzzer.Next(method.InputType);
                    if (i % 16 == 15)
                    {
                        var (kind, frame, encoding) = RawFrames.Damage(body.Bytes, i / 16, random);
                        await RawCallAsync(key(i), method, new FuzzedBody(kind, frame), encoding);
                    }
                    else
                    {
                        await CallAsync(key(i), method, body, refusedOnly);
                    }
                }
            })).ToList();
            await Task.WhenAll(workers);
            clock.Stop();
        }

        public IEnumerable<string> CountsByService() =>
            counts.GroupBy(c => c.Key.Service).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
                $"  {g.Key}: {g.Sum(c => c.Value)} calls — " + string.Join(", ", g.OrderByDescending(c => c.Value).Select(c => $"{c.Key.Status} {c.Value}")));

        public IEnumerable<string> CountsByKind() =>
            perKind.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value}");

        private async Task RawCallAsync(Caller caller, MethodDescriptor method, FuzzedBody body, string? encoding)
        {
            StatusCode status;
            string detail;
            try
            {
                var (grpcStatus, message, http) = await rawFrames.SendAsync($"/{method.Service.FullName}/{method.Name}", body.Bytes, encoding, caller.Secret, Deadline);
                (status, detail) = int.TryParse(grpcStatus, out var code) ? ((StatusCode)code, Uri.UnescapeDataString(message ?? "")) : (StatusCode.Unknown, $"no grpc-status (HTTP {(int)http})");
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                (status, detail) = (StatusCode.Unavailable, $"{e.GetType().Name}: {e.Message}");
            }

            Record(caller, method, body, status, detail, mustBeRefused: true);
        }

        private async Task CallAsync(Caller caller, MethodDescriptor method, FuzzedBody body, bool mustBeRefused)
        {
            var grpcMethod = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, PassThrough, PassThrough);
            StatusCode status;
            string detail;
            try
            {
                await caller.Channel.CreateCallInvoker().AsyncUnaryCall(grpcMethod, null, new CallOptions(deadline: DateTime.UtcNow.Add(Deadline)), body.Bytes);
                status = StatusCode.OK;
                detail = "";
            }
            catch (RpcException e)
            {
                status = e.StatusCode;
                detail = e.Status.Detail;
            }

            Record(caller, method, body, status, detail, mustBeRefused);
        }

        private void Record(Caller caller, MethodDescriptor method, FuzzedBody body, StatusCode status, string detail, bool mustBeRefused)
        {
            counts.AddOrUpdate((method.Service.Name, status), 1, (_, n) => n + 1);
            perMethod.AddOrUpdate(method.FullName, 1, (_, n) => n + 1);
            perKind.AddOrUpdate(body.Kind, 1, (_, n) => n + 1);
            Interlocked.Increment(ref total);
            if (Forbidden.Contains(status) || (mustBeRefused && status == StatusCode.OK))
            {
                var shortDetail = detail.Length > 200 ? detail[..200] + "…" : detail;
                Violations.Enqueue($"{method.FullName} [{body.Kind}, key {caller.KeyName}{(mustBeRefused ? ", must be refused" : "")}] → {status} \"{shortDetail}\"; request {RequestFuzzer.Describe(body.Bytes)}");
            }
        }
    }

    /// <summary>Samples a process's VmRSS from /proc every 100 ms and keeps the peak.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task sampling;
        private long peak;

        public MemorySampler(int processId) => sampling = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Sample(processId);
                await Task.Delay(100).ConfigureAwait(false);
            }

            Sample(processId);
        });

        public long Stop()
        {
            stop.Cancel();
            sampling.Wait();
            return Interlocked.Read(ref peak);
        }

        public void Dispose()
        {
            if (!stop.IsCancellationRequested)
            {
                Stop();
            }

            stop.Dispose();
        }

        private void Sample(int processId)
        {
            var line = File.ReadLines($"/proc/{processId}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            if (line is not null && long.TryParse(line["VmRSS:".Length..].Trim().Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var kilobytes))
            {
                var bytes = kilobytes * 1024;
                long current;
                while (bytes > (current = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, bytes, current) != current)
                {
                }
            }
        }
    }
}
