using Microsoft.Extensions.Options;
using Personalization.Abstractions;
using Personalization.Abstractions.Catalog;
using Personalization.Engine;
using Personalization.Engine.Catalog;

namespace Personalization.Grains.Catalog;

/// <summary>
/// The catalogue's part of a request, on this silo: the gate for a request's market and explicit rule, and Strict
/// mode's check that every event names a track the catalogue knows.
/// </summary>
public sealed class CatalogRules(CatalogCache cache, Vocabulary names, IOptions<CatalogOptions> options)
{
    private readonly CatalogReleases _releases = new(cache.Index, names, options.Value.NewReleaseWindow);

    public CatalogIndex Index => cache.Index;

    /// <summary>Waits (bounded by <see cref="CatalogOptions.FirstLoadWait"/>) until this silo's cache has the whole catalogue once; a grain awaits it when it activates.</summary>
    public ValueTask WhenLoadedAsync(CancellationToken cancellationToken) => cache.WhenLoadedAsync(options.Value.FirstLoadWait, cancellationToken);

    public CatalogGate Gate(string? market, bool? allowExplicit) => new(cache.Index, market, allowExplicit ?? true);

    /// <summary>The rules of a recommendation request: its catalogue gate and its seed (when the seed is a known track).</summary>
    public ServeRules For(RecommendRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var seed = request.Seed is { } s && names.TryGetId(s, out var id) ? id : -1;
        return new ServeRules(Gate(request.Market, request.Explicit), seed, _releases);
    }

    /// <summary>In Strict mode, throws <see cref="CatalogRefusedException"/> naming every event whose track the catalogue does not know.</summary>
    public void ThrowIfUnknown(IReadOnlyList<ListenEvent> events, bool singleEvent)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!options.Value.Strict) return;
        var errors = new List<FieldError>();
        for (var i = 0; i < events.Count; i++)
        {
            if (!cache.Index.Knows(events[i].TrackId))
            {
                errors.Add(new FieldError(singleEvent ? "event.trackId" : $"events[{i}].trackId", $"'{events[i].TrackId}' is not in the catalogue (Catalog:Mode is Strict)."));
            }
        }

        if (errors.Count > 0) throw new CatalogRefusedException(errors);
    }
}
