namespace Personalization.Engine.Model;

/// <summary>
/// Which of a shard's source tracks are in the head: the at most <c>quota</c> most played ones (long-memory popularity,
/// <see cref="ModelLearner.Popular"/>), whose successor lists every silo replicates in its read model. The others are
/// the tail: a silo reads them from the shard on demand (and caches them). While the shard holds no more sources than
/// its quota, every source is in the head and the shard has no tail (its shard refreshes as soon as it
/// <see cref="Overflows"/>). Recomputed by <see cref="Refresh"/> now and then (a new source stays in the tail until
/// then); single writer, its shard grain.
/// </summary>
public sealed class ModelHead
{
    private readonly int _quota;
    private HashSet<int> _members = [];

    public ModelHead(int quota)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quota, 1);
        _quota = quota;
    }

    /// <summary>True while every source is in the head (the shard holds no more than its quota).</summary>
    public bool All { get; private set; } = true;

    /// <summary>Sources in the head when not <see cref="All"/>.</summary>
    public int Count => _members.Count;

    public bool Contains(int source) => All || _members.Contains(source);

    /// <summary>Whether a shard that had no tail now holds more sources than its quota (time to <see cref="Refresh"/>).</summary>
    public bool Overflows(ModelLearner learner) => All && learner.SourceKeys.Count > _quota;

    /// <summary>
    /// Recomputes the head from the learner's sources; returns the sources that entered it (their lists must reach the
    /// readers) and those that left it (the readers drop them).
    /// </summary>
    public (List<int> Entered, List<int> Left) Refresh(ModelLearner learner)
    {
        ArgumentNullException.ThrowIfNull(learner);
        var sources = learner.SourceKeys;
        if (sources.Count <= _quota)
        {
            var entered = All ? [] : sources.Where(s => !_members.Contains(s)).ToList();
            All = true;
            _members = [];
            return (entered, []);
        }

        var top = new PriorityQueue<int, (double Score, int Id)>(_quota + 1);
        foreach (var source in sources)
        {
            top.Enqueue(source, (learner.Popular.ScoreOf(source), -source)); // ties: the lower id stays
            if (top.Count > _quota) top.Dequeue();
        }

        var members = new HashSet<int>(_quota);
        while (top.TryDequeue(out var source, out _)) members.Add(source);
        var left = All ? sources.Where(s => !members.Contains(s)).ToList() : _members.Where(s => !members.Contains(s)).ToList();
        var came = All ? [] : members.Where(s => !_members.Contains(s)).ToList();
        All = false;
        _members = members;
        return (came, left);
    }
}
