using System.Globalization;

namespace Personalization.Bench.Engine;

/// <summary>
/// How much HR@10 a re-ranker of the engine's top candidates could add, measured on a <see cref="CandidateExport"/>
/// file: a linear score over <see cref="Features"/> (the engine's own score among them, with weight 1 to start, so the
/// start is the engine's order) fitted by coordinate ascent on HR@10 itself, in two folds (alternate queries): fitted on
/// one, measured on the other. The in-sample gain is what the features can describe; the held-out gain is what a
/// re-ranker could be expected to add. Ties keep the engine's order.
/// </summary>
public static class RerankHeadroom
{
    private static readonly double[] Steps = [0.5, -0.5, 0.2, -0.2, 0.05, -0.05];

    /// <summary>Feature names and how each is computed from an exported row; the first is the engine's score.</summary>
    public static readonly IReadOnlyList<(string Name, Func<CandidateRow, double> Value)> Features =
    [
        ("log_score", r => Math.Log(r["score"] + 1e-4)),
        ("inv_rank", r => 1 / (r["rank"] + 1)),
        ("playing", r => r["playing"]),
        ("session_repeat", Repeat),
        ("log_session_plays", r => Repeat(r) * Math.Log(1 + r["session_plays"])),
        ("log_steps_since_play", r => Repeat(r) * Math.Log(1 + Math.Max(0, r["steps_since_session_play"]))),
        ("steps_since_share", r => Repeat(r) * Math.Max(0, r["steps_since_session_play"]) / (r["session_moves"] + 1)),
        ("in_history", r => r["history_plays"] > 0 ? 1 : 0),
        ("log_history_plays", r => Math.Log(1 + r["history_plays"])),
        ("same_artist", r => r["same_artist"]),
        ("artist_in_session", r => r["artist_in_session"]),
        ("artist_session_weight", r => r["artist_session_weight"]),
        ("log_after_1", r => Math.Log(1 + r["after_1"])),
        ("log_after_2", r => Math.Log(1 + r["after_2"])),
        ("log_after_3", r => Math.Log(1 + r["after_3"])),
        ("any_after", r => r["after_1"] + r["after_2"] + r["after_3"] > 0 ? 1 : 0),
        ("artist_credit", r => r["artist_in_session"] > 0 && r["artist_top_plays"] > 0 ? Math.Pow(r["artist_plays"] / r["artist_top_plays"], 0.4) : 0),
        ("log_artist_plays", r => Math.Log(1 + r["artist_plays"])),
        ("log_rank_in_artist", r => r["rank_in_artist"] >= 0 ? Math.Log(2 + r["rank_in_artist"]) : 0),
        ("same_artist_log_tracks", r => r["same_artist"] * Math.Log(1 + r["artist_tracks"])),
        ("log_trending", r => Math.Log(1 + r["trending"])),
        ("track_affinity", r => Math.Max(0, r["track_affinity"])),
        ("log_artist_affinity", r => Math.Log(1 + Math.Max(0, r["artist_affinity"]))),
        ("same_artist_x_stay_rate", r => r["same_artist"] * StayRate(r)),
        ("repeat_x_repeat_rate", r => Repeat(r) * (r["repeats"] + 1) / (r["session_moves"] + 10)),
        ("playing_x_replay_rate", r => r["playing"] * (r["replays"] + 0.3) / (r["session_moves"] + 10)),
        ("same_artist_x_log_elapsed", r => r["same_artist"] * Math.Log(1 + r["elapsed_s"]) / 6),
        ("repeat_x_log_moves", r => Repeat(r) * Math.Log(1 + r["session_moves"])),
        ("same_artist_x_log_moves", r => r["same_artist"] * Math.Log(1 + r["session_moves"])),
        ("other_x_change_rate", r => (1 - r["same_artist"]) * (1 - Repeat(r)) * (1 - r["playing"]) * (1 - StayRate(r))),
        ("log_last_play_ago", r => Math.Log(1 + r["last_play_ago_s"]) / 10),
        ("log_first_seen_ago", r => Math.Log(1 + r["first_seen_ago_s"]) / 10),
        ("log_plays_1h", r => Math.Log(1 + r["plays_1h"])),
        ("log_plays_24h", r => Math.Log(1 + r["plays_24h"])),
        ("log_listeners", r => Math.Log(1 + r["listeners"])),
        ("log_co_sessions", r => Math.Log(1 + r["co_sessions"])),
        ("co_session_overlap", r => r["co_session_overlap"]),
        ("repeat_x_track_repeat_rate", r => Repeat(r) * (r["track_repeats"] + 0.1) / (r["track_plays"] + 1)),
        ("playing_x_track_replay_rate", r => r["playing"] * (r["track_replays"] + 0.03) / (r["track_plays"] + 1)),
        ("same_artist_x_artist_stay_rate", r => r["same_artist"] * (r["playing_artist_move_stays"] + 2.5) / (r["playing_artist_moves"] + 5)),
        ("other_x_artist_change_rate", r => (1 - r["same_artist"]) * (1 - (r["playing_artist_move_stays"] + 2.5) / (r["playing_artist_moves"] + 5))),
        ("track_repeat_rate", r => (r["track_repeats"] + 0.1) / (r["track_plays"] + 1)),
        ("log_after_session", r => Math.Log(1 + r["after_session"])),
        ("log_leads_into_session", r => Math.Log(1 + r["leads_into_session"])),
        ("log_history_steps_since", r => r["history_steps_since"] >= 0 ? Math.Log(2 + r["history_steps_since"]) : 0),
        ("followed_playing_before", r => r["followed_playing_before"]),
        ("same_artist_x_log_run", r => r["same_artist"] * Math.Log(1 + r["artist_run"])),
        ("after_1_x_log_run", r => Math.Log(1 + r["after_1"]) * Math.Log(1 + r["artist_run"])),
        ("log_after_pair", r => Math.Log(1 + r["after_pair"])),
    ];

