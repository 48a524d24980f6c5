namespace Personalization.Bench.Perf;

/// <summary>Recommend latency with <see cref="Tracks"/> tracks in the cluster-wide model (and how long teaching them took).</summary>
public sealed record CatalogReading(int Tracks, LoadResult Result, double SeedSeconds, long HeapBytes);
