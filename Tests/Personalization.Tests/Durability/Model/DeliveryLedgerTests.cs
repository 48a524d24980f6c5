using Personalization.Engine;
using Personalization.Engine.Model;

namespace Personalization.Tests.Durability.Model;

/// <summary>
/// A model shard learns each numbered batch once: a sender's repeat (its answer was lost) is recognised, also by the
/// shard's next activation, which restores the ledger from the same checkpoint as the learner.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class DeliveryLedgerTests
{
    private const long T0 = 1_767_571_200_000;

    [Fact]
    public void A_batch_at_or_below_a_senders_last_number_is_refused_and_the_next_is_accepted()
    {
        var ledger = new DeliveryLedger();

        Assert.True(ledger.Accept(7, 1));
        Assert.True(ledger.Accept(7, 2));
        Assert.False(ledger.Accept(7, 2)); // delivered again
        Assert.False(ledger.Accept(7, 1)); // a late copy of an earlier one
        Assert.True(ledger.Accept(9, 1)); // another sender numbers its own batches
        Assert.True(ledger.Accept(7, 3));
        Assert.True(ledger.Accept(0, 1) && ledger.Accept(0, 1)); // unnumbered: always learned
        Assert.Equal(2, ledger.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => ledger.Accept(7, 0));
    }

    [Fact]
    public void At_capacity_the_least_recently_seen_sender_is_forgotten()
    {
        var ledger = new DeliveryLedger(capacity: 3);
        ledger.Accept(1, 1);
        ledger.Accept(2, 1);
        ledger.Accept(3, 1);
        ledger.Accept(1, 2); // sender 1 seen again: sender 2 is now the least recent

        ledger.Accept(4, 1);

        Assert.Equal([(3UL, 1L), (1UL, 2L), (4UL, 1L)], ledger.Entries());
        Assert.True(ledger.Accept(2, 1)); // forgotten (a sender long gone repeats nothing)
    }

    [Fact]
    public void The_ledger_is_restored_with_the_learner_from_the_same_checkpoint()
    {
        var (learner, vocabulary) = LearnerCheckpointTests.Learner(new EngineOptions());
        var ledger = new DeliveryLedger();
        var checkpoint = new LearnerCheckpoint(learner, vocabulary, 16, ledger);
        ledger.Accept(42, 5);
        learner.Apply(LearnerCheckpointTests.Sessions(vocabulary, 0, 10));
        ledger.Accept(43, 1);
        learner.Apply(LearnerCheckpointTests.Sessions(vocabulary, 10, 12));
        var items = checkpoint.Capture(T0).Items;

        var (restored, restoredVocabulary) = LearnerCheckpointTests.Learner(new EngineOptions());
        var restoredLedger = new DeliveryLedger();
        new LearnerCheckpoint(restored, restoredVocabulary, 16, restoredLedger).Restore(items);

        Assert.Equal(ledger.Entries(), restoredLedger.Entries());
        Assert.False(restoredLedger.Accept(42, 5));
        Assert.True(restoredLedger.Accept(42, 6));
    }

    [Fact]
    public void A_ledger_that_moved_alone_is_written_and_an_unchanged_one_is_not()
    {
        var (learner, vocabulary) = LearnerCheckpointTests.Learner(new EngineOptions());
        var ledger = new DeliveryLedger();
        var checkpoint = new LearnerCheckpoint(learner, vocabulary, 16, ledger);
        learner.Apply(LearnerCheckpointTests.Sessions(vocabulary, 0, 4));
        checkpoint.Capture(T0);
        Assert.True(checkpoint.Snapshot(T0 + 1).IsEmpty);

        ledger.Accept(42, 1);

        Assert.Equal([LearnerCheckpoint.HeaderKey], checkpoint.Capture(T0 + 2).Items.Select(i => i.Key));
    }

    [Fact]
    public void A_header_written_before_the_ledger_restores_with_an_empty_one_and_a_build_before_it_reads_the_new_header()
    {
        // Version 2 as builds before the ledger wrote it: observations, buckets, time, closed.
        var old = CheckpointCodec.Encode(2, w =>
        {
            w.Write(12L);
            w.Write(16);
            w.Write(T0);
            w.Write(true);
        });
        var (learner, vocabulary) = LearnerCheckpointTests.Learner(new EngineOptions());
        var ledger = new DeliveryLedger();

        var observations = new LearnerCheckpoint(learner, vocabulary, 16, ledger).Restore([new CheckpointItem(LearnerCheckpoint.HeaderKey, old)]);

        Assert.Equal(12, observations);
        Assert.Equal(0, ledger.Count);
        Assert.True(LearnerCheckpoint.IsClosed(new CheckpointItem(LearnerCheckpoint.HeaderKey, old)));

        // A rollback to a build before the ledger: it reads the four fields it knows from the new header.
        ledger.Accept(42, 3);
        learner.Apply(LearnerCheckpointTests.Sessions(vocabulary, 0, 2));
        var header = new LearnerCheckpoint(learner, vocabulary, 16, ledger).Capture(T0, closing: true).Items.Single(i => i.Key == LearnerCheckpoint.HeaderKey);
        var read = CheckpointCodec.Decode(header.Data, 2, (r, _) => (r.ReadInt64(), r.ReadInt32(), r.ReadInt64(), r.ReadBoolean()));
        Assert.Equal((learner.ObservationsApplied, 16, T0, true), read);
    }
}
