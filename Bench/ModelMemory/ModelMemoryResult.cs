namespace Personalization.Bench.ModelMemory;

/// <summary>Measured heap bytes of each part of the shared model, and what the metrics estimate for the same parts.</summary>
public sealed record ModelMemoryResult(
    int Tracks,
    int Shards,
    long Observations,
    long LearnerTracks,
    int ReadModelTracks,
    long VocabularyBytes,
    long LearnerBytes,
    long PublishedBytes,
    long ReadModelBytes,
    long LearnerEstimate,
    long PublishedEstimate,
    long ReadModelEstimate,
    int MaxLearnerTracks);
