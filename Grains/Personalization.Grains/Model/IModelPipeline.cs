namespace Personalization.Grains.Model;

/// <summary>The silo's model pipeline: takes observations and keeps the read model fresh.</summary>
public interface IModelPipeline : IModelFeed
{
    /// <summary>Observations handed over so far on this silo.</summary>
    long Published { get; }

    /// <summary>Observations learned into the read model so far on this silo.</summary>
    long Applied { get; }

    /// <summary>Observations dropped because the queue was full (the event itself was still recorded).</summary>
    long Dropped { get; }

    /// <summary>Completes when everything published before the call is visible to recommendations on this silo.</summary>
    Task FlushAsync(CancellationToken cancellationToken = default);
}
