using System.Diagnostics;

namespace ParticipationRegistry.Server.Hosting;

/// <summary>
/// How long each phase of start-up took (docs/PERFORMANCE.md, "Start-up"): logged once the server listens,
/// so a slow start says where its time went.
/// </summary>
public sealed class StartupTimings
{
    private readonly List<(string Phase, TimeSpan Time)> phases = [];
    private readonly Stopwatch watch = Stopwatch.StartNew();
    private TimeSpan last;

    public IReadOnlyList<(string Phase, TimeSpan Time)> Phases => phases;

    public TimeSpan Total => watch.Elapsed;

    /// <summary>Ends the phase that began when the previous one ended.</summary>
    public void Mark(string phase)
    {
        var now = watch.Elapsed;
        phases.Add((phase, now - last));
        last = now;
    }

    public override string ToString() =>
        $"{Total.TotalMilliseconds:F0} ms ({string.Join(", ", phases.Select(p => $"{p.Phase} {p.Time.TotalMilliseconds:F0} ms"))})";
}
