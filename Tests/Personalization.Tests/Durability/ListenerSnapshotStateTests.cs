using Orleans.Storage;
using Personalization.Grains;
using Personalization.Grains.State;
using Personalization.Grains.Users;

namespace Personalization.Tests.Durability;

/// <summary>
/// The user grain's own view of its stored snapshot (in place of Orleans' <c>[PersistentState]</c> facet): it reads and
/// writes under the users' state name, fills in what the provider reports, and reports failures as the facet did.
/// </summary>
[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class ListenerSnapshotStateTests
{
    private static readonly GrainId Listener = GrainId.Create("user", "snapshot-state-listener");

    private sealed record Identity(GrainId ListenerGrainId) : IListenerIdentity;

    [Fact]
    public async Task It_reads_and_writes_under_the_users_state_name_and_keeps_what_the_provider_reports()
    {
        var storage = new ScriptedStorage { Stored = new UserSnapshot { Sequence = 42 }, StoredEtag = "e1" };
        var state = new ListenerSnapshotState(storage, new Identity(Listener));

        await state.ReadStateAsync();
        Assert.Equal((42L, "e1", true), (state.State.Sequence, state.Etag, state.RecordExists));
        Assert.Equal([(StorageNames.UserState, Listener)], storage.Calls);

        state.State = new UserSnapshot { Sequence = 43 };
        await state.WriteStateAsync();
        Assert.Equal((43L, "e2"), (storage.Stored!.Sequence, state.Etag));
    }

    [Fact]
    public async Task A_missing_record_reads_as_an_empty_snapshot()
    {
        var state = new ListenerSnapshotState(new ScriptedStorage(), new Identity(Listener));

        await state.ReadStateAsync();

        Assert.False(state.RecordExists);
        Assert.Equal(0, state.State.Sequence);
    }

    [Fact]
    public async Task A_storage_error_comes_wrapped_as_the_facet_wrapped_it_and_an_orleans_error_as_it_is()
    {
        var failing = new ListenerSnapshotState(new ScriptedStorage { Failure = new IOException("connection reset") }, new Identity(Listener));
        var wrapped = await Assert.ThrowsAsync<OrleansException>(failing.ReadStateAsync);
        Assert.IsType<IOException>(wrapped.InnerException);

        var conflict = new InconsistentStateException("etag mismatch", "stored", "current");
        var conflicting = new ListenerSnapshotState(new ScriptedStorage { Failure = conflict }, new Identity(Listener));
        Assert.Same(conflict, await Assert.ThrowsAsync<InconsistentStateException>(conflicting.WriteStateAsync));
    }

    [Fact]
    public void A_migrated_activation_takes_over_what_the_previous_one_carried()
    {
        var state = new ListenerSnapshotState(new ScriptedStorage(), new Identity(Listener));

        state.Restore(new GrainState<UserSnapshot>(new UserSnapshot { Sequence = 7 }) { ETag = "carried", RecordExists = true });

        Assert.Equal((7L, "carried", true), (state.State.Sequence, state.Etag, state.RecordExists));
    }

    /// <summary>A provider holding one record: ETags e1, e2, …; can be told to fail.</summary>
    private sealed class ScriptedStorage : IGrainStorage
    {
        public UserSnapshot? Stored { get; set; }

        public string? StoredEtag { get; set; }

        public Exception? Failure { get; init; }

        public List<(string Name, GrainId Grain)> Calls { get; } = [];

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Calls.Add((stateName, grainId));
            if (Failure is not null) throw Failure;
            grainState.State = (T?)(object?)Stored;
            grainState.ETag = StoredEtag;
            grainState.RecordExists = Stored is not null;
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (Failure is not null) return Task.FromException(Failure);
            Stored = (UserSnapshot?)(object?)grainState.State;
            StoredEtag = grainState.ETag = "e" + (int.Parse(StoredEtag?[1..] ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1);
            grainState.RecordExists = true;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            Stored = null;
            grainState.RecordExists = false;
            return Task.CompletedTask;
        }
    }
}
