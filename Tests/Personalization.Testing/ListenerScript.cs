using Personalization.Abstractions;

namespace Personalization.Testing;

/// <summary>
/// Plays a listener's sessions in a few readable lines. Each step gets an increasing timestamp (a track takes
/// <see cref="TrackLength"/> unless a position says otherwise) and a unique event id; <see cref="Pause"/> moves time
/// on, e.g. past the session gap. Nothing is sent until <see cref="SendAsync"/> (one ordered batch) or
/// <see cref="SendOneByOneAsync"/>.
/// </summary>
public sealed class ListenerScript
{
    private readonly PersonalizationTestCluster _cluster;
    private readonly List<ListenEvent> _pending = [];
    private DateTimeOffset _cursor;
    private int _counter;

    internal ListenerScript(PersonalizationTestCluster cluster, string userId)
    {
        _cluster = cluster;
        UserId = userId;
        _cursor = cluster.Clock.Now;
    }

    public string UserId { get; }

    public static TimeSpan TrackLength { get; } = TimeSpan.FromMinutes(3.5);

    public static int TrackDurationMs => (int)TrackLength.TotalMilliseconds;

    /// <summary>Events scripted but not yet sent.</summary>
    public IReadOnlyList<ListenEvent> Pending => _pending;

    /// <summary>The time the next step will carry.</summary>
    public DateTimeOffset Cursor => _cursor;

    public ListenerScript At(DateTimeOffset time)
    {
        _cursor = time;
        return this;
    }

    public ListenerScript Play(string trackId, string artistId) => Add(EventKind.Play, trackId, artistId, 0, advance: TimeSpan.Zero);

    /// <summary>Plays the track to the end.</summary>
    public ListenerScript Complete(string trackId, string artistId) => Add(EventKind.Complete, trackId, artistId, TrackDurationMs, TrackLength);

    /// <summary>Plays then skips at <paramref name="positionMs"/> of a <see cref="TrackLength"/> track.</summary>
    public ListenerScript SkipAt(string trackId, string artistId, int positionMs) =>
        Add(EventKind.Skip, trackId, artistId, positionMs, TimeSpan.FromMilliseconds(positionMs));

    public ListenerScript Like(string trackId, string artistId) => Add(EventKind.Like, trackId, artistId, null, TimeSpan.FromSeconds(1));

    public ListenerScript Save(string trackId, string artistId) => Add(EventKind.Save, trackId, artistId, null, TimeSpan.FromSeconds(1));

    public ListenerScript Dislike(string trackId, string artistId) => Add(EventKind.Dislike, trackId, artistId, null, TimeSpan.FromSeconds(1));

    /// <summary>Completes each track in order (a session of an album or a playlist).</summary>
    public ListenerScript CompleteAll(params (string TrackId, string ArtistId)[] tracks)
    {
        foreach (var (t, a) in tracks) Complete(t, a);
        return this;
    }

    public ListenerScript Pause(TimeSpan gap)
    {
        _cursor += gap;
        return this;
    }

    /// <summary>Sends every pending event as one ordered batch and moves the cluster clock to the script's time.</summary>
    public async Task<RecordResult> SendAsync()
    {
        var events = _pending.ToArray();
        _pending.Clear();
        AlignClock();
        return await _cluster.User(UserId).RecordBatchAsync(events);
    }

    /// <summary>Sends every pending event as its own call, in order.</summary>
    public async Task<IReadOnlyList<RecordResult>> SendOneByOneAsync()
    {
        var events = _pending.ToArray();
        _pending.Clear();
        AlignClock();
        var results = new List<RecordResult>(events.Length);
        foreach (var e in events) results.Add(await _cluster.User(UserId).RecordAsync(e));
        return results;
    }

    public Task<RecommendationList> RecommendAsync(int count = 10) => _cluster.User(UserId).RecommendAsync(new RecommendRequest(count));

    public Task<UserProfile> ProfileAsync() => _cluster.User(UserId).GetProfileAsync();

    /// <summary>The listener's discovery list (tracks never played, with reasons).</summary>
    public Task<RecommendationList> DiscoverAsync(int count = 10) => _cluster.User(UserId).DiscoverAsync(new RecommendRequest(count));

    /// <summary>Every track the listener's stored state remembers (history, track affinities, blocked tracks): what a discovery list must avoid.</summary>
    public async Task<IReadOnlySet<string>> PlayedTracksAsync()
    {
        var export = await _cluster.User(UserId).ExportAsync();
        return export.History.Select(s => s.TrackId).Concat(export.TrackAffinities.Select(a => a.Id)).Concat(export.BlockedTracks).ToHashSet(StringComparer.Ordinal);
    }

    private void AlignClock()
    {
        if (_cursor > _cluster.Clock.Now) _cluster.Clock.Set(_cursor);
    }

    private ListenerScript Add(EventKind kind, string trackId, string artistId, int? positionMs, TimeSpan advance)
    {
        _cursor += advance;
        var duration = kind is EventKind.Complete or EventKind.Skip or EventKind.Play ? TrackDurationMs : (int?)null;
        _pending.Add(new ListenEvent($"{UserId}-{++_counter}-{Guid.NewGuid():N}", trackId, artistId, kind, _cursor, positionMs, duration));
        _cursor += TimeSpan.FromMilliseconds(1);
        return this;
    }
}