    /// <summary>
    /// The <see cref="Features"/> computed from facts only the replay knows (<see cref="CandidateColumns.ReplayOnly"/>);
    /// <c>--engine-features</c> reads them as 0, to measure what a re-ranker inside the engine could use.
    /// </summary>
    public static readonly IReadOnlySet<string> ReplayFeatures = new HashSet<string>(StringComparer.Ordinal)
    {
        "log_last_play_ago", "log_first_seen_ago", "log_plays_1h", "log_plays_24h", "log_listeners", "log_co_sessions",
        "co_session_overlap", "repeat_x_track_repeat_rate", "playing_x_track_replay_rate", "same_artist_x_artist_stay_rate",
        "other_x_artist_change_rate", "track_repeat_rate", "log_after_pair",
    };

    /// <summary>
    /// Reads an export: one query per distinct query id, in file order; a query whose next track is not listed has
    /// target -1. With <paramref name="engineFeaturesOnly"/>, the <see cref="ReplayFeatures"/> read as 0.
    /// </summary>
    public static List<CandidateQuery> Read(string path, bool engineFeaturesOnly = false)
    {
        using var reader = new StreamReader(path);
        var header = (reader.ReadLine() ?? throw new InvalidDataException($"{path} is empty.")).Split('\t');
        var columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        foreach (var required in CandidateColumns.All)
        {
            if (!columns.ContainsKey(required)) throw new InvalidDataException($"{path}: column '{required}' is missing.");
        }

        var queries = new List<CandidateQuery>();
        string? current = null;
        var rows = new List<double[]>();
        var target = -1;
        void Flush()
        {
            if (current is not null) queries.Add(new CandidateQuery(current, [.. rows], target));
            rows.Clear();
            target = -1;
        }

        for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
        {
            if (line.Length == 0) continue;
            var fields = line.Split('\t');
            if (fields[0] != current)
            {
                Flush();
                current = fields[0];
            }

            if (fields[columns["rank"]] == "-1") continue; // a query without candidates
            var row = new CandidateRow(columns, fields);
            if (row["hit"] == 1) target = rows.Count;
            rows.Add([.. Features.Select(f => engineFeaturesOnly && ReplayFeatures.Contains(f.Name) ? 0 : Finite(f.Value(row)))]);
        }

        Flush();
        return queries;
    }

    /// <summary>Queries whose next track ranks in the top 10 by <paramref name="weights"/> (ties keep the listed order).</summary>
    public static int Hits(IReadOnlyList<CandidateQuery> queries, IReadOnlyList<double> weights)
    {
        var listed = queries.Where(q => q.Target >= 0).ToList();
        return CountHits(listed, [.. listed.Select(q => Scores(q, weights))]);
    }

