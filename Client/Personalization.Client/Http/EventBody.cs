using System.Text.Json.Serialization;

namespace Personalization.Client.Http;

/// <summary>JSON shape of one event over HTTP. Every field is nullable so that a missing field is reported by name.</summary>
public sealed class EventBody
{
    public string? EventId { get; set; }
    public string? TrackId { get; set; }
    public string? ArtistId { get; set; }

    /// <summary>play, complete, skip, like, dislike or save.</summary>
    public string? Kind { get; set; }

    /// <summary>When it happened (ISO 8601); the time of receipt when omitted.</summary>
    public DateTimeOffset? Timestamp { get; set; }

    public int? PositionMs { get; set; }
    public int? DurationMs { get; set; }
    public ContextBody? Context { get; set; }

    [JsonExtensionData]
    public Dictionary<string, object>? Unknown { get; set; }
}
