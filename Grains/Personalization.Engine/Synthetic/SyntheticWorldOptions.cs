namespace Personalization.Engine.Synthetic;

/// <summary>
/// Shape of a synthetic listening world. The same options always produce the same world, byte for byte.
/// Defaults give 8 × 25 artists, 4,000 tracks and 200 listeners with about 14,000 listening steps.
/// </summary>
public sealed class SyntheticWorldOptions
{
    public int Seed { get; set; } = 42;
    public int Genres { get; set; } = 8;
    public int ArtistsPerGenre { get; set; } = 25;
    public int TracksPerArtist { get; set; } = 20;
    public int Listeners { get; set; } = 200;
    public int SessionsPerListener { get; set; } = 6;

    /// <summary>Mean number of listening steps (plays) per session.</summary>
    public int MeanSessionLength { get; set; } = 12;

    /// <summary>Time of the world's first day; every event falls after it.</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    // ---- Taste and behaviour ----
    public int FavoriteGenresPerListener { get; set; } = 2;
    public int FavoriteArtistsPerListener { get; set; } = 5;

    /// <summary>Neighbours of each artist in its genre's fixed similarity graph.</summary>
    public int SimilarArtists { get; set; } = 4;

    /// <summary>Chance that the next step stays on the current artist (an artist run).</summary>
    public double StayOnArtistProbability { get; set; } = 0.5;

    /// <summary>Within an artist run, chance that the next track is the next one on the album (k → k+1).</summary>
    public double AlbumOrderProbability { get; set; } = 0.7;

    /// <summary>Chance that leaving an artist jumps to a random genre instead of a similar artist.</summary>
    public double GenreJumpProbability { get; set; } = 0.08;

    /// <summary>Returns every violated rule; empty when the options are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Range(int value, string name, int min, int max)
        {
            if (value < min || value > max) errors.Add($"{name} must be in [{min}, {max}] (was {value}).");
        }

        void Probability(double value, string name)
        {
            if (!(value >= 0 && value <= 1)) errors.Add($"{name} must be in [0, 1] (was {value}).");
        }

        Range(Genres, nameof(Genres), 1, 1_000);
        Range(ArtistsPerGenre, nameof(ArtistsPerGenre), 2, 10_000);
        Range(TracksPerArtist, nameof(TracksPerArtist), 1, 1_000);
        Range(Listeners, nameof(Listeners), 1, 1_000_000);
        Range(SessionsPerListener, nameof(SessionsPerListener), 1, 10_000);
        Range(MeanSessionLength, nameof(MeanSessionLength), 1, 1_000);
        Range(FavoriteGenresPerListener, nameof(FavoriteGenresPerListener), 1, Math.Max(1, Genres));
        Range(FavoriteArtistsPerListener, nameof(FavoriteArtistsPerListener), 1, Math.Max(1, Genres * ArtistsPerGenre));
        Range(SimilarArtists, nameof(SimilarArtists), 1, Math.Max(1, ArtistsPerGenre - 1));
        if ((long)Genres * ArtistsPerGenre * TracksPerArtist > 10_000_000) errors.Add("The catalog must hold at most 10,000,000 tracks.");
        if (Start < DateTimeOffset.UnixEpoch) errors.Add($"{nameof(Start)} must not be before the unix epoch.");
        Probability(StayOnArtistProbability, nameof(StayOnArtistProbability));
        Probability(AlbumOrderProbability, nameof(AlbumOrderProbability));
        Probability(GenreJumpProbability, nameof(GenreJumpProbability));
        return errors;
    }
}
