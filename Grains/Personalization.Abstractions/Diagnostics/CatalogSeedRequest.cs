namespace Personalization.Abstractions.Diagnostics;

/// <summary>Synthetic catalog tracks [FirstTrack, FirstTrack + Tracks) learned by the model as of <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("pzn.CatalogSeedRequest.v1")]
public sealed record CatalogSeedRequest(
    [property: Id(0)] int FirstTrack,
    [property: Id(1)] int Tracks,
    [property: Id(2)] DateTimeOffset At);
