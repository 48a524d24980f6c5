using System.Globalization;
using System.Text;
using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Bench.Engine;

/// <summary>
/// Tuning instrumentation for <c>evaluate --direct --breakdown</c>:
/// classifies every scored query by how its next track relates to the listener's state just before it (unknown to the
/// model, replay of the playing track, repeat of a session track, the playing track's artist, another session artist,
/// a new artist) and reports per class how often the engine's list hits it at 10, at 20, and at all (top 100), and by
/// which reason. With <c>--misses FILE</c> it also appends every miss at 10 to FILE (engine-internal
/// ids, the session, the top 12 with reasons). Reads the state only; changes nothing.
/// </summary>
internal sealed class QueryBreakdown(string? missesFile)
{
    public const int DepthChecked = 100;

    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);

    /// <summary>Records one query: the engine's long list (best first) and the track actually played next.</summary>
    public void Add(ListenerState state, IModelView model, IReadOnlyList<RecommendedTrack> ranked, long nowMs, int target, int targetArtist)
    {
        var kind = Classify(state, model, nowMs, target, targetArtist);
        if (!_rows.TryGetValue(kind, out var row))
        {
            row = new Row();
            _rows[kind] = row;
        }

        row.N++;
        var rank = -1;
        for (var i = 0; i < ranked.Count; i++)
        {
            if (ranked[i].Track != target) continue;
            rank = i;
            break;
        }

        if (missesFile is { } misses && (rank < 0 || rank >= 10)) File.AppendAllText(misses, DescribeMiss(state, ranked, kind, target, targetArtist, rank));

        if (rank < 0) return;
        if (rank < 10) row.Hit10++;
        if (rank < 20) row.Hit20++;
        row.InList++;
        var reason = ranked[rank].Reason.ToString();
        row.Reasons[reason] = row.Reasons.GetValueOrDefault(reason) + 1;
    }

    /// <summary>One miss for reading by eye: the session (after the last five earlier steps), the top 12 with reasons and scores, the target's rank.</summary>
    private static string DescribeMiss(ListenerState state, IReadOnlyList<RecommendedTrack> ranked, string kind, int target, int targetArtist, int rank)
    {
        var start = state.SessionStartIndex();
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"## {kind}: target {target}/a{targetArtist} at rank {rank}\n  steps:");
        for (var i = Math.Max(0, start - 5); i < state.History.Count; i++)
        {
            if (i == start) sb.Append(" |");
            sb.Append(CultureInfo.InvariantCulture, $" {state.History[i].Track}/a{state.History[i].Artist}");
        }

        sb.Append("\n  top:");
        for (var i = 0; i < Math.Min(12, ranked.Count); i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $" {ranked[i].Track}/a{ranked[i].Artist}:{ranked[i].Reason}:{ranked[i].Score:F2}");
        }

        if (rank >= 0) sb.Append(CultureInfo.InvariantCulture, $"\n  target: {ranked[rank].Reason} {ranked[rank].Score:F3}");
        return sb.Append('\n').ToString();
    }

    private static string Classify(ListenerState state, IModelView model, long nowMs, int target, int targetArtist)
    {
        if (model.ArtistOf(target) < 0) return "unknown track";
        if (!state.IsSessionActive(nowMs)) return "no active session";
        var start = state.SessionStartIndex();
        var last = state.History[state.History.Count - 1];
        if (target == last.Track) return "replay of playing";
        var inSession = false;
        var artistInSession = false;
        for (var i = start; i < state.History.Count; i++)
        {
            inSession |= state.History[i].Track == target;
            artistInSession |= state.History[i].Artist == targetArtist;
        }

        var inHistory = false;
        for (var i = 0; i < start; i++) inHistory |= state.History[i].Track == target;
        var suffix = inHistory ? " (in history)" : string.Empty;
        if (inSession) return "session repeat";
        if (targetArtist == last.Artist) return "same artist, new track" + suffix;
        if (artistInSession) return "earlier session artist" + suffix;
        return "new artist" + suffix;
    }

    public string Render()
    {
        var total = _rows.Values.Sum(r => r.N);
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"query class",-38} {"n",6} {"share",6} {"hit@10",7} {"hit@20",7} {"top100",7}  reasons (of found)");
        foreach (var (kind, r) in _rows.OrderByDescending(p => p.Value.N))
        {
            var reasons = string.Join(", ", r.Reasons.OrderByDescending(p => p.Value).Select(p => $"{p.Key} {p.Value}"));
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{kind,-38} {r.N,6} {(double)r.N / total,6:F3} {(double)r.Hit10 / r.N,7:F3} {(double)r.Hit20 / r.N,7:F3} {(double)r.InList / r.N,7:F3}  {reasons}");
        }

        var hits = _rows.Values.Sum(r => r.Hit10);
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"all",-38} {total,6} {1.0,6:F3} {(double)hits / total,7:F3}");
        return sb.ToString();
    }

    private sealed class Row
    {
        public int N;
        public int Hit10;
        public int Hit20;
        public int InList;
        public Dictionary<string, int> Reasons { get; } = new(StringComparer.Ordinal);
    }
}
