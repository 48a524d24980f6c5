using Personalization.Engine;
using Personalization.Engine.Rewards;

namespace Personalization.Grains.State;

/// <summary>Converts between the engine's interned in-memory state and the stored snapshot with external ids.</summary>
public sealed class SnapshotCodec(Vocabulary vocabulary)
{
    public UserSnapshot Capture(ListenerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var history = new HistoryRecord[state.History.Count];
        for (var i = 0; i < history.Length; i++)
        {
            var h = state.History[i];
            history[i] = new HistoryRecord(vocabulary.NameOf(h.Track), vocabulary.NameOf(h.Artist), h.TimeMs, (byte)h.Kind, (byte)h.Flags);
        }

        ref readonly var c = ref state.Counters;
        return new UserSnapshot
        {
            Sequence = state.Sequence,
            LastEventMs = state.LastEventMs,
            Artists = Affinities(in state.Artists),
            Tracks = Affinities(in state.Tracks),
            History = history,
            SeenEventHashes = state.SeenEvents.ToArray(),
            BlockedTracks = [.. state.BlockedTracks.ToArray().Select(vocabulary.NameOf)],
            Counters = new CountersRecord(c.Events, c.Plays, c.Completes, c.Skips, c.EarlySkips, c.Likes, c.Dislikes, c.Saves, c.Duplicates, c.Sessions),
            Rewards = Rewards(in state.Rewards.Stats),
        };
    }

    /// <summary>
    /// Builds live state from a snapshot; entries beyond the current caps are dropped (oldest history first). Names get
    /// their ids from <paramref name="idOf"/> (a listener's leases, <see cref="ListenerIds.Id"/>), or are admitted.
    /// </summary>
    public ListenerState Restore(UserSnapshot snapshot, EngineOptions options, Func<string, int>? idOf = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var id = idOf ?? vocabulary.Intern;
        if (snapshot.FormatVersion > UserSnapshot.CurrentFormatVersion)
        {
            throw new NotSupportedException($"Stored user snapshot has format {snapshot.FormatVersion}; this build reads up to {UserSnapshot.CurrentFormatVersion}.");
        }

        var state = new ListenerState(options) { Sequence = snapshot.Sequence, LastEventMs = snapshot.LastEventMs };
        foreach (var a in snapshot.Artists ?? []) state.Artists.Restore(new Affinity(id(a.Id), a.Weight, a.StampMs));
        foreach (var t in snapshot.Tracks ?? []) state.Tracks.Restore(new Affinity(id(t.Id), t.Weight, t.StampMs));
        foreach (var h in snapshot.History ?? [])
        {
            state.History.Add(new HistoryEntry(id(h.TrackId), id(h.ArtistId), h.TimeMs, (SignalKind)h.Kind, (StepFlags)h.Flags));
        }

        foreach (var hash in snapshot.SeenEventHashes ?? []) state.SeenEvents.Add(hash);
        foreach (var track in snapshot.BlockedTracks ?? []) state.BlockedTracks.Add(id(track));
        if (snapshot.Counters is { } c)
        {
            ref var k = ref state.Counters;
            (k.Events, k.Plays, k.Completes, k.Skips, k.EarlySkips) = (c.Events, c.Plays, c.Completes, c.Skips, c.EarlySkips);
            (k.Likes, k.Dislikes, k.Saves, k.Duplicates, k.Sessions) = (c.Likes, c.Dislikes, c.Saves, c.Duplicates, c.Sessions);
        }

        if (snapshot.Rewards is { } r) Restore(r, ref state.Rewards.Stats);
        return state;
    }

    private static RewardsRecord? Rewards(in RewardStats s) => s.ListsServed == 0
        ? null // a listener never served a list stores nothing extra
        : new RewardsRecord(s.ListsServed, s.ItemsServed, s.Started, s.Completed, s.SkippedEarly, s.Saved, s.Liked, s.Disliked,
            s.ListsReturned, s.Reward, [.. s.ServedBySource], [.. s.RewardBySource]);

    private static void Restore(RewardsRecord r, ref RewardStats s)
    {
        (s.ListsServed, s.ItemsServed, s.Started, s.Completed, s.SkippedEarly) = (r.ListsServed, r.ItemsServed, r.Started, r.Completed, r.SkippedEarly);
        (s.Saved, s.Liked, s.Disliked, s.ListsReturned, s.Reward) = (r.Saved, r.Liked, r.Disliked, r.ListsReturned, r.Reward);
        s.RestoreBySource(r.ServedBySource, r.RewardBySource);
    }

    private AffinityRecord[] Affinities(in AffinityTable table)
    {
        var entries = table.Entries;
        var result = new AffinityRecord[entries.Length];
        for (var i = 0; i < entries.Length; i++) result[i] = new AffinityRecord(vocabulary.NameOf(entries[i].Id), entries[i].Weight, entries[i].StampMs);
        return result;
    }
}
