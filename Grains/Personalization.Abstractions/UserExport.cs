namespace Personalization.Abstractions;

/// <summary>
/// Everything stored about one listener (privacy export): the full history kept, every affinity with the instant its
/// weight was stamped, blocked tracks, counters, reward statistics, the hashes of the event ids remembered for deduplication, and the
/// sequence, built from the same snapshot the grain persists; and <see cref="JournalTail"/>, the raw events the journal
/// holds after that snapshot (event ids, positions, durations, context included), so nothing stored is left out.
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.UserExport.v1")]
public sealed record UserExport(
    [property: Id(0)] string UserId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset? LastEventAt,
    [property: Id(3)] IReadOnlyList<ExportedStep> History,
    [property: Id(4)] IReadOnlyList<ExportedAffinity> ArtistAffinities,
    [property: Id(5)] IReadOnlyList<ExportedAffinity> TrackAffinities,
    [property: Id(6)] IReadOnlyList<string> BlockedTracks,
    [property: Id(7)] ProfileCounters Counters,
    [property: Id(8)] IReadOnlyList<string> RememberedEventIdHashes,
    [property: Id(9)] RewardSummary? Rewards = null,
    [property: Id(10)] IReadOnlyList<ExportedEvent>? JournalTail = null);
