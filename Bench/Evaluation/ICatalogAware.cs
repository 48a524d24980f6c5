namespace Personalization.Bench.Evaluation;

/// <summary>A model that can be told which tracks exist before the replay (a service's catalogue), with their artists.</summary>
public interface ICatalogAware
{
    ValueTask AdmitAsync(IReadOnlyList<(string TrackId, string ArtistId)> tracks);
}
