namespace Personalization.Tests.Cluster;

/// <summary>The silo key of a probe's activation and a number only that activation has.</summary>
[GenerateSerializer, Immutable, Alias("pzn.test.ShardProbeAnswer")]
public sealed record ShardProbeAnswer([property: Id(0)] string Silo, [property: Id(1)] Guid Activation);
