using System.Globalization;

namespace Personalization.Engine.Synthetic;

/// <summary>
/// A deterministic synthetic listening world: a catalog, listeners with a latent taste, and their listening events.
/// The same options always give the same world and byte-identical output (one seeded <see cref="Random"/> for the
/// catalog and tastes, one per listener derived from it for the events; no hash-ordered iteration).
/// </summary>
public sealed class SyntheticWorld
{
    private const double FavoriteArtistFromFavoriteGenre = 0.85;
    private const string TsvHeader = "UserId\tSessionId\tItemId\tTime\tArtistId";

    private readonly int[] _listenerSeeds;
    private readonly Lazy<SyntheticEvent[]> _events;

    private SyntheticWorld(SyntheticWorldOptions options, SyntheticCatalog catalog, SyntheticListener[] listeners, int[] listenerSeeds)
    {
        Options = options;
        Catalog = catalog;
        Listeners = listeners;
        _listenerSeeds = listenerSeeds;
        _events = new Lazy<SyntheticEvent[]>(Simulate);
    }

    public SyntheticWorldOptions Options { get; }

    public SyntheticCatalog Catalog { get; }

    public IReadOnlyList<SyntheticListener> Listeners { get; }

    public static SyntheticWorld Create(SyntheticWorldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join(" ", errors), nameof(options));

        var rng = new Random(options.Seed);
        var catalog = SyntheticCatalog.Build(options, rng);
        var listeners = new SyntheticListener[options.Listeners];
        var seeds = new int[options.Listeners];
        for (var i = 0; i < listeners.Length; i++)
        {
            listeners[i] = CreateListener(options, catalog, rng, i);
            seeds[i] = rng.Next();
        }

        return new SyntheticWorld(options, catalog, listeners, seeds);
    }

    /// <summary>Every event of every listener, in time order (ties by user, then by the user's own order).</summary>
    public IEnumerable<SyntheticEvent> Events() => _events.Value.AsReadOnly();

    /// <summary>
    /// Writes the session-rec TSV (<c>UserId, SessionId, ItemId, Time, ArtistId</c>; Time in unix seconds): one row per
    /// listening step (each play), in time order, with '\n' line ends whatever the platform.
    /// </summary>
    public void WriteSessionRecTsv(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(TsvHeader);
        writer.Write('\n');
        foreach (var e in _events.Value)
        {
            if (e.Kind != SignalKind.Play) continue;
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{e.UserId}\t{e.SessionId}\t{e.TrackId}\t{e.Timestamp.ToUnixTimeSeconds()}\t{e.ArtistId}\n"));
        }
    }

    private static SyntheticListener CreateListener(SyntheticWorldOptions options, SyntheticCatalog catalog, Random rng, int index)
    {
        var genres = RandomChoice.Permutation(rng, options.Genres).Take(options.FavoriteGenresPerListener).ToArray();
        var artists = new List<int>(options.FavoriteArtistsPerListener);
        while (artists.Count < options.FavoriteArtistsPerListener)
        {
            var pool = RandomChoice.Chance(rng, FavoriteArtistFromFavoriteGenre)
                ? catalog.ArtistsByGenre[genres[rng.Next(genres.Length)]]
                : catalog.ArtistsByGenre[rng.Next(options.Genres)];
            var candidates = pool.Where(a => !artists.Contains(a)).ToArray();
            if (candidates.Length == 0) candidates = [.. Enumerable.Range(0, catalog.Artists.Count).Where(a => !artists.Contains(a))];
            artists.Add(RandomChoice.Weighted(rng, candidates, a => catalog.Artists[a].Popularity));
        }

        var userId = SyntheticIds.Format('u', index + 1, options.Listeners + 1, 4);
        return new SyntheticListener(index, userId, genres, artists.ToArray());
    }

    private SyntheticEvent[] Simulate()
    {
        var merged = new List<(long TimeMs, int Listener, int Order, SyntheticEvent Event)>();
        for (var i = 0; i < Listeners.Count; i++)
        {
            var events = new ListenerSimulation(Catalog, Options, Listeners[i], _listenerSeeds[i]).Run();
            for (var k = 0; k < events.Count; k++) merged.Add((events[k].Timestamp.ToUnixTimeMilliseconds(), i, k, events[k]));
        }

        merged.Sort(static (a, b) =>
            a.TimeMs != b.TimeMs ? a.TimeMs.CompareTo(b.TimeMs)
            : a.Listener != b.Listener ? a.Listener.CompareTo(b.Listener)
            : a.Order.CompareTo(b.Order));
        return [.. merged.Select(m => m.Event)];
    }
}
