namespace Personalization.Abstractions;

/// <summary>
/// One raw event as the journal stores it (privacy export, <see cref="UserExport.JournalTail"/>): every field, the event id,
/// position, duration and context included. <see cref="Kind"/> is the API's name (<c>play</c>, <c>skip</c>, ...).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.ExportedEvent.v1")]
public sealed record ExportedEvent(
    [property: Id(0)] string EventId,
    [property: Id(1)] string TrackId,
    [property: Id(2)] string ArtistId,
    [property: Id(3)] string Kind,
    [property: Id(4)] DateTimeOffset Timestamp,
    [property: Id(5)] int? PositionMs,
    [property: Id(6)] int? DurationMs,
    [property: Id(7)] string? Source,
    [property: Id(8)] string? Device)
{
    /// <summary>The export's form of a stored event.</summary>
    public static ExportedEvent Of(ListenEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var kind = e.Kind.ToString();
        return new(e.EventId, e.TrackId, e.ArtistId, char.ToLowerInvariant(kind[0]) + kind[1..], e.Timestamp, e.PositionMs, e.DurationMs, e.Context?.Source, e.Context?.Device);
    }
}
