namespace Personalization.Client.Http;

/// <summary>An artist of a catalogue track as JSON: <c>{"id": "a1", "name": "Anna"}</c>.</summary>
public sealed class CatalogArtistBody
{
    public string? Id { get; set; }
    public string? Name { get; set; }
}
