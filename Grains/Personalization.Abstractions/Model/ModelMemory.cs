namespace Personalization.Abstractions.Model;

/// <summary>
/// What the shared model holds on one silo: its read model (every recommendation reads it) and the model shards the
/// silo hosts (their learners are capped per shard by <c>Personalization:Engine:MaxLearnerTracks</c> and
/// <c>MaxLearnerArtists</c>; beyond a cap the coldest keys are evicted). Bytes are estimates.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ModelMemory.v1")]
public sealed record ModelMemory(
    [property: Id(0)] int ReadModelSourceTracks,
    [property: Id(1)] long ReadModelBytes,
    [property: Id(2)] long ShardTracks,
    [property: Id(3)] long ShardArtists,
    [property: Id(4)] long TrackEvictions,
    [property: Id(5)] long ArtistEvictions,
    [property: Id(6)] long ShardBytes,
    [property: Id(7)] bool Restored,
    [property: Id(8)] double? CheckpointAgeSeconds);
