namespace Personalization.Bench.Engine;

/// <summary>The columns of a <see cref="CandidateExport"/> file, in order (the header line); <see cref="RerankHeadroom"/> needs all of them.</summary>
public static class CandidateColumns
{
    public static readonly IReadOnlyList<string> All =
    [
        "query", "hit", "rank", "score", "reason", "playing", "session_plays", "steps_since_session_play", "history_plays",
        "same_artist", "artist_in_session", "artist_session_weight", "after_1", "after_2", "after_3", "artist_plays",
        "artist_top_plays", "rank_in_artist", "artist_tracks", "trending", "track_affinity", "artist_affinity", "session_moves",
        "artist_stays", "repeats", "replays", "elapsed_s", "last_play_ago_s", "first_seen_ago_s", "plays_1h", "plays_24h",
        "listeners", "co_sessions", "co_session_overlap", "track_plays", "track_repeats", "track_replays", "artist_moves", "artist_move_stays",
        "playing_artist_moves", "playing_artist_move_stays", "after_session", "leads_into_session", "history_steps_since",
        "followed_playing_before", "artist_run", "after_pair",
    ];
}
