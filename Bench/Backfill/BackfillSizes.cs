namespace Personalization.Bench.Backfill;

/// <summary>
/// How big <c>Bench -- backfill</c> runs: the model's tracks, the <c>ingest</c> scenario's users and windows (as the perf
/// harness measures it, at <see cref="Concurrency"/> callers), and the listeners of each imported history shape.
/// </summary>
public sealed record BackfillSizes
{
    /// <summary>Tracks the model learns first (the imported plays and the ingest events play these).</summary>
    public int Tracks { get; init; } = 50_000;

    /// <summary>Users of the <c>ingest</c> scenario: activated by one event each, then sent events while warm.</summary>
    public int IngestUsers { get; init; } = 20_000;

    /// <summary>Closed-loop callers of <c>ingest</c> (the perf harness's headline concurrency).</summary>
    public int Concurrency { get; init; } = 64;

    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>
    /// The imported histories: listeners × rows per listener, each a fresh set of (cold) listeners; 300,000 rows each,
    /// so that an import lasts several seconds in memory mode (a GC or a model refresh then weighs little).
    /// </summary>
    public IReadOnlyList<HistoryShape> Shapes { get; init; } = [new(12_000, 25), new(1_500, 200)];

    public static BackfillSizes Full { get; } = new();

    /// <summary>
    /// For Azure mode: a first event costs a snapshot read and a journal append on Azurite (tens per second on this
    /// machine), so <c>ingest</c> activates a tenth of the users; an import runs at thousands of events/s, so each
    /// shape has a third of the listeners (its rows per listener unchanged).
    /// </summary>
    public BackfillSizes ForAzure() => this with
    {
        IngestUsers = Math.Min(IngestUsers, Math.Max(300, IngestUsers / 10)),
        Shapes = [.. Shapes.Select(s => s with { Listeners = Math.Max(1, s.Listeners / 3) })],
    };

    /// <summary>The smoke run: every step at a size that takes seconds.</summary>
    public static BackfillSizes Quick { get; } = new()
    {
        Tracks = 5_000,
        IngestUsers = 1_000,
        Warmup = TimeSpan.FromSeconds(0.5),
        Duration = TimeSpan.FromSeconds(1),
        Shapes = [new(200, 25), new(25, 200)],
    };
}
