using System.Text;
using Personalization.Abstractions;
using Personalization.Engine;
using Personalization.Journal;
using Personalization.Grains.State;
using Personalization.Grains.Users;
using Personalization.Tests.Durability;
using Personalization.Tests.Operations;

namespace Personalization.Tests.Security;

/// <summary>Logs name a listener by a keyed hash of its id, never by the id (finding 8).</summary>
[Trait("Category", "Security")]
[Trait("Requires", "None")]
public sealed class LogPrivacyTests
{
    private const string User = "privacy-listener-0042";
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a-log-hash-key-of-at-least-32-bytes!!");

    [Fact]
    public async Task A_listener_store_logs_the_keyed_hash_not_the_user_id()
    {
        var vocabulary = new Vocabulary();
        var snapshots = new FakeSnapshotStore();
        await snapshots.ReadStateAsync();
        var capture = new ScopeCapture();
        var pseudonyms = new UserIdPseudonyms(Key);
        var store = new ListenerStore(
            User, snapshots, new ListenerStoreServices(new MemoryEventJournal(), new SnapshotCodec(vocabulary), new EventMapper(vocabulary), new SnapshotOptions(),
            TimeProvider.System, capture.CreateLogger("listener"), pseudonyms));
        var state = await store.LoadAsync(null, new EngineOptions(), CancellationToken.None);
        var played = new ListenEvent("p-1", "p-t1", "p-a", EventKind.Complete, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), 1000, 1000);
        state.Apply(played.EventId, new EventMapper(vocabulary).ToListen(played));
        var newer = new SnapshotCodec(vocabulary).Capture(state);
        newer.Sequence = 10; // another activation got further: this one logs that it is stale
        snapshots.WriteBehindTheBack(newer);

        Assert.False(await store.SnapshotAsync(state));

        var line = Assert.Single(capture.Lines).Message;
        Assert.Contains(pseudonyms.Of(User), line, StringComparison.Ordinal);
        Assert.DoesNotContain(User, line, StringComparison.Ordinal);
        Assert.DoesNotContain("0042", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hash_depends_on_the_key_and_is_stable_for_one_key()
    {
        var first = new UserIdPseudonyms(Key);
        var again = new UserIdPseudonyms(Key);
        var otherKey = new UserIdPseudonyms(Encoding.UTF8.GetBytes("another-log-hash-key-of-32-bytes-or-more"));

        Assert.Equal(first.Of(User), again.Of(User));
        Assert.NotEqual(first.Of(User), otherKey.Of(User));
        Assert.NotEqual(first.Of(User), first.Of(User + "x"));
        Assert.Matches("^user#[0-9a-f]{16}$", first.Of(User));
    }

    [Fact]
    public void A_short_key_is_refused_at_start()
    {
        Assert.Contains(new LogPrivacyOptions { UserIdKey = "short" }.Validate(), e => e.Contains("UserIdKey", StringComparison.Ordinal));
        Assert.Empty(new LogPrivacyOptions().Validate());
    }
}
