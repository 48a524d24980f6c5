using Personalization.Abstractions.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// Which transitions of a shard's observations belong to other shards, gathered per batch. A transition lives in the
/// shard of its source track (so a track's whole successor list is in one place, and a silo reads a tail track's list
/// with one call). The observed track's shard decides on every transition into the track (it holds the evidence: the
/// listeners who vouched for the track and its transitions while it waited), learns its own sources' transitions, and
/// hands each other shard one record per observation with just that shard's admitted sources, at their positions (a
/// source's position sets its weight). Batches to a shard are numbered from a random sender id per activation, so the receiving shard learns each
/// once (<see cref="Engine.Model.DeliveryLedger"/>). Single writer: its shard grain.
/// </summary>
public sealed class TransitionForwarding(int shard, int shards, int window)
{
    private readonly ulong _sender = (ulong)Random.Shared.NextInt64(1, long.MaxValue);
    private readonly long[] _sequences = new long[shards];
    private readonly Dictionary<int, List<ObservationRecord>> _pending = [];
    private Dictionary<int, string[]>? _current;

    public int ShardOf(string track) => ModelShards.Of(track, shards);

    /// <summary>Whether <paramref name="owner"/> (a <see cref="ShardOf"/>) is this shard.</summary>
    public bool IsLocalShard(int owner) => owner == shard;

    /// <summary>
    /// Takes the admitted transition at <paramref name="position"/> of <paramref name="observation"/> for
    /// <paramref name="owner"/>, its source's shard (<see cref="ShardOf"/>; another one). Returns false when it is not
    /// to be forwarded (beyond the transition window, whose transitions teach nothing, or beyond the predecessors).
    /// </summary>
    public bool Forward(ObservationRecord observation, int position, int owner)
    {
        ArgumentNullException.ThrowIfNull(observation);
        var positions = Math.Min(observation.Predecessors.Length, window);
        if (position >= positions) return false;
        var source = observation.Predecessors[position];
        _current ??= [];
        if (!_current.TryGetValue(owner, out var sources))
        {
            sources = new string[positions];
            Array.Fill(sources, "");
            _current[owner] = sources;
        }

        sources[position] = source;
        return true;
    }

    /// <summary>Ends <paramref name="observation"/>: one record per shard that takes any of its transitions.</summary>
    public void Complete(ObservationRecord observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        if (_current is null) return;
        foreach (var (owner, sources) in _current)
        {
            if (!_pending.TryGetValue(owner, out var records)) _pending[owner] = records = [];
            records.Add(observation with { Predecessors = TrimEnd(sources), PlayAlreadyCounted = true, TransitionOnly = true });
        }

        _current = null;
    }

    /// <summary>The gathered records as one numbered batch per shard; clears them.</summary>
    public List<(int Shard, ObservationBatch Batch)> Take()
    {
        var batches = new List<(int, ObservationBatch)>(_pending.Count);
        foreach (var (owner, records) in _pending) batches.Add((owner, new ObservationBatch(_sender, ++_sequences[owner], [.. records])));
        _pending.Clear();
        return batches;
    }

    private static string[] TrimEnd(string[] sources)
    {
        var length = sources.Length;
        while (length > 0 && sources[length - 1].Length == 0) length--;
        return length == sources.Length ? sources : sources[..length];
    }
}
