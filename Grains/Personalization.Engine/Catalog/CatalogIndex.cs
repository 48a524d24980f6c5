using System.Collections.Concurrent;

namespace Personalization.Engine.Catalog;

/// <summary>
/// A silo's cache of the catalogue's rules: one 16-byte <see cref="TrackRule"/> per track, in an array indexed by the
/// silo's <see cref="Vocabulary"/> id (a catalogue track is admitted to the vocabulary, as the model admits it), so the
/// serve-time check is an array read; market sets are shared between tracks. Also the newest releases of each artist
/// (<see cref="ReleasesPerArtist"/>) for the new-release source. One writer at a time (the cache's pull); readers take no lock.
/// <para>The rules: a taken-down track is never allowed; with a market, only tracks the catalogue makes playable there;
/// without explicit content, no track the catalogue marks explicit. A track the catalogue does not know passes only a
/// request without market or explicit rule (Open mode: what events named is served as before).</para>
/// </summary>
public sealed class CatalogIndex(Vocabulary names)
{
    /// <summary>Newest releases kept per artist.</summary>
    public const int ReleasesPerArtist = 4;

    private readonly Lock _writer = new();
    private readonly ConcurrentDictionary<string, string[]> _marketSets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Track, int Day)[]> _releases = new(StringComparer.Ordinal);
    private TrackRule[] _rules = new TrackRule[1024];
    private int _count;
    private long _version;

    /// <summary>Tracks held (taken-down ones included).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Whether any track with a release date was recorded (the new-release source is idle without).</summary>
    public bool HasReleases => !_releases.IsEmpty;

    /// <summary>Changes applied so far: a cached answer computed at another version may be stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Bytes of the rule array (the per-track part of the cache beyond the vocabulary's names).</summary>
    public long ArrayBytes => (long)Volatile.Read(ref _rules).Length * 16;

    /// <summary>Records a track's current state (<paramref name="markets"/>: codes joined by ',', or "all").</summary>
    public void Apply(string track, string artist, string markets, bool isExplicit, int releaseDay, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(markets);
        var set = markets == "all" ? null : _marketSets.GetOrAdd(markets, m => m.Split(',', StringSplitOptions.RemoveEmptyEntries));
        lock (_writer)
        {
            var id = names.Intern(track);
            var rules = _rules;
            if (id >= rules.Length)
            {
                Array.Resize(ref rules, Math.Max(id + 1, rules.Length * 2));
                Volatile.Write(ref _rules, rules);
            }

            if (!rules[id].Known) _count++;
            rules[id] = new TrackRule(set, isExplicit, deleted, Known: true);
        }

        if (releaseDay >= 0 && !string.IsNullOrEmpty(artist)) NoteRelease(artist, track, deleted ? -1 : releaseDay);
        Interlocked.Increment(ref _version);
    }

    public bool TryGet(string track, out TrackRule rule)
    {
        rule = names.TryGetId(track, out var id) ? Rule(id) : default;
        return rule.Known;
    }

    /// <summary>Whether the catalogue knows the track (taken-down tracks included).</summary>
    public bool Knows(string track) => TryGet(track, out _);

    public bool Allows(string track, string? market, bool allowExplicit) =>
        names.TryGetId(track, out var id) ? Allows(id, market, allowExplicit) : market is null && allowExplicit;

    public bool Allows(int track, string? market, bool allowExplicit)
    {
        var rule = Rule(track);
        if (!rule.Known) return market is null && allowExplicit;
        if (rule.Deleted) return false;
        if (market is not null && !rule.PlayableIn(market)) return false;
        return allowExplicit || !rule.Explicit;
    }

    /// <summary>The artist's newest releases (up to <see cref="ReleasesPerArtist"/>), newest first, released on or before <paramref name="day"/>.</summary>
    public IEnumerable<(string Track, int Day)> ReleasesBy(string artist, int day)
    {
        if (!_releases.TryGetValue(artist, out var releases)) yield break;
        foreach (var r in releases)
        {
            if (r.Day <= day) yield return r;
        }
    }

    private TrackRule Rule(int id)
    {
        var rules = Volatile.Read(ref _rules);
        return (uint)id < (uint)rules.Length ? rules[id] : default;
    }

    private void NoteRelease(string artist, string track, int day)
    {
        _releases.AddOrUpdate(
            artist,
            _ => day >= 0 ? [(track, day)] : [],
            (_, old) =>
            {
                var list = old.Where(r => r.Track != track).ToList();
                if (day >= 0) list.Add((track, day));
                return [.. list.OrderByDescending(r => r.Day).ThenBy(r => r.Track, StringComparer.Ordinal).Take(ReleasesPerArtist)];
            });
    }
}
