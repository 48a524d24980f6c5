using Personalization.Abstractions;
using Personalization.Bench.Perf;
using Personalization.Bench.Restore;
using Personalization.Engine.Load;

namespace Personalization.Bench.Scale;

/// <summary>
/// The listeners of `Bench -- scale-ingest` and what they play, through <see cref="IUserGrain.RecordAsync"/>: one
/// sequence of events shared by every caller, event i for listener i mod <c>listeners</c> (so a listener's events come
/// one at a time and in order), each a completed track drawn from a Zipf(1) catalogue. A listener's steps are timed as
/// the harness's histories are (<see cref="LoadCatalog.StepOffsetMs"/>: sessions of tracks a track's length apart), from
/// <see cref="History"/> ago: at a person's pace, so every step teaches the model (its play, and its transitions from
/// the session's earlier tracks).
/// </summary>
public sealed class IngestListeners
{
    /// <summary>How far back the listeners' event time starts (room for 20 steps a day).</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(30);

    private readonly IClusterClient _client;
    private readonly string _prefix;
    private readonly int _listeners;
    private readonly ZipfTracks _zipf;
    private readonly Random[] _random;
    private readonly long _startMs = (DateTimeOffset.UtcNow - History).ToUnixTimeMilliseconds();
    private long _next = -1;
    private long _applied;

    public IngestListeners(IClusterClient client, string prefix, int listeners, int tracks, int callers)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentOutOfRangeException.ThrowIfLessThan(listeners, 1);
        _client = client;
        _prefix = prefix;
        _listeners = listeners;
        _zipf = new ZipfTracks(tracks);
        _random = [.. Enumerable.Range(0, callers).Select(c => new Random(19_000 + c))];
    }

    /// <summary>Events the user grains applied (not duplicates) since the last call.</summary>
    public long TakeApplied() => Interlocked.Exchange(ref _applied, 0);

    /// <summary>The next listener's next completed track.</summary>
    public LoadRunner.Operation Complete() => async (caller, _) =>
    {
        var i = Interlocked.Increment(ref _next);
        var listener = (int)(i % _listeners);
        var step = i / _listeners;
        var at = DateTimeOffset.FromUnixTimeMilliseconds(_startMs + LoadCatalog.StepOffsetMs(step));
        if (at > DateTimeOffset.UtcNow) throw new InvalidOperationException($"scale-ingest: listener steps ran past now at step {step}; run with more listeners.");
        var e = LoadEvents.Complete($"{_prefix}-{listener}-{step}", _zipf.Next(_random[caller]), at);
        var result = await _client.GetGrain<IUserGrain>(LoadCatalog.UserId(_prefix, listener)).RecordAsync(e);
        Interlocked.Add(ref _applied, result.Applied);
    };
}
