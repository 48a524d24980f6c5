namespace Personalization.Engine.Synthetic;

/// <summary>
/// Plays one listener's sessions. A session starts from a favourite artist (or a popular artist of a favourite genre),
/// runs on an artist (often in album order), moves to similar artists and now and then jumps genre. The listener
/// completes in-taste tracks, skips off-taste ones early, and sometimes likes, saves or dislikes.
/// </summary>
internal sealed class ListenerSimulation
{
    private const double StartFromFavoriteArtist = 0.6;
    private const double StartFromAnyGenre = 0.05;
    private const double ReturnToFavoriteAfterSkip = 0.5;
    private const double FavoriteWeightAmongSimilar = 4.0;
    private const double SearchStart = 0.3;
    private const double EarlySkipMaxFraction = 0.25;
    private const double LateSkipMinFraction = 0.5;
    private const double LateSkipMaxFraction = 0.95;
    private const int MinEarlySkipMs = 2_000;
    private const int MinGapBetweenTracksMs = 1_000;
    private const int MaxGapBetweenTracksMs = 10_000;
    private const int FeedbackDelayMs = 500;
    private const int MinHoursBetweenSessions = 3;
    private const int MaxHoursBetweenSessions = 36;
    private static readonly string[] SessionSources = ["radio", "playlist"];

    private readonly SyntheticCatalog _catalog;
    private readonly SyntheticWorldOptions _options;
    private readonly SyntheticListener _listener;
    private readonly Random _rng;
    private readonly List<SyntheticEvent> _events = [];
    private long _timeMs;

    public ListenerSimulation(SyntheticCatalog catalog, SyntheticWorldOptions options, SyntheticListener listener, int seed)
    {
        _catalog = catalog;
        _options = options;
        _listener = listener;
        _rng = new Random(seed);
    }

    /// <summary>All events of the listener, in time order (strictly increasing timestamps).</summary>
    public List<SyntheticEvent> Run()
    {
        _timeMs = _options.Start.ToUnixTimeMilliseconds() + _rng.NextInt64(TimeSpan.FromDays(1).Ticks / TimeSpan.TicksPerMillisecond);
        for (var s = 0; s < _options.SessionsPerListener; s++)
        {
            if (s > 0)
            {
                var hours = _rng.Next(MinHoursBetweenSessions, MaxHoursBetweenSessions + 1);
                _timeMs += hours * 3_600_000L + _rng.Next(3_600_000);
            }

            PlaySession(SyntheticIds.Format('s', s, _options.SessionsPerListener, 3));
        }

        return _events;
    }

    private void PlaySession(string sessionNumber)
    {
        var sessionId = $"{_listener.UserId}-{sessionNumber}";
        var mean = _options.MeanSessionLength;
        var length = Math.Max(1, (int)Math.Round(mean * (0.5 + _rng.NextDouble())));
        var sessionSource = SessionSources[_rng.Next(SessionSources.Length)];
        var track = FirstTrack();
        var source = RandomChoice.Chance(_rng, SearchStart) ? "search" : sessionSource;
        for (var step = 0; step < length; step++)
        {
            var earlySkipped = PlayStep(sessionId, _catalog.Tracks[track], source);
            if (step + 1 < length) (track, source) = NextTrack(track, earlySkipped, sessionSource);
        }
    }

    private int FirstTrack()
    {
        int artist;
        if (RandomChoice.Chance(_rng, StartFromFavoriteArtist))
        {
            var favorites = _listener.FavoriteArtists;
            var rank = RandomChoice.Weighted(_rng, [.. Enumerable.Range(0, favorites.Count)], r => 1.0 / (1 + r));
            artist = favorites[rank];
        }
        else
        {
            var genre = RandomChoice.Chance(_rng, StartFromAnyGenre)
                ? _rng.Next(_catalog.GenreCount)
                : _listener.FavoriteGenres[_rng.Next(_listener.FavoriteGenres.Count)];
            artist = PopularArtistOf(genre);
        }

        return PopularTrackOf(artist);
    }

