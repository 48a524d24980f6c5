namespace Personalization.Engine.Model;

/// <summary>One stored piece of a checkpoint: a key within its scope (e.g. a bucket of a model shard) and its bytes.</summary>
public sealed record CheckpointItem(string Key, byte[] Data);
