using System.Globalization;
using System.Text;

namespace Personalization.Tests.Import;

/// <summary>
/// Small synthetic session-rec logs for the import tests (no real data): every listener plays sessions of a few tracks
/// along a fixed route through a small catalogue, so the shared model learns the same transitions from everyone.
/// </summary>
internal static class ImportLogs
{
    public const string Header = "UserId\tSessionId\tItemId\tTime\tArtistId";

    /// <summary>
    /// <paramref name="users"/> listeners × <paramref name="sessions"/> sessions × <paramref name="plays"/> plays, ids
    /// prefixed with <paramref name="prefix"/>; sessions <paramref name="sessionEvery"/> apart from <paramref name="start"/>,
    /// plays 4 minutes apart. Rows are written session by session (not in time order, as session-rec files are).
    /// </summary>
    public static string Tsv(string prefix, int users, int sessions, int plays, DateTimeOffset start, TimeSpan sessionEvery)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var row in Rows(prefix, users, sessions, plays, start, sessionEvery)) text.Append(row).Append('\n');
        return text.ToString();
    }

    public static IEnumerable<string> Rows(string prefix, int users, int sessions, int plays, DateTimeOffset start, TimeSpan sessionEvery)
    {
        for (var u = 0; u < users; u++)
        {
            for (var s = 0; s < sessions; s++)
            {
                var at = start + sessionEvery * s + TimeSpan.FromMinutes(7 * u);
                for (var p = 0; p < plays; p++)
                {
                    var track = (u + s + p) % 12; // the route t0 → t1 → … → t11 → t0, entered at different points
                    yield return string.Join('\t',
                        $"{prefix}-u{u}", $"{prefix}-s{u}x{s}", $"{prefix}-t{track}",
                        (at + TimeSpan.FromMinutes(4 * p)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), $"{prefix}-a{track / 4}");
                }
            }
        }
    }

    public static string[] Users(string prefix, int users) => [.. Enumerable.Range(0, users).Select(u => $"{prefix}-u{u}")];

    public static string[] Tracks(string prefix) => [.. Enumerable.Range(0, 12).Select(t => $"{prefix}-t{t}")];

    public static string[] Artists(string prefix) => [.. Enumerable.Range(0, 3).Select(a => $"{prefix}-a{a}")];
}
