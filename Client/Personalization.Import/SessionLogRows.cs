using System.Globalization;
using Personalization.Abstractions;
using StableHash = Personalization.Engine.StableHash;
using Personalization.Engine.SessionLogs;

namespace Personalization.Import;

/// <summary>
/// A session-rec row as the cluster records it: a <see cref="EventKind.Play"/> of <c>ItemId</c> by <c>ArtistId</c> at
/// <c>Time</c> (unix seconds), as the evaluator replays it. Its event id is derived from the row's five fields
/// (<c>tsv:</c> + 16 hex digits of their stable hash), so importing the same row again is recognized.
/// </summary>
public static class SessionLogRows
{
    public static IReadOnlyList<ImportRow> From(Slice slice)
    {
        ArgumentNullException.ThrowIfNull(slice);
        var rows = new ImportRow[slice.Events.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var e = slice.Events[i];
            rows[i] = new ImportRow(e.UserId, ToEvent(e), slice.Name, e.Line);
        }

        return rows;
    }

    public static string EventIdOf(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var key = string.Join('\t', e.UserId, e.SessionId, e.ItemId, e.Time.ToString(CultureInfo.InvariantCulture), e.ArtistId);
        return "tsv:" + StableHash.Of(key).ToString("x16", CultureInfo.InvariantCulture);
    }

    public static ListenEvent ToEvent(SessionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ListenEvent(EventIdOf(e), e.ItemId, e.ArtistId, EventKind.Play, DateTimeOffset.FromUnixTimeSeconds(e.Time));
    }
}
