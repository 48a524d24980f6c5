namespace Personalization.Abstractions.Model;

/// <summary>
/// What one listening step teaches the shared model, with external ids (crosses silos). <see cref="Listener"/> is a
/// stable hash of the listener (0: a trusted source, admitted at once); an empty predecessor teaches no transition;
/// <see cref="PlayAlreadyCounted"/> says the listener's play of the track already counted in its window.
/// <see cref="TransitionOnly"/>: a record a track's shard forwards to the shard of its predecessors (every non-empty one
/// is owned there): it teaches those transitions only, the track's play was learned (and admitted) by its own shard.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ObservationRecord.v1")]
public sealed record ObservationRecord(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] long TimeMs,
    [property: Id(3)] float Weight,
    [property: Id(4)] string[] Predecessors,
    [property: Id(5)] ulong Listener = 0,
    [property: Id(6)] bool PlayAlreadyCounted = false,
    [property: Id(7)] bool TransitionOnly = false);
