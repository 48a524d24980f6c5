namespace Personalization.Bench.Scale;

/// <summary>
/// One `Bench -- scale-ingest` run: its sizes, the closed loop's concurrent callers, and configuration overrides passed
/// to every silo (<c>Section:Key</c>).
/// </summary>
public sealed record IngestRun(IngestSizes Sizes, int Callers, IReadOnlyDictionary<string, string?> Settings, bool Quick)
{
    /// <summary>The clusters measured one after the other: one silo process, then three.</summary>
    public static IReadOnlyList<int> SiloCounts { get; } = [1, 3];

    /// <summary>Model shards the silos run (<c>Personalization:Model:Shards</c>, default 8).</summary>
    public int Shards => ScaleRun.ShardsOf(Settings);
}
