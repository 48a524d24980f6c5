using System.Diagnostics.Metrics;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Engine.Exploration;
using Personalization.Engine.Model;
using Personalization.Engine.Ranking;
using Personalization.Engine.Rewards;
using Personalization.Grains.Catalog;
using Personalization.Journal.Segments;
using Personalization.Grains.Model;
using Personalization.Grains.Model.Checkpoints;
using Personalization.Grains.Users;

namespace Personalization.Grains.Operations;

/// <summary>
/// The project's own meter, <c>Personalization</c> (exported next to Orleans' <c>Microsoft.Orleans</c> meter).
/// Tags never carry a user id: only bounded values (event kind, outcome, candidate source, context).
/// </summary>
public sealed class PersonalizationMetrics
{
    public const string MeterName = MeterNames.Personalization;

    private readonly Counter<long> _eventsIngested;
    private readonly Histogram<double> _recommendationDuration;
    private readonly Histogram<double> _storageWriteDuration;
    private readonly UpDownCounter<long> _activeUsers;
    private readonly Counter<long> _itemsServed;
    private readonly Counter<long> _outcomes;
    private readonly UpDownCounter<double> _reward;
    private readonly Histogram<int> _startedPosition;

    public PersonalizationMetrics(
        IMeterFactory meterFactory, IModelPipeline pipeline, TimeProvider clock, SourceArms arms, LocalJournalWriters journalWriters, LearnedRanker ranker,
        ModelCheckpointStatus checkpoints, LiveModel model, Vocabulary vocabulary, ModelAdmissionStatus admission, ModelMemoryStatus memory,
        CatalogCache catalog, ModelTail tail)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(tail);
        ArgumentNullException.ThrowIfNull(memory);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentNullException.ThrowIfNull(admission);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(journalWriters);
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _eventsIngested = meter.CreateCounter<long>(
            "personalization.events.ingested", "{event}", "Listening events accepted by user grains (after validation).");
        _recommendationDuration = meter.CreateHistogram(
            "personalization.recommendation.duration", "s", "Time a user grain takes to answer a recommendation request.", advice: LatencyBuckets);
        _storageWriteDuration = meter.CreateHistogram(
            "personalization.storage.write.duration", "s", "Time a journal append takes until its durable commit.", advice: LatencyBuckets);
        _activeUsers = meter.CreateUpDownCounter<long>(
            "personalization.users.active", "{user}", "User grains active on this silo (activations minus deactivations).");
        meter.CreateObservableGauge(
            "personalization.model.staleness", () => Since(pipeline.LastRefreshed, clock), "s",
            "Seconds since this silo's read model was last refreshed from the model shards.");
        meter.CreateObservableGauge(
            "personalization.model.restored", () => checkpoints.IsRestored ? 1 : 0, "{state}",
            "1 once this silo's read model and re-ranker are restored from their checkpoints (readiness waits for it, up to Personalization:Model:Checkpoint:MaxRestoreWait).");
        meter.CreateObservableGauge(
            "personalization.model.restore", () => checkpoints.RestoreSeconds is { } s ? [new Measurement<double>(s)] : Array.Empty<Measurement<double>>(), "s",
            "Seconds this silo took from start until its read model and re-ranker were restored.");
        meter.CreateObservableGauge(
            "personalization.model.checkpoint.age", checkpoints.OldestAgeSeconds, "s",
            "Age of the stalest checkpoint among the model parts this silo hosts (model shards, its re-ranker); a kill -9 loses at most this much learning.");
        meter.CreateObservableCounter(
            "personalization.model.checkpoint.transactions", () => checkpoints.Transactions, "{transaction}",
            "Storage transactions this silo's model checkpoints made (a batch counts once).");
        meter.CreateObservableCounter(
            "personalization.model.checkpoint.written", () => checkpoints.Bytes, "By",
            "Bytes of model checkpoints this silo wrote (compressed payload).");
        meter.CreateObservableGauge(
            "personalization.model.tracks", () => (long)model.TrackCount, "{track}",
            "Tracks this silo's read model knows (the model's keys: each with its artist, top-track and trending entries).");
        meter.CreateObservableGauge(
            "personalization.model.source_tracks", () => (long)model.SourceTrackCount, "{track}",
            "Tracks with learned successors in this silo's read model (transition keys).");
        meter.CreateObservableGauge<long>(
            "personalization.model.learner.keys",
            () => (Measurement<long>[])[new Measurement<long>(memory.Tracks, new KeyValuePair<string, object?>("kind", "track")),
                new Measurement<long>(memory.Artists, new KeyValuePair<string, object?>("kind", "artist"))],
            "{key}", "Keys the model shards on this silo hold, by kind (each shard at most Personalization:Engine:MaxLearnerTracks / MaxLearnerArtists).");
        meter.CreateObservableCounter<long>(
            "personalization.model.evictions",
            () => (Measurement<long>[])[new Measurement<long>(memory.TrackEvictions, new KeyValuePair<string, object?>("kind", "track")),
                new Measurement<long>(memory.ArtistEvictions, new KeyValuePair<string, object?>("kind", "artist"))],
            "{key}", "Coldest keys the model shards on this silo evicted to stay within their caps, by kind.");
        meter.CreateObservableGauge<long>(
            "personalization.model.memory.estimated",
            () => (Measurement<long>[])[new Measurement<long>(memory.EstimatedBytes, new KeyValuePair<string, object?>("part", "shards")),
                new Measurement<long>(model.EstimatedBytes + pipeline.MergerEstimatedBytes, new KeyValuePair<string, object?>("part", "read_model")),
                new Measurement<long>(tail.Cache.EstimatedBytes, new KeyValuePair<string, object?>("part", "tail_cache"))],
            "By", "Estimated bytes of the shared model on this silo, by part: the shards hosted here (learners and their published lists), the read model every recommendation reads (the head), and the cache of tail lists read on demand.");
        meter.CreateObservableCounter<long>(
            "personalization.model.tail.reads",
            () => (Measurement<long>[])[new Measurement<long>(tail.Cache.Hits, new KeyValuePair<string, object?>("result", "hit")),
                new Measurement<long>(tail.Cache.Misses, new KeyValuePair<string, object?>("result", "miss")),
                new Measurement<long>(tail.Failures, new KeyValuePair<string, object?>("result", "failed"))],
            "{read}", "Recommendation anchors in the model's tail (their successor lists are not replicated here), by result: hit (fresh in the tail cache), miss (read from its shard); failed counts shard reads that failed or timed out.");
        meter.CreateObservableGauge(
            "personalization.model.tail.cache.keys", () => (long)tail.Cache.Count, "{key}",
            "Tail successor lists this silo caches (at most Personalization:Model:TailCacheKeys).");
        meter.CreateObservableGauge<long>(
            "personalization.vocabulary.entries",
            () => (Measurement<long>[])[new Measurement<long>(vocabulary.AdmittedCount, new KeyValuePair<string, object?>("kind", "admitted")),
                new Measurement<long>(vocabulary.LeasedCount, new KeyValuePair<string, object?>("kind", "leased"))],
            "{id}", "Ids this silo's process interns, by kind: admitted (the model's, kept) and leased (named only by active listeners, reclaimed when they drop them).");
        meter.CreateObservableCounter(
            "personalization.vocabulary.reclaimed", () => vocabulary.Reclaimed, "{id}",
            "Leased ids reclaimed because no listener's state references them any more.");
        meter.CreateObservableGauge(
            "personalization.vocabulary.names", () => vocabulary.NameBytes, "By",
            "Bytes of the arena that holds this silo's admitted names as UTF-8 (it only grows, as admitted ids are kept).");
        meter.CreateObservableGauge(
            "personalization.model.admission.pending", () => admission.Pending, "{key}",
            "Tracks and transitions the model shards on this silo hold evidence for (64-bit hashes only), bounded by Personalization:Engine:MaxPendingAdmissions per shard and kind.");
        meter.CreateObservableCounter(
            "personalization.model.admission.admitted", () => admission.Admitted, "{key}",
            "Tracks and transitions admitted into the shared lists by enough distinct listeners (Personalization:Engine:AdmissionListeners), by the shard activations on this silo.");
        meter.CreateObservableCounter(
            "personalization.model.admission.forgotten", () => admission.Forgotten, "{key}",
            "Tracks and transitions whose evidence aged out before enough listeners vouched for them (a flood of fresh ids shows here).");
        meter.CreateObservableCounter(
            "personalization.model.redelivered", () => admission.RedeliveredObservations, "{observation}",
            "Observations the model shards on this silo received again in a batch they had learned (a silo stopped before its answer arrived, and the sender repeated it): skipped, not learned twice.");
        meter.CreateObservableCounter(
            "personalization.model.observations", () => ModelObservations(pipeline), "{observation}",
            "Observations this silo's model feed handled, by outcome: published (handed over), applied (learned by the model shards), dropped (queue full or a failed push: the model misses them, the events are still recorded).");
        meter.CreateObservableGauge(
            "personalization.catalog.staleness", () => Since(catalog.LastRefreshed, TimeProvider.System), "s", // the cache runs on real time (CatalogCache)
            "Seconds since this silo's catalogue cache last caught up with every catalogue partition (a takedown reaches this silo's lists within about this long).");
        meter.CreateObservableGauge(
            "personalization.catalog.tracks", () => (long)catalog.Index.Count, "{track}",
            "Tracks whose rules (markets, explicit, takedown, release) this silo's catalogue cache holds (at most Personalization:Catalog:MaxTracks).");
        _itemsServed = meter.CreateCounter<long>(
            "personalization.recommendations.items", "{item}", "Items served in recommendation lists, by candidate source and whether exploration placed them.");
        _outcomes = meter.CreateCounter<long>(
            "personalization.rewards.outcomes", "{outcome}", "Outcomes attributed to served items (started, completed, skipped_early, saved, liked, disliked) and listener returns (returned).");
        _reward = meter.CreateUpDownCounter<double>(
            "personalization.rewards.reward", "{reward}", "Reward earned by served items (1 completed/saved/liked, 0.5 started, 0 skipped early), by candidate source.");
        _startedPosition = meter.CreateHistogram<int>(
            "personalization.rewards.started_position", "{position}", "List position (0 = first) of served items the listener started.");
        meter.CreateObservableGauge(
            "personalization.journal.uncovered_entries",
            () => journalWriters.Statuses.Select(w => new Measurement<long>(w.Uncovered, new KeyValuePair<string, object?>("partition", w.Partition))),
            "{entry}", "Journal entries no snapshot covers yet, held by the journal partition writers on this silo (segment layout), by partition.");
        meter.CreateObservableGauge(
            "personalization.journal.segments",
            () => journalWriters.Statuses.Select(w => new Measurement<long>(w.Segments, new KeyValuePair<string, object?>("partition", w.Partition))),
            "{segment}", "Stored journal segments of the partition writers on this silo (segment layout), by partition.");
        meter.CreateObservableCounter(
            "personalization.ranker.examples", () => ranker.ExamplesSeen, "{example}",
            "Plays this silo turned into examples for its learned re-ranker (budgeted by Personalization:Ranker:ExamplesPerMinute).");
        meter.CreateObservableCounter(
            "personalization.ranker.models_trained", () => (long)ranker.ModelsTrained, "{model}",
            "Re-ranker models this silo trained (0: the engine's order is served as it is).");
        meter.CreateObservableGauge(
            "personalization.ranker.model_examples", () => (long)(ranker.Current?.Examples ?? 0), "{example}",
            "Examples the re-ranker model in service on this silo was trained on (0: none in service).");
        meter.CreateObservableGauge(
            "personalization.exploration.arm_mean", () => ArmMeans(arms), "{reward}",
            "Posterior mean reward per served item of each bandit arm (context, candidate source) on this silo.");
    }

    /// <summary>
    /// Bucket bounds of the latency histograms, in seconds (1 ms … 10 s). Without them the exporter's defaults (0, 5,
    /// 10, 25 … 10,000) put every call into the first bucket and a p99 cannot be read (OPERATIONS.md "SLOs").
    /// </summary>
    public static InstrumentAdvice<double> LatencyBuckets { get; } = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    };

    public void ItemServed(ReasonKind source, bool explored) =>
        _itemsServed.Add(1, new KeyValuePair<string, object?>("source", EventMapper.CodeOf(source)), new KeyValuePair<string, object?>("explored", explored));

    public void OutcomeAttributed(ReasonKind source, int position, ItemOutcome added, double rewardDelta)
    {
        foreach (var (flag, name) in OutcomeNames)
        {
            if ((added & flag) != 0) _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", name));
        }

        if ((added & ItemOutcome.Started) != 0) _startedPosition.Record(position);
        if (rewardDelta != 0) _reward.Add(rewardDelta, new KeyValuePair<string, object?>("source", EventMapper.CodeOf(source)));
    }

    public void ListenerReturned() => _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", "returned"));

    private static readonly (ItemOutcome Flag, string Name)[] OutcomeNames =
    [
        (ItemOutcome.Started, "started"), (ItemOutcome.Completed, "completed"), (ItemOutcome.SkippedEarly, "skipped_early"),
        (ItemOutcome.Saved, "saved"), (ItemOutcome.Liked, "liked"), (ItemOutcome.Disliked, "disliked"),
    ];

    private static IEnumerable<Measurement<double>> ArmMeans(SourceArms arms)
    {
        foreach (var arm in arms.All())
        {
            yield return new Measurement<double>(arm.Mean,
                new KeyValuePair<string, object?>("context", arm.Context == ListeningContext.InSession ? "in_session" : "no_session"),
                new KeyValuePair<string, object?>("source", EventMapper.CodeOf(arm.Source)));
        }
    }

    public void EventsIngested(int count, string outcome) =>
        _eventsIngested.Add(count, new KeyValuePair<string, object?>("outcome", outcome));

    public void RecommendationServed(TimeSpan elapsed, string outcome) =>
        _recommendationDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void StorageWrite(TimeSpan elapsed, string outcome) =>
        _storageWriteDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome));

    public void UserActivated() => _activeUsers.Add(1);

    public void UserDeactivated() => _activeUsers.Add(-1);

    private static IEnumerable<Measurement<long>> ModelObservations(IModelPipeline pipeline)
    {
        yield return new Measurement<long>(pipeline.Published, new KeyValuePair<string, object?>("outcome", "published"));
        yield return new Measurement<long>(pipeline.Applied, new KeyValuePair<string, object?>("outcome", "applied"));
        yield return new Measurement<long>(pipeline.Dropped, new KeyValuePair<string, object?>("outcome", "dropped"));
    }

    /// <summary>Seconds since <paramref name="moment"/>; nothing while it never happened (no sample, not a fake 0).</summary>
    private static IEnumerable<Measurement<double>> Since(DateTimeOffset? moment, TimeProvider clock)
    {
        if (moment is not { } at) yield break;
        yield return new Measurement<double>(Math.Max(0, (clock.GetUtcNow() - at).TotalSeconds));
    }
}
