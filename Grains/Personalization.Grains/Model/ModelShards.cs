namespace Personalization.Grains.Model;

/// <summary>
/// Which model shard owns a track: its plays, its artist entry and every transition out of it. One stable hash, so
/// every silo, the feed, the shards forwarding transitions and the benches route a track alike.
/// </summary>
public static class ModelShards
{
    public static int Of(string track, int shards) => (int)(Engine.StableHash.Of(track) % (ulong)shards);
}