    private (int Track, string Source) NextTrack(int current, bool earlySkipped, string sessionSource)
    {
        var track = _catalog.Tracks[current];
        var artist = _catalog.Artists[track.Artist];
        if (earlySkipped && RandomChoice.Chance(_rng, ReturnToFavoriteAfterSkip))
        {
            var favorite = _listener.FavoriteArtists[_rng.Next(_listener.FavoriteArtists.Count)];
            return (PopularTrackOf(favorite), sessionSource);
        }

        if (RandomChoice.Chance(_rng, _options.StayOnArtistProbability) && artist.Tracks.Count > 1)
        {
            var next = track.AlbumPosition + 1;
            if (next < artist.Tracks.Count && RandomChoice.Chance(_rng, _options.AlbumOrderProbability))
            {
                return (artist.Tracks[next], "album");
            }

            return (OtherTrackOf(artist, current), sessionSource);
        }

        if (RandomChoice.Chance(_rng, _options.GenreJumpProbability))
        {
            return (PopularTrackOf(PopularArtistOf(_rng.Next(_catalog.GenreCount))), sessionSource);
        }

        var similar = RandomChoice.Weighted(_rng, artist.Similar, a =>
            _catalog.Artists[a].Popularity * (_listener.LovesArtist(a) ? FavoriteWeightAmongSimilar : 1.0));
        return (PopularTrackOf(similar), sessionSource);
    }

    /// <summary>Plays one track to its outcome; returns whether it was skipped early.</summary>
    private bool PlayStep(string sessionId, SyntheticTrack track, string source)
    {
        var artist = _catalog.Artists[track.Artist];
        var taste = _listener.LovesArtist(artist.Index) ? TasteLevel.Favorite
            : _listener.LikesGenre(artist.Genre) ? TasteLevel.Genre
            : TasteLevel.Off;
        var outcome = StepOutcome.For(taste);
        var start = _timeMs;
        Emit(sessionId, track, SignalKind.Play, start, 0, source);

        var roll = _rng.NextDouble();
        long end;
        if (roll < outcome.Complete)
        {
            end = start + track.DurationMs;
            Emit(sessionId, track, SignalKind.Complete, end, track.DurationMs, source);
            if (RandomChoice.Chance(_rng, outcome.Like)) Emit(sessionId, track, SignalKind.Like, end += FeedbackDelayMs, track.DurationMs, source);
            if (RandomChoice.Chance(_rng, outcome.Save)) Emit(sessionId, track, SignalKind.Save, end += FeedbackDelayMs, track.DurationMs, source);
            _timeMs = end + _rng.Next(MinGapBetweenTracksMs, MaxGapBetweenTracksMs);
            return false;
        }

        var early = roll < outcome.Complete + outcome.EarlySkip;
        var position = early
            ? _rng.Next(MinEarlySkipMs, Math.Max(MinEarlySkipMs + 1, (int)(track.DurationMs * EarlySkipMaxFraction)))
            : _rng.Next((int)(track.DurationMs * LateSkipMinFraction), (int)(track.DurationMs * LateSkipMaxFraction));
        end = start + position;
        Emit(sessionId, track, SignalKind.Skip, end, position, source);
        if (early && RandomChoice.Chance(_rng, outcome.Dislike)) Emit(sessionId, track, SignalKind.Dislike, end += FeedbackDelayMs, position, source);
        _timeMs = end + _rng.Next(MinGapBetweenTracksMs, MaxGapBetweenTracksMs);
        return early;
    }

    private void Emit(string sessionId, SyntheticTrack track, SignalKind kind, long timeMs, int positionMs, string source)
    {
        var eventId = $"{_listener.UserId}-e{_events.Count:D6}";
        var artistId = _catalog.Artists[track.Artist].Id;
        _events.Add(new SyntheticEvent(
            _listener.UserId, sessionId, eventId, track.Id, artistId, kind,
            DateTimeOffset.FromUnixTimeMilliseconds(timeMs), positionMs, track.DurationMs, source));
    }

    private int PopularArtistOf(int genre)
    {
        var artists = _catalog.ArtistsByGenre[genre];
        return RandomChoice.Weighted(_rng, artists, a => _catalog.Artists[a].Popularity);
    }

    private int PopularTrackOf(int artist) =>
        RandomChoice.Weighted(_rng, _catalog.Artists[artist].Tracks, t => _catalog.Tracks[t].Popularity);

    private int OtherTrackOf(SyntheticArtist artist, int current)
    {
        var next = RandomChoice.Weighted(_rng, artist.Tracks, t => t == current ? 0 : _catalog.Tracks[t].Popularity);
        return next == current ? artist.Tracks[(_catalog.Tracks[current].AlbumPosition + 1) % artist.Tracks.Count] : next;
    }
}
