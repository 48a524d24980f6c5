using System.Collections.Concurrent;
using System.Diagnostics;
using HdrHistogram;
using Personalization.Abstractions;
using Personalization.Engine.Load;

namespace Personalization.Bench.Scale;

/// <summary>
/// Head- and tail-anchored recommendation latency. Listeners each complete a few tracks (a session) of the head
/// (Zipf rank below <see cref="ScaleRun.HeadAnchorRanks"/>) or of the tail (rank from <see cref="ScaleRun.TailAnchorFrom"/>),
/// tracks that have successors in the model; then only the recommendation calls are timed, <see cref="ScaleRun.Callers"/>
/// at a time, every listener once per round, head and tail shuffled together. Warm-up listeners of both kinds (other
/// tracks) are asked first, not timed.
/// </summary>
public sealed class AnchoredLatency(IClusterClient client, ZipfSeed seed, ScaleRun run)
{
    private const long HighestMicroseconds = 60_000_000;
    private static readonly ListenContext Context = new("radio", "scale");
    private readonly Random _random = new(19);

    /// <summary>Creates the listeners (warm-up ones first) and plays their histories; returns them and the events the user grains applied.</summary>
    public async Task<(IReadOnlyList<AnchoredListener> Warmup, IReadOnlyList<AnchoredListener> Measured, long EventsApplied)> PrepareAsync(string prefix)
    {
        long applied = 0;
        var sizes = run.Sizes;
        var warmup = Listeners(prefix + "w", sizes.WarmupListenersPerKind);
        var measured = Listeners(prefix + "m", sizes.ListenersPerKind);
        var now = DateTimeOffset.UtcNow;
        await ForEachAsync(warmup.Concat(measured).ToList(), async listener =>
        {
            var events = listener.Tracks.Select((track, i) => new ListenEvent(
                $"{listener.UserId}-{i}", LoadCatalog.TrackId(track), LoadCatalog.ArtistId(track), EventKind.Complete,
                now.AddSeconds(-200.0 * (listener.Tracks.Length - i)), (int)LoadCatalog.StepMs, (int)LoadCatalog.StepMs, Context)).ToList();
            var result = await client.GetGrain<IUserGrain>(listener.UserId).RecordBatchAsync(events);
            Interlocked.Add(ref applied, result.Applied);
        });
        return (warmup, measured, applied);
    }

    /// <summary>
    /// Asks every warm-up listener three times, and again until <see cref="ScaleSizes.WarmupSeconds"/> passed (JIT tiers,
    /// connections, activations), not timed.
    /// </summary>
    public async Task WarmUpAsync(IReadOnlyList<AnchoredListener> warmup)
    {
        var clock = Stopwatch.StartNew();
        await ForEachAsync([.. Enumerable.Repeat(warmup, 3).SelectMany(l => l)], l => RecommendAsync(l.UserId));
        while (clock.Elapsed.TotalSeconds < run.Sizes.WarmupSeconds) await ForEachAsync([.. warmup], l => RecommendAsync(l.UserId));
    }

    public async Task<AnchoredLatencyResult> MeasureAsync(IReadOnlyList<AnchoredListener> measured)
    {
        ArgumentNullException.ThrowIfNull(measured);
        var work = new ConcurrentQueue<(AnchoredListener Listener, int Round)>();
        for (var round = 0; round < run.Sizes.Rounds; round++)
        {
            foreach (var listener in measured.OrderBy(_ => _random.Next())) work.Enqueue((listener, round));
        }

        var histograms = Enumerable.Range(0, run.Callers).Select(_ => new Kinds()).ToArray();
        long failed = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(histograms.Select(async kinds =>
        {
            await Task.Yield();
            while (work.TryDequeue(out var item))
            {
                var started = Stopwatch.GetTimestamp();
                RecommendationList list;
                try
                {
                    list = await RecommendAsync(item.Listener.UserId);
                }
                catch (Exception ex) when (ex is TimeoutException or OrleansException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                    continue;
                }

                var micros = Math.Clamp((long)Stopwatch.GetElapsedTime(started).TotalMicroseconds, 1, HighestMicroseconds);
                kinds.Record(item.Listener.Tail, item.Round == 0, micros, list.Items.Count);
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var total = measured.Count * (long)run.Sizes.Rounds;
        if (failed > Math.Max(10, total / 100)) throw new InvalidOperationException($"scale: {failed} of {total} recommendation calls failed.");
        var merged = new Kinds();
        foreach (var kinds in histograms) merged.Add(kinds);
        return new AnchoredLatencyResult(run.Callers, merged.Head.Reading(), merged.Tail.Reading(), merged.TailFirst.Reading(), seconds, failed);
    }

    private Task<RecommendationList> RecommendAsync(string userId) => client.GetGrain<IUserGrain>(userId).RecommendAsync(new RecommendRequest(10));

    private List<AnchoredListener> Listeners(string prefix, int perKind)
    {
        var listeners = new List<AnchoredListener>(2 * perKind);
        for (var n = 0; n < perKind; n++)
        {
            listeners.Add(new AnchoredListener(LoadCatalog.UserId(prefix + "h", n), false, Anchors(0, run.HeadAnchorRanks)));
            listeners.Add(new AnchoredListener(LoadCatalog.UserId(prefix + "t", n), true, Anchors(run.TailAnchorFrom, run.Sizes.Tracks)));
        }

        return listeners;
    }

    /// <summary>Tracks of rank [from, to) that have successors in the model (a few draws each; ranks near the top always do).</summary>
    private int[] Anchors(int from, int to)
    {
        var tracks = new int[run.Sizes.EventsPerListener];
        for (var i = 0; i < tracks.Length; i++)
        {
            var track = _random.Next(from, to);
            for (var attempt = 0; attempt < 1000 && !seed.IsSource(track); attempt++) track = _random.Next(from, to);
            tracks[i] = track;
        }

        return tracks;
    }

    private Task ForEachAsync(List<AnchoredListener> items, Func<AnchoredListener, Task> call)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, run.Callers).Select(async _ =>
        {
            await Task.Yield();
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next)) await call(items[i]);
        }));
    }

    /// <summary>One caller's histograms (µs, 3 digits) and item counts, by kind of request.</summary>
    private sealed class Kinds
    {
        public Kind Head { get; } = new();

        public Kind Tail { get; } = new();

        public Kind TailFirst { get; } = new();

        public void Record(bool tail, bool firstRound, long micros, int items)
        {
            (tail ? Tail : Head).Record(micros, items);
            if (tail && firstRound) TailFirst.Record(micros, items);
        }

        public void Add(Kinds other)
        {
            Head.Add(other.Head);
            Tail.Add(other.Tail);
            TailFirst.Add(other.TailFirst);
        }
    }

    private sealed class Kind
    {
        private readonly LongHistogram _histogram = new(HighestMicroseconds, 3);
        private long _items;

        public void Record(long micros, int items)
        {
            _histogram.RecordValue(micros);
            _items += items;
        }

        public void Add(Kind other)
        {
            _histogram.Add(other._histogram);
            _items += other._items;
        }

        public LatencyReading Reading()
        {
            var calls = _histogram.TotalCount;
            double Ms(double percentile) => calls == 0 ? 0 : _histogram.GetValueAtPercentile(percentile) / 1000.0;
            return new LatencyReading(calls, Ms(50), Ms(99), calls == 0 ? 0 : _histogram.GetMaxValue() / 1000.0, calls == 0 ? 0 : (double)_items / calls);
        }
    }
}
