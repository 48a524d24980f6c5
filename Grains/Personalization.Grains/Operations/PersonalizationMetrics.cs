using System.Diagnostics.Metrics;
using Personalization.Abstractions;
using Personalization.Grains.Model;

namespace Personalization.Grains.Operations;

/// <summary>
/// The project's own meter, <c>Personalization</c> (exported next to Orleans' <c>Microsoft.Orleans</c> meter).
/// Tags never carry a user id: only bounded values (event kind, outcome).
/// </summary>
public sealed class PersonalizationMetrics
{
    public const string MeterName = MeterNames.Personalization;

    private readonly Counter<long> _eventsIngested;
    private readonly Histogram<double> _recommendationDuration;
    private readonly Histogram<double> _storageWriteDuration;
    private readonly UpDownCounter<long> _activeUsers;

    public PersonalizationMetrics(IMeterFactory meterFactory, IModelPipeline pipeline, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>(
            "personalization.events.ingested", "{event}", "Listening events accepted by user grains (after validation).");
        _recommendationDuration = meter.CreateHistogram<double>(
            "personalization.recommendation.duration", "s", "Time a user grain takes to answer a recommendation request.");
        _storageWriteDuration = meter.CreateHistogram<double>(
            "personalization.storage.write.duration", "s", "Time a journal append takes until its durable commit.");
        _activeUsers = meter.CreateUpDownCounter<long>(
            "personalization.users.active", "{user}", "User grains active on this silo (activations minus deactivations).");
        meter.CreateObservableGauge(
            "personalization.model.staleness", () => StalenessSeconds(pipeline, clock), "s",
            "Seconds since this silo's read model was last refreshed from the model shards.");
    }

    public void EventsIngested(int count, string outcome) =>
        _eventsIngested.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecommendationServed(TimeSpan elapsed, string outcome) =>
        _recommendationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void StorageWrite(TimeSpan elapsed, string outcome) =>
        _storageWriteDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void UserActivated() => _activeUsers.Add(1);

    public void UserDeactivated() => _activeUsers.Add(-1);

    /// <summary>Seconds since the last refresh; nothing while the model was never refreshed (no sample, not a fake 0).</summary>
    private static IEnumerable<Measurement<double>> StalenessSeconds(IModelPipeline pipeline, TimeProvider clock)
    {
        if (pipeline.LastRefreshed is not { } refreshed) yield break;
        yield return new Measurement<double>(Math.Max(0, (clock.GetUtcNow() - refreshed).TotalSeconds));
    }
}
