using Personalization.Abstractions;
using Personalization.Journal;
using Personalization.Journal.Segments;
using Personalization.Testing;

namespace Personalization.Tests.Durability;

/// <summary>
/// The segment layout on Azurite: a 2-silo test cluster in Azure mode, with the partition writers called directly
/// (as the silos' journal does) and through the user grains. What storage holds is read back from the table itself.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "Azurite")]
[Collection(AzuriteCollection.Name)]
public sealed class SegmentJournalTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Partitions = 8; // the default
    private PersonalizationCluster _cluster = null!;

    private string JournalTable => _cluster.Settings.Configuration["Personalization:Journal:TableName"]!;

    public async Task InitializeAsync()
    {
        var settings = new TestClusterSettings().UseAzureStorage(azurite.ConnectionString);
        settings.Configuration["Personalization:Snapshots:EveryEvents"] = "100";
        settings.Configuration["Personalization:Journal:SweepInterval"] = Timeout.InfiniteTimeSpan.ToString();
        settings.Configuration["Personalization:Journal:SweepAge"] = "00:00:00";
        _cluster = PersonalizationCluster.Create(settings);
        await _cluster.InitializeAsync();
    }

    public Task DisposeAsync() => _cluster.DisposeAsync();

    [Fact]
    public async Task An_append_that_does_not_follow_the_last_committed_sequence_is_refused()
    {
        var (user, _, writer) = UsersOfOnePartition(1);

        var first = await writer.AppendAsync([Append(user, 1, "e1")]);
        var sameSequence = await writer.AppendAsync([Append(user, 1, "e2")]); // a duplicate activation's append
        var gap = await writer.AppendAsync([Append(user, 3, "e3")]);
        var next = await writer.AppendAsync([Append(user, 2, "e4", "e5")]);
        var tail = await writer.ReadTailAsync(user, 0);
        var tailAfter2 = await writer.ReadTailAsync(user, 2);

        Assert.Equal([JournalAppendOutcome.Committed], first);
        Assert.Equal([JournalAppendOutcome.Conflict], sameSequence);
        Assert.Equal([JournalAppendOutcome.Conflict], gap);
        Assert.Equal([JournalAppendOutcome.Committed], next);
        Assert.Equal([1L, 2, 3], tail.Sequences);
        Assert.Equal(["e1", "e4", "e5"], tail.Events.Select(EventIdOf));
        Assert.Equal([3L], tailAfter2.Sequences);
    }

    [Fact]
    public async Task An_append_repeated_after_its_answer_was_lost_counts_as_committed_once()
    {
        var (a, b, writer) = UsersOfOnePartition(2);
        Assert.Equal([JournalAppendOutcome.Committed], await writer.AppendAsync([Append(a, 1, "a1", "a2")]));

        var repeated = await writer.AppendAsync([Append(a, 1, "a1", "a2")]); // the same entries: a silo repeating a lost call
        var different = await writer.AppendAsync([Append(a, 1, "a1", "other")]);
        var copiesInOneCall = await writer.AppendAsync([Append(b, 1, "b1"), Append(b, 1, "b1")]);
        var tailOfA = await writer.ReadTailAsync(a, 0);
        var tailOfB = await writer.ReadTailAsync(b, 0);

        Assert.Equal([JournalAppendOutcome.Committed], repeated);
        Assert.Equal([JournalAppendOutcome.Conflict], different);
        Assert.Equal([JournalAppendOutcome.Committed, JournalAppendOutcome.Committed], copiesInOneCall);
        Assert.Equal([1L, 2], tailOfA.Sequences);
        Assert.Equal([1L], tailOfB.Sequences);
    }

    [Fact]
    public async Task Many_users_appends_in_one_call_are_stored_in_one_segment()
    {
        var (_, _, writer) = UsersOfOnePartition(1);
        var users = UsersIn(PartitionOfWriter(writer), 50);
        var before = (await writer.GetStatusAsync()).HighestSegment;

        var outcomes = await writer.AppendAsync([.. users.Select(u => Append(u, 1, $"{u}-1"))]);
        var after = (await writer.GetStatusAsync()).HighestSegment;
        var stored = await StoredJournal.SegmentsAsync(azurite.ConnectionString, JournalTable, PartitionOfWriter(writer));

        Assert.All(outcomes, o => Assert.Equal(JournalAppendOutcome.Committed, o));
        Assert.Equal(before + 1, after);
        var segment = Assert.Single(stored, s => s.Number == after);
        Assert.Equal(users.Order(), segment.Entries.Select(e => e.UserId).Order());
        Assert.Single(segment.Parts); // one entity for 50 events
    }

    [Fact]
    public async Task A_segment_stored_by_another_writer_is_absorbed_before_this_writer_commits_behind_it()
    {
        var (a, b, writer) = UsersOfOnePartition(2);
        Assert.Equal([JournalAppendOutcome.Committed], await writer.AppendAsync([Append(a, 1, "a1")]));
        var highest = (await writer.GetStatusAsync()).HighestSegment;

        // A duplicate writer of this partition (a membership change) stores the next segment first: a's sequence 2.
        var options = StoredJournal.Options(azurite.ConnectionString, JournalTable);
        await StoredJournal.Table(options).InsertAsync(PartitionOfWriter(writer), highest + 1, SegmentFormat.Encode([new SegmentEntry(a, 2, Event("a2-foreign"))]));

        var outcomes = await writer.AppendAsync([Append(a, 2, "a2-mine"), Append(b, 1, "b1")]);
        var tail = await writer.ReadTailAsync(a, 0);

        Assert.Equal([JournalAppendOutcome.Conflict, JournalAppendOutcome.Committed], outcomes);
        Assert.Equal([1L, 2], tail.Sequences);
        Assert.Equal(["a1", "a2-foreign"], tail.Events.Select(EventIdOf));
        Assert.Equal(highest + 2, (await writer.GetStatusAsync()).HighestSegment);
    }

    [Fact]
    public async Task A_restarted_writer_refuses_appends_behind_a_snapshot_whose_segments_are_gone()
    {
        var (a, b, writer) = UsersOfOnePartition(2);
        var script = _cluster.Listener(a);
        for (var i = 0; i < 130; i++) script.Complete($"rs-{i}", "rs-a");
        await script.SendAsync(); // one append of 130: a snapshot at 130 covers all of it
        await _cluster.Client.GetGrain<IListenerCheckpointGrain>(a).CheckpointAsync(); // nothing new to write: waits for the cover
        await _cluster.User(b).RecordAsync(new ListenEvent("b-1", "rs-t", "rs-a", EventKind.Play, _cluster.Clock.Now.AddMinutes(-1)));
        await writer.GetStatusAsync(); // a's segment is no longer the newest: deleted
        var storedOfA = await StoredJournal.CountEntriesAsync(azurite.ConnectionString, JournalTable, a);

        await _cluster.Cluster.DeactivateAsync(writer); // the next call activates a fresh writer: it scans, a is not in any segment
        var stale = await writer.AppendAsync([Append(a, 1, "stale")]); // e.g. an activation that loaded before the first snapshot
        var behind = await writer.AppendAsync([Append(a, 101, "behind")]);
        var following = await writer.AppendAsync([Append(a, 131, "next")]);

        Assert.Equal(0, storedOfA);
        Assert.Equal([JournalAppendOutcome.Conflict], stale);
        Assert.Equal([JournalAppendOutcome.Conflict], behind);
        Assert.Equal([JournalAppendOutcome.Committed], following);
    }

    [Fact]
    public async Task A_restarted_writer_tells_a_reader_behind_the_stored_snapshot_that_its_entries_are_gone()
    {
        var (a, b, writer) = UsersOfOnePartition(2);
        var script = _cluster.Listener(a);
        for (var i = 0; i < 130; i++) script.Complete($"rb-{i}", "rb-a");
        await script.SendAsync(); // a snapshot at 130 covers all of it
        await _cluster.Client.GetGrain<IListenerCheckpointGrain>(a).CheckpointAsync();
        await _cluster.User(b).RecordAsync(new ListenEvent("b-1", "rb-t", "rb-a", EventKind.Play, _cluster.Clock.Now.AddMinutes(-1)));
        await writer.GetStatusAsync(); // a's segment is no longer the newest: deleted

        await _cluster.Cluster.DeactivateAsync(writer); // a fresh writer has seen no cover of a's
        var behind = await writer.ReadTailAsync(a, 100); // an activation that read an older snapshot (at 100)
        var current = await writer.ReadTailAsync(a, 130);

        Assert.Equal(130, behind.CoveredThrough); // its loader reads the snapshot again (JournalSnapshotBehindException)
        Assert.Empty(behind.Sequences);
        Assert.Equal(130, current.CoveredThrough);
        Assert.Empty(current.Sequences);
    }

    [Fact]
    public async Task Forgetting_a_user_rewrites_the_segments_it_shares_with_others()
    {
        var (a, b, writer) = UsersOfOnePartition(2);
        await writer.AppendAsync([Append(a, 1, "a1"), Append(b, 1, "b1")]);
        await writer.AppendAsync([Append(b, 2, "b2"), Append(a, 2, "a2")]);

        await writer.ForgetAsync(a);
        var storedOfA = await StoredJournal.CountEntriesAsync(azurite.ConnectionString, JournalTable, a);
        var storedOfB = await StoredJournal.CountEntriesAsync(azurite.ConnectionString, JournalTable, b);
        var tailOfB = await writer.ReadTailAsync(b, 0);
        var tailOfA = await writer.ReadTailAsync(a, 0);
        var restart = await writer.AppendAsync([Append(a, 1, "a-again")]);

        Assert.Equal(0, storedOfA);
        Assert.Equal(2, storedOfB);
        Assert.Equal(["b1", "b2"], tailOfB.Events.Select(EventIdOf));
        Assert.Empty(tailOfA.Sequences);
        Assert.Equal([JournalAppendOutcome.Committed], restart);
    }

    [Fact]
    public async Task The_sweep_asks_listeners_with_long_uncovered_entries_for_a_snapshot()
    {
        var (a, _, writer) = UsersOfOnePartition(1);
        var script = _cluster.Listener(a);
        for (var i = 0; i < 5; i++) script.Complete($"sw-{i}", "sw-a");
        await script.SendAsync(); // below the snapshot threshold: only in the journal
        var before = await writer.GetStatusAsync();

        var asked = await writer.SweepAsync(); // sweep age 0 in this fixture
        var after = await writer.GetStatusAsync();
        var staleRead = await writer.ReadTailAsync(a, 0); // an activation that read no snapshot learns that one covers 5
        await _cluster.DeactivateUserAsync(a);
        var profile = await _cluster.User(a).GetProfileAsync();

        Assert.Equal(5, before.UncoveredEntries);
        Assert.Equal(1, asked);
        Assert.Equal(0, after.UncoveredEntries);
        Assert.Equal(5, staleRead.CoveredThrough);
        Assert.Equal(5, profile.Sequence); // the snapshot holds what the journal no longer needs to
    }

    [Fact]
    public async Task The_writers_report_what_they_hold_as_metrics()
    {
        var (a, _, writer) = UsersOfOnePartition(1);
        await writer.AppendAsync([Append(a, 1, "m1", "m2", "m3")]);
        var status = await writer.GetStatusAsync();
        await using var api = await PersonalizationApiHost.StartAsync(_cluster);

        var text = await (await api.ClientWith(null).GetAsync(Personalization.Client.Operations.Telemetry.MetricsPath)).Content.ReadAsStringAsync();
        var line = text.Split('\n').Single(l => l.StartsWith("personalization_journal_uncovered_entries", StringComparison.Ordinal) && l.Contains($"partition=\"{PartitionOfWriter(writer)}\"", StringComparison.Ordinal));

        Assert.Equal(status.UncoveredEntries, long.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("personalization_journal_segments", text, StringComparison.Ordinal);
    }

    private (string A, string B, IJournalPartitionGrain Writer) UsersOfOnePartition(int count)
    {
        var partition = Random.Shared.Next(Partitions);
        var users = UsersIn(partition, count);
        return (users[0], count > 1 ? users[1] : "", _cluster.Client.GetGrain<IJournalPartitionGrain>(partition));
    }

    private static List<string> UsersIn(int partition, int count)
    {
        var users = new List<string>();
        while (users.Count < count)
        {
            var user = PersonalizationCluster.UniqueUser("seg");
            if (SegmentEventJournal.PartitionOf(user, Partitions) == partition) users.Add(user);
        }

        return users;
    }

    private static int PartitionOfWriter(IJournalPartitionGrain writer) => (int)writer.GetPrimaryKeyLong();

    private static JournalAppendRecord Append(string user, long first, params string[] eventIds) =>
        new(user, first, [.. eventIds.Select(Event)]);

    private static string Event(string eventId) =>
        JournalEventCodec.Encode(new ListenEvent(eventId, "seg-t", "seg-a", EventKind.Play, new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)));

    private static string EventIdOf(string json) => JournalEventCodec.Decode(json).EventId;
}
