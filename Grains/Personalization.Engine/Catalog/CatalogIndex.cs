using System.Collections.Concurrent;

namespace Personalization.Engine.Catalog;

/// <summary>
/// A silo's cache of the catalogue's rules, keyed by track id: one <see cref="TrackRule"/> per track (market sets are
/// shared between tracks), plus the newest releases of each artist (<see cref="ReleasesPerArtist"/>) for the
/// new-release source. Thread-safe: lookups take no lock.
/// <para>The rules: a taken-down track is never allowed; with a market, only tracks the catalogue makes playable there;
/// without explicit content, no track the catalogue marks explicit. A track the catalogue does not know passes only a
/// request without market or explicit rule (Open mode: what events named is served as before).</para>
/// </summary>
public sealed class CatalogIndex
{
    /// <summary>Newest releases kept per artist.</summary>
    public const int ReleasesPerArtist = 4;

    private readonly ConcurrentDictionary<string, TrackRule> _tracks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _marketSets = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Track, int Day)[]> _releases = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Tracks held (taken-down ones included).</summary>
    public int Count => _tracks.Count;

    /// <summary>Whether any track with a release date was recorded (the new-release source is idle without).</summary>
    public bool HasReleases => !_releases.IsEmpty;

    /// <summary>Changes applied so far: a cached answer computed at another version may be stale.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Records a track's current state (<paramref name="markets"/>: codes joined by ',', or "all").</summary>
    public void Apply(string track, string artist, string markets, bool isExplicit, int releaseDay, bool deleted)
    {
        ArgumentNullException.ThrowIfNull(track);
        ArgumentNullException.ThrowIfNull(markets);
        var set = markets == "all" ? null : _marketSets.GetOrAdd(markets, m => m.Split(',', StringSplitOptions.RemoveEmptyEntries));
        _tracks[track] = new TrackRule(set, isExplicit, deleted ? -1 : releaseDay, deleted);
        if (releaseDay >= 0 && !string.IsNullOrEmpty(artist)) NoteRelease(artist, track, deleted ? -1 : releaseDay);
        Interlocked.Increment(ref _version);
    }

    public bool TryGet(string track, out TrackRule rule) => _tracks.TryGetValue(track, out rule);

    /// <summary>Whether the catalogue knows the track (taken-down tracks included).</summary>
    public bool Knows(string track) => _tracks.ContainsKey(track);

    public bool Allows(string track, string? market, bool allowExplicit)
    {
        if (!_tracks.TryGetValue(track, out var rule)) return market is null && allowExplicit;
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
