namespace Personalization.Grains.Model;

/// <summary>The silo's model pipeline: takes observations and keeps the read model fresh.</summary>
public interface IModelPipeline : IModelFeed
{
    /// <summary>Observations handed over so far on this silo.</summary>
    long Published { get; }

    /// <summary>Observations of this silo learned by the model shards so far.</summary>
    long Applied { get; }

    /// <summary>Observations dropped because the queue was full (the event itself was still recorded).</summary>
    long Dropped { get; }

    /// <summary>Estimated bytes of the per-shard partial lists this silo merges into its read model.</summary>
    long MergerEstimatedBytes { get; }

    /// <summary>The shard that owns a track (its play, its artist entry, and the transitions out of it).</summary>
    int ShardOf(string track);

    /// <summary>Whether the shard holds sources outside its head, as of the last pull (their lists are read on demand).</summary>
    bool HasTail(int shard);

    /// <summary>Whether any shard has a tail (<see cref="HasTail"/>), as of the last pull.</summary>
    bool AnyTail { get; }

    /// <summary>When this silo's read model last caught up with every shard (staleness = now − this).</summary>
    DateTimeOffset? LastRefreshed { get; }

    /// <summary>Completes when everything published on this silo before the call has been learned by the shards.</summary>
    Task PushAsync(CancellationToken cancellationToken = default);

    /// <summary>Pulls every shard's changes into this silo's read model until caught up.</summary>
    Task RefreshAsync(CancellationToken cancellationToken = default);

    /// <summary>Admits tracks a trusted source vouches for (a catalogue load) in the shards that own them.</summary>
    Task AdmitAsync(IReadOnlyList<Abstractions.Model.CatalogTrack> tracks, CancellationToken cancellationToken = default);

    /// <summary>Push, then refresh: everything published on this silo before the call is visible to its recommendations.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
