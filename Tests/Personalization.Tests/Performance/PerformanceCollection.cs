namespace Personalization.Tests.Performance;

/// <summary>
/// The perf harness's smoke test runs alone, after the parallel collections: it starts a silo process, Redis, Azurite
/// and an in-process durable silo, and on a 2-core machine that load would starve the fault and outage tests running
/// beside it (and they it).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PerformanceCollection
{
    public const string Name = "performance";
}
