using Personalization.Bench.Baselines;
using Personalization.Engine.SessionLogs;

namespace Personalization.Bench.Evaluation;

/// <summary>
/// Replays each slice independently: a fresh catalog, fresh baselines and a fresh engine (a new silo) per slice, all
/// driven by one <see cref="ReplayRunner"/> so every model sees the same events and queries. An optional second engine
/// (<c>startExplorer</c>: exploration on) runs in the same replay. With <c>catalogFromEvents</c>, every track of the
/// slice is first given to the engines as their catalogue (<see cref="ICatalogAware"/>), as a service's catalogue would
/// list every track it can play: the model admits them at once instead of waiting for enough distinct listeners.
/// </summary>
public sealed class Evaluator(
    ReplayRunner runner, Func<string, Task<ISequenceModel>> startEngine, Func<string, Task<ISequenceModel>>? startExplorer = null, bool catalogFromEvents = false)
{
    public static IReadOnlyList<ISequenceModel> Baselines(TrackCatalog catalog) =>
    [
        new MostPopular(catalog),
        new SequentialRules(catalog),
        new SessionArtistPopular(catalog),
    ];

    public async Task<SliceResult> EvaluateAsync(Slice slice, int sliceIndex, IProgress<double>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var catalog = new TrackCatalog();
        var models = new List<ISequenceModel>(Baselines(catalog)) { await startEngine($"s{sliceIndex}") };
        if (startExplorer is not null) models.Add(await startExplorer($"s{sliceIndex}"));
        try
        {
            if (catalogFromEvents)
            {
                var tracks = slice.Events.DistinctBy(e => e.ItemId, StringComparer.Ordinal).Select(e => (e.ItemId, e.ArtistId)).ToList();
                foreach (var model in models.OfType<ICatalogAware>()) await model.AdmitAsync(tracks);
            }

            return await runner.RunAsync(slice, catalog, models, progress);
        }
        finally
        {
            foreach (var m in models) await m.DisposeAsync();
        }
    }
}
