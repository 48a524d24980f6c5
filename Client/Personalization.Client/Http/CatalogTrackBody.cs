using Personalization.Abstractions.Catalog;

namespace Personalization.Client.Http;

/// <summary>A catalogue track as JSON (the HTTP API's body and a line of a catalogue import file).</summary>
public sealed class CatalogTrackBody
{
    public string? TrackId { get; set; }
    public List<CatalogArtistBody?>? Artists { get; set; }
    public string? Album { get; set; }
    public int? DurationMs { get; set; }
    public DateOnly? ReleaseDate { get; set; }
    public List<string>? Markets { get; set; }
    public bool Explicit { get; set; }
    public List<string>? Genres { get; set; }

    public CatalogEntry ToEntry(string? trackId = null) => new(
        trackId ?? TrackId ?? "",
        Artists?.Select(a => new CatalogArtist(a?.Id ?? "", a?.Name)).ToArray() ?? [],
        Markets?.ToArray() ?? [],
        Explicit,
        Album,
        DurationMs,
        ReleaseDate,
        Genres?.ToArray());
}
