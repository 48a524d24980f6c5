namespace Personalization.Client.Http;

/// <summary>A batch upsert: <c>{"tracks": [track, ...]}</c>.</summary>
public sealed class CatalogBatchBody
{
    public List<CatalogTrackBody?>? Tracks { get; set; }
}
