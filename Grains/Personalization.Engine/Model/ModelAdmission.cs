namespace Personalization.Engine.Model;

/// <summary>
/// Admission of a new key (a track, or a transition) into a shard's shared lists: it enters once
/// <c>listenersRequired</c> distinct listeners vouched for it. Until then only 64-bit hashes are kept (the key's and its listeners'), never the name, in
/// two generations of at most <c>capacity</c> / 2 keys each: when the newer one fills up, the older is dropped, so the
/// evidence of keys nobody repeated ages out and a flood of fresh ids costs a fixed amount of memory (it can only delay
/// the admission of keys vouched for slowly). Evidence counts whether or not the caller can use it yet (a transition
/// into a track still waiting for its own admission). Single writer (its shard grain).
/// </summary>
public sealed class ModelAdmission
{
    /// <summary>Most listeners a key can require (kept inline per pending key).</summary>
    public const int MaxListenersRequired = 5;

    private readonly int _required;
    private readonly int _generationSize;
    private Dictionary<ulong, Evidence> _current = [];
    private Dictionary<ulong, Evidence> _previous = [];

    public ModelAdmission(int listenersRequired, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(listenersRequired, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listenersRequired, MaxListenersRequired);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        _required = listenersRequired;
        _generationSize = capacity / 2;
    }

    /// <summary>Keys with evidence held (admitted ones stay until they age out, so a caller that could not use the admission yet gets it again).</summary>
    public int Pending => _current.Count + _previous.Count;

    /// <summary>Keys whose evidence was dropped before they were admitted.</summary>
    public long Forgotten { get; private set; }

    /// <summary>Keys admitted by listeners' evidence.</summary>
    public long Admitted { get; private set; }

    /// <summary>
    /// Records that <paramref name="listener"/> vouched for <paramref name="key"/>; true once the key has the required
    /// distinct listeners (and on every later vouch while its evidence is held).
    /// </summary>
    public bool Vouch(ulong key, ulong listener)
    {
        if (_required == 1) return true;
        if (!_current.TryGetValue(key, out var evidence) && _previous.Remove(key, out evidence)) _current[key] = evidence;
        var wasAdmitted = evidence.Count >= _required;
        evidence.Add(listener, _required);
        if (_current.Count >= _generationSize && !_current.ContainsKey(key))
        {
            Forgotten += _previous.Values.Count(e => e.Count < _required);
            _previous = _current;
            _current = new Dictionary<ulong, Evidence>(_generationSize);
        }

        _current[key] = evidence;
        if (evidence.Count < _required) return false;
        if (!wasAdmitted) Admitted++;
        return true;
    }

    /// <summary>The distinct listeners seen for a key, inline: up to <see cref="MaxListenersRequired"/> − 1 hashes and a count.</summary>
    private struct Evidence
    {
        private ulong _a, _b, _c, _d;
        private byte _count;

        public readonly int Count => _count;

        /// <summary>Adds a listener not seen yet, until <paramref name="required"/> are counted (the last one need not be kept).</summary>
        public void Add(ulong listener, int required)
        {
            if (_count >= required) return;
            for (var i = 0; i < _count; i++)
            {
                if (At(i) == listener) return;
            }

            switch (_count++)
            {
                case 0: _a = listener; break;
                case 1: _b = listener; break;
                case 2: _c = listener; break;
                case 3: _d = listener; break;
            }
        }

        private readonly ulong At(int i) => i switch { 0 => _a, 1 => _b, 2 => _c, _ => _d };
    }
}
