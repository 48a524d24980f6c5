using System.Globalization;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Grains.State;

namespace Personalization.Grains.Users;

/// <summary>Builds the privacy export from the snapshot the grain stores (<see cref="SnapshotCodec.Capture"/>).</summary>
public static class ExportView
{
    public static UserExport Create(string userId, UserSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var c = snapshot.Counters;
        return new UserExport(
            userId,
            snapshot.Sequence,
            snapshot.LastEventMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(snapshot.LastEventMs) : null,
            [.. snapshot.History.Select(Step)],
            [.. snapshot.Artists.Select(Affinity)],
            [.. snapshot.Tracks.Select(Affinity)],
            snapshot.BlockedTracks,
            c is null
                ? new ProfileCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
                : new ProfileCounters(c.Events, c.Plays, c.Completes, c.Skips, c.EarlySkips, c.Likes, c.Dislikes, c.Saves, c.Duplicates, c.Sessions),
            [.. snapshot.SeenEventHashes.Select(h => h.ToString("x16", CultureInfo.InvariantCulture))],
            RewardView.Create(snapshot.Rewards));
    }

    private static ExportedStep Step(HistoryRecord h)
    {
        var flags = (StepFlags)h.Flags;
        var names = Enum.GetValues<StepFlags>()
            .Where(f => f != StepFlags.None && (flags & f) == f)
            .Select(f => JsonName(f.ToString()))
            .ToArray();
        return new ExportedStep(h.TrackId, h.ArtistId, DateTimeOffset.FromUnixTimeMilliseconds(h.TimeMs), JsonName(((SignalKind)h.Kind).ToString()), names);
    }

    private static ExportedAffinity Affinity(AffinityRecord a) =>
        new(a.Id, Math.Round(a.Weight, 4), DateTimeOffset.FromUnixTimeMilliseconds(a.StampMs));

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
