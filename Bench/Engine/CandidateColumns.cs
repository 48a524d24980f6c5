using Personalization.Engine.Ranking;

namespace Personalization.Bench.Engine;

/// <summary>
/// The columns of a <see cref="CandidateExport"/> file, in order (the header line); <see cref="RerankHeadroom"/> needs
/// all of them: the query and whether the candidate was played next, the engine's own re-ranking features
/// (<see cref="RankingFeatures.Names"/>), then what only the replay knows (<see cref="ReplayOnly"/>).
/// </summary>
public static class CandidateColumns
{
    /// <summary>Facts the engine does not keep, counted on the Bench side from the replay (<see cref="TrackActivity"/>).</summary>
    public static readonly IReadOnlyList<string> ReplayOnly =
    [
        "last_play_ago_s", "first_seen_ago_s", "plays_1h", "plays_24h", "listeners", "co_sessions", "co_session_overlap",
        "track_plays", "track_repeats", "track_replays", "artist_moves", "artist_move_stays", "playing_artist_moves",
        "playing_artist_move_stays", "after_pair",
    ];

    public static readonly IReadOnlyList<string> All = ["query", "hit", .. RankingFeatures.Names, .. ReplayOnly];
}
