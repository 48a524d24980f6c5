using System.Collections;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Personalization.Client.Operations;

namespace Personalization.Tests.Operations;

/// <summary>
/// The production trace pipeline (<see cref="Telemetry.AddPersonalizationTracing"/>, every trace sampled) with the
/// in-memory exporter instead of OTLP. The listener is process-wide, so tests pick their own trace by the trace id
/// they send in a <c>traceparent</c> header. Thread-safe: spans end on many threads while a test reads them.
/// </summary>
public sealed class SpanCollection : ICollection<Activity>, IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<Activity> _spans = [];
    private readonly TracerProvider _provider;

    public SpanCollection() =>
        _provider = Sdk.CreateTracerProviderBuilder()
            .AddPersonalizationTracing(new TracingOptions { SamplingRatio = 1, IdHashKey = "trace-tests" })
            .AddInMemoryExporter(this)
            .Build()!;

    /// <summary>A sampled W3C <c>traceparent</c> of a new trace, and that trace's id.</summary>
    public static (string Header, ActivityTraceId TraceId) NewTraceParent()
    {
        var trace = ActivityTraceId.CreateRandom();
        return ($"00-{trace.ToHexString()}-{ActivitySpanId.CreateRandom().ToHexString()}-01", trace);
    }

    /// <summary>The spans of one trace, once <paramref name="complete"/> holds for them (polled, bounded by 10 s).</summary>
    public async Task<IReadOnlyList<Activity>> TraceAsync(ActivityTraceId traceId, Func<IReadOnlyList<Activity>, bool> complete)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            IReadOnlyList<Activity> spans;
            lock (_lock) spans = [.. _spans.Where(s => s.TraceId == traceId)];
            if (complete(spans) || DateTime.UtcNow > deadline) return spans;
            await Task.Delay(20);
        }
    }

    public void Dispose() => _provider.Dispose();

    public int Count
    {
        get
        {
            lock (_lock) return _spans.Count;
        }
    }

    public bool IsReadOnly => false;

    public void Add(Activity item)
    {
        lock (_lock) _spans.Add(item);
    }

    public void Clear()
    {
        lock (_lock) _spans.Clear();
    }

    public bool Contains(Activity item)
    {
        lock (_lock) return _spans.Contains(item);
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (_lock) _spans.CopyTo(array, arrayIndex);
    }

    public bool Remove(Activity item)
    {
        lock (_lock) return _spans.Remove(item);
    }

    public IEnumerator<Activity> GetEnumerator()
    {
        lock (_lock) return _spans.ToList().GetEnumerator();
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
