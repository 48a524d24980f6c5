using Microsoft.Extensions.Options;
using Personalization.Abstractions.Model;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// One partition of the cluster-wide model: learns the observations routed to it (by observed track) and serves the
/// lists it republished since a reader's version. Kept alive: its model lives in memory and is relearned from the live
/// stream if its silo is lost (see the architecture notes).
/// </summary>
[KeepAlive]
public sealed class ModelShardGrain(Vocabulary vocabulary, IOptions<EngineOptions> options) : Grain, IModelShardGrain
{
    private readonly ModelLearner _learner = new(options.Value);
    private readonly LiveModel _published = new();
    private readonly ModelChangeLog _log = new();

    Task IModelShardGrain.LearnAsync(IReadOnlyList<ObservationRecord> observations)
    {
        var batch = new List<ModelObservation>(observations.Count);
        foreach (var o in observations)
        {
            var predecessors = new int[o.Predecessors.Length];
            for (var i = 0; i < predecessors.Length; i++) predecessors[i] = vocabulary.Intern(o.Predecessors[i]);
            batch.Add(new ModelObservation(vocabulary.Intern(o.TrackId), vocabulary.Intern(o.ArtistId), o.TimeMs, o.Weight, predecessors));
        }

        var delta = _learner.Apply(batch);
        _published.Apply(delta);
        _log.Record(delta);
        return Task.CompletedTask;
    }

    Task<ModelChanges> IModelShardGrain.GetChangesAsync(long afterVersion, int maxKeys)
    {
        var set = _log.Since(afterVersion, Math.Max(1, maxKeys));
        var successors = new List<KeyedList>();
        var artistTops = new List<KeyedList>();
        var pairs = new List<string>();
        foreach (var (kind, key) in set.Keys)
        {
            switch (kind)
            {
                case ChangeKind.Successors:
                    successors.Add(ToWire(vocabulary.NameOf(key), _published.SuccessorsOf(key)));
                    break;
                case ChangeKind.ArtistTop:
                    artistTops.Add(ToWire(vocabulary.NameOf(key), _published.TopTracksOf(key)));
                    break;
                case ChangeKind.TrackArtist:
                    pairs.Add(vocabulary.NameOf(key));
                    pairs.Add(vocabulary.NameOf(_published.ArtistOf(key)));
                    break;
            }
        }

        var trending = set.TrendingChanged ? ToWire("", _published.Trending) : null;
        return Task.FromResult(new ModelChanges(set.Version, set.HasMore, [.. successors], [.. artistTops], [.. pairs], trending));
    }

    private KeyedList ToWire(string key, ReadOnlySpan<ScoredId> list)
    {
        var ids = new string[list.Length];
        var weights = new float[list.Length];
        for (var i = 0; i < list.Length; i++)
        {
            ids[i] = vocabulary.NameOf(list[i].Id);
            weights[i] = list[i].Weight;
        }

        return new KeyedList(key, ids, weights);
    }
}