    /// <summary>Weights fitted by coordinate ascent on top-10 hits, starting from the engine's order (log score weight 1).</summary>
    public static double[] Fit(IReadOnlyList<CandidateQuery> queries, int rounds = 2)
    {
        var weights = new double[Features.Count];
        weights[0] = 1;
        var listed = queries.Where(q => q.Target >= 0).ToList();
        var scores = listed.Select(q => Scores(q, weights)).ToList();
        var best = CountHits(listed, scores);
        for (var round = 0; round < rounds; round++)
        {
            for (var j = 1; j < weights.Length; j++)
            {
                foreach (var step in Steps)
                {
                    var trial = listed.Select((q, i) => Shifted(scores[i], q, j, step)).ToList();
                    var hits = CountHits(listed, trial);
                    if (hits <= best) continue;
                    best = hits;
                    scores = trial;
                    weights[j] += step;
                }
            }
        }

        return weights;
    }

    /// <summary>Both folds: fitted on one half of the queries (alternate), measured on both halves.</summary>
    public static HeadroomReport Measure(IReadOnlyList<CandidateQuery> queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var engine = new double[Features.Count];
        engine[0] = 1;
        var a = queries.Where((_, i) => i % 2 == 0).ToList();
        var b = queries.Where((_, i) => i % 2 == 1).ToList();
        var fitA = Fit(a);
        var fitB = Fit(b);
        return new HeadroomReport(
            queries.Count,
            queries.Count(q => q.Target >= 0),
            Hits(queries, engine),
            Hits(a, fitA) + Hits(b, fitB),
            Hits(b, fitA) + Hits(a, fitB),
            fitA);
    }

    public static string Render(HeadroomReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Queries == 0) return "no queries in the candidate file\n";
        double Rate(int hits) => (double)hits / r.Queries;
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"queries {r.Queries:N0}, next track among the listed candidates in {r.Listed:N0}"),
            string.Create(CultureInfo.InvariantCulture, $"HR@10 engine order          {Rate(r.EngineHits):F4}"),
            string.Create(CultureInfo.InvariantCulture, $"HR@10 re-ranked, in-sample  {Rate(r.InSampleHits):F4}  ({Rate(r.InSampleHits) - Rate(r.EngineHits):+0.0000;-0.0000})"),
            string.Create(CultureInfo.InvariantCulture, $"HR@10 re-ranked, held out   {Rate(r.HeldOutHits):F4}  ({Rate(r.HeldOutHits) - Rate(r.EngineHits):+0.0000;-0.0000})"),
            "weights fitted on the first fold (others 0): " + string.Join(", ",
                Features.Select((f, i) => (f.Name, W: r.FirstFoldWeights[i])).Where(p => p.W != 0).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.W:0.##}"))),
        };
        return string.Join('\n', lines) + '\n';
    }

    private static double Repeat(CandidateRow r) => r["session_plays"] > 0 && r["playing"] == 0 ? 1 : 0;

    private static double StayRate(CandidateRow r) => (r["artist_stays"] + 5) / (r["session_moves"] + 10);

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static double[] Scores(CandidateQuery q, IReadOnlyList<double> weights)
    {
        var scores = new double[q.Rows.Length];
        for (var i = 0; i < scores.Length; i++)
        {
            var row = q.Rows[i];
            var s = 0.0;
            for (var j = 0; j < weights.Count; j++) s += weights[j] * row[j];
            scores[i] = s;
        }

        return scores;
    }

    private static double[] Shifted(double[] scores, CandidateQuery q, int feature, double step)
    {
        var shifted = new double[scores.Length];
        for (var i = 0; i < scores.Length; i++) shifted[i] = scores[i] + step * q.Rows[i][feature];
        return shifted;
    }

    private static int CountHits(List<CandidateQuery> queries, List<double[]> scores)
    {
        var hits = 0;
        for (var i = 0; i < queries.Count; i++)
        {
            if (RankOfTarget(queries[i], scores[i]) < 10) hits++;
        }

        return hits;
    }

    /// <summary>How many candidates rank before the next track by <paramref name="scores"/> (ties keep the listed order).</summary>
    public static int RankOfTarget(CandidateQuery q, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(q);
        ArgumentNullException.ThrowIfNull(scores);
        var t = q.Target;
        var rank = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > scores[t] || (scores[i] == scores[t] && i < t)) rank++;
        }

        return rank;
    }
}
