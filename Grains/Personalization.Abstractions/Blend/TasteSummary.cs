namespace Personalization.Abstractions.Blend;

/// <summary>
/// A bounded view of a member's taste for a Blend: their own ranked candidates (with reasons), favourite artists, and
/// what they reject (disliked artists, blocked tracks), at <see cref="Sequence"/> / <see cref="LastEventAt"/>.
/// <see cref="Unchanged"/>: the state is still at the version the caller already holds and the lists are empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.TasteSummary.v1")]
public sealed record TasteSummary(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] bool Unchanged,
    [property: Id(3)] IReadOnlyList<Recommendation> Candidates,
    [property: Id(4)] IReadOnlyList<string> FavoriteArtists,
    [property: Id(5)] IReadOnlyList<string> DislikedArtists,
    [property: Id(6)] IReadOnlyList<string> BlockedTracks,
    [property: Id(7)] DateTimeOffset? LastEventAt);
