using System.Globalization;
using Personalization.Bench.Engine;

namespace Personalization.Tests.Quality;

/// <summary>Writes hand-made <see cref="CandidateExport"/> files for the re-ranker headroom tests; deletes it on dispose.</summary>
internal sealed class CandidateFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"candidates-{Guid.NewGuid():N}.tsv");

    public void Dispose() => File.Delete(Path);

    public void Write(IEnumerable<string> rows) => File.WriteAllLines(Path, [string.Join('\t', CandidateColumns.All), .. rows]);

    /// <summary>One query's rows in the engine's order: <paramref name="target"/> is the next track's position (-1: not listed).</summary>
    public static IEnumerable<string> Query(
        string id, int target, int count, Func<int, double> score, Func<int, double>? after1 = null, Func<int, double>? sameArtist = null, double trending = 0, double listeners = 0)
    {
        for (var i = 0; i < count; i++)
        {
            var values = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["hit"] = i == target ? 1 : 0,
                ["rank"] = i,
                ["score"] = score(i),
                ["steps_since_session_play"] = -1,
                ["rank_in_artist"] = -1,
                ["after_1"] = after1?.Invoke(i) ?? 0,
                ["same_artist"] = sameArtist?.Invoke(i) ?? 0,
                ["trending"] = trending,
                ["listeners"] = listeners,
            };
            yield return string.Join('\t', CandidateColumns.All.Select(c => c == "query" ? id : values.GetValueOrDefault(c).ToString(CultureInfo.InvariantCulture)));
        }
    }

    /// <summary>A query that was asked but had no candidates at all.</summary>
    public static string EmptyQuery(string id) => id + "\t0\t-1" + new string('\t', CandidateColumns.All.Count - 3);
}
