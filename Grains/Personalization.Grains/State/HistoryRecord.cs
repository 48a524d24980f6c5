namespace Personalization.Grains.State;

/// <summary>Stored form of one history step. Kind and flags use the engine's stable numeric values.</summary>
[GenerateSerializer, Immutable, Alias("pzn.HistoryRecord.v1")]
public sealed record HistoryRecord(
    [property: Id(0)] string TrackId,
    [property: Id(1)] string ArtistId,
    [property: Id(2)] long TimeMs,
    [property: Id(3)] byte Kind,
    [property: Id(4)] byte Flags);
