namespace Personalization.Engine.Discovery;

/// <summary>Discovery list settings. Bound from configuration section <c>Personalization:Discovery</c> and validated at start.</summary>
public sealed class DiscoveryOptions
{
    public const string SectionName = "Personalization:Discovery";

    /// <summary>How many of the listener's best liked tracks seed "listeners went on to" candidates.</summary>
    public int SeedTracks { get; set; } = 10;

    /// <summary>How many favourite artists seed "near artist" and "unheard by a favourite" candidates.</summary>
    public int SeedArtists { get; set; } = 5;

    /// <summary>How many of a favourite artist's top tracks are followed through the transitions to find artists near it.</summary>
    public int TracksPerSeedArtist { get; set; } = 10;

    /// <summary>How many near artists (by transition evidence) contribute their top tracks.</summary>
    public int NearArtists { get; set; } = 10;

    public double TransitionSourceWeight { get; set; } = 1.0;
    public double NearArtistSourceWeight { get; set; } = 0.6;
    public double FavoriteArtistSourceWeight { get; set; } = 0.3;

    /// <summary>At most this many tracks by one artist in a discovery list (variety).</summary>
    public int MaxPerArtist { get; set; } = 2;

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Cap(int value, string name, int min, int max)
        {
            if (value < min || value > max) errors.Add($"{name} must be in [{min}, {max}] (was {value}).");
        }

        void NonNegative(double value, string name)
        {
            if (!(value >= 0) || double.IsInfinity(value)) errors.Add($"{name} must be a finite number >= 0 (was {value}).");
        }

        Cap(SeedTracks, nameof(SeedTracks), 0, 256);
        Cap(SeedArtists, nameof(SeedArtists), 0, 256);
        Cap(TracksPerSeedArtist, nameof(TracksPerSeedArtist), 1, 1024);
        Cap(NearArtists, nameof(NearArtists), 0, 256);
        Cap(MaxPerArtist, nameof(MaxPerArtist), 1, 1000);
        NonNegative(TransitionSourceWeight, nameof(TransitionSourceWeight));
        NonNegative(NearArtistSourceWeight, nameof(NearArtistSourceWeight));
        NonNegative(FavoriteArtistSourceWeight, nameof(FavoriteArtistSourceWeight));
        return errors;
    }
}
