namespace Personalization.Abstractions.Model;

/// <summary>
/// What a model shard changed after a given version: the current lists of every key that changed, the track → artist
/// pairs it learned, and its trending and popularity lists (null when unchanged). Every name is written once, in
/// <see cref="Names"/>; the lists and pairs refer to it by index (<see cref="ModelLists"/>), so a pull of thousands of
/// lists that share their tracks sends and resolves each track's name once. <see cref="TrackArtistPairs"/> holds
/// (track, artist) index pairs, artist -1 for a track its shard evicted. <see cref="Trending"/> and
/// <see cref="Popular"/> are one list each (key -1). <see cref="Version"/> is where the next pull starts;
/// <see cref="HasMore"/> says a further pull is needed to catch up. <see cref="Epoch"/> names the shard's activation:
/// versions of another epoch mean nothing to it, so a reader that sees a new epoch (the shard was restored from its
/// checkpoint, e.g. after a restart) pulls it again from version 0. Only the head's successor lists are sent (a tail
/// source's list is sent empty: readers drop it); <see cref="HasTail"/> says the shard holds sources outside its head,
/// which a reader fetches on demand.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ModelChanges.v2")]
public sealed record ModelChanges(
    [property: Id(0)] long Version,
    [property: Id(1)] bool HasMore,
    [property: Id(2)] string[] Names,
    [property: Id(3)] ModelLists Successors,
    [property: Id(4)] ModelLists ArtistTops,
    [property: Id(5)] int[] TrackArtistPairs,
    [property: Id(6)] ModelLists? Trending,
    [property: Id(7)] long Epoch = 0,
    [property: Id(8)] ModelLists? Popular = null,
    [property: Id(9)] bool HasTail = false);
