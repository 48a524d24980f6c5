namespace Personalization.Abstractions.Model;

/// <summary>
/// What a model shard changed after a given version: the current lists of every key that changed, the track → artist
/// pairs it learned, and its trending and popularity lists (null when unchanged). <see cref="Version"/> is where the
/// next pull starts; <see cref="HasMore"/> says a further pull is needed to catch up. <see cref="Epoch"/> names the
/// shard's activation: versions of another epoch mean nothing to it, so a reader that sees a new epoch (the shard was
/// restored from its checkpoint, e.g. after a restart) pulls it again from version 0. Only the head's successor lists
/// are sent (a tail source's list is sent empty: readers drop it); <see cref="HasTail"/> says the shard holds sources
/// outside its head, which a reader fetches on demand.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ModelChanges.v1")]
public sealed record ModelChanges(
    [property: Id(0)] long Version,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] KeyedList[] Successors,
    [property: Id(3)] KeyedList[] ArtistTops,
    [property: Id(4)] string[] TrackArtistPairs,
    [property: Id(5)] KeyedList? Trending,
    [property: Id(6)] long Epoch = 0,
    [property: Id(7)] KeyedList? Popular = null,
    [property: Id(8)] bool HasTail = false);
