using Orleans.Storage;
using Personalization.Grains.State;

namespace Personalization.Tests.Durability;

/// <summary>
/// An <see cref="IPersistentState{TState}"/> backed by one "stored" snapshot, which a test can overwrite behind the
/// grain's back (as a second activation would) to provoke ETag conflicts, or open a second view of
/// (<see cref="OpenAnother"/>: another activation with its own state and read ETag). Counts this view's writes.
/// </summary>
public sealed class FakeSnapshotStore : IPersistentState<UserSnapshot>
{
    private readonly Backing _backing;
    private int _readVersion;

    public FakeSnapshotStore()
        : this(new Backing())
    {
    }

    private FakeSnapshotStore(Backing backing) => _backing = backing;

    public UserSnapshot State { get; set; } = new();

    public string? Etag => _readVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool RecordExists { get; private set; }

    public int Writes { get; private set; }

    public UserSnapshot? Stored => _backing.Stored;

    /// <summary>Another activation's view of the same stored snapshot.</summary>
    public FakeSnapshotStore OpenAnother() => new(_backing);

    /// <summary>Another writer replaces the stored snapshot (this state's ETag becomes stale).</summary>
    public void WriteBehindTheBack(UserSnapshot snapshot)
    {
        _backing.Stored = snapshot;
        _backing.Version++;
    }

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        State = _backing.Stored ?? new UserSnapshot();
        RecordExists = _backing.Stored is not null;
        _readVersion = _backing.Version;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (_readVersion != _backing.Version) throw new InconsistentStateException("ETag mismatch", _backing.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Etag);
        _backing.Stored = State;
        _readVersion = ++_backing.Version;
        RecordExists = true;
        Writes++;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        _backing.Stored = null;
        _readVersion = ++_backing.Version;
        RecordExists = false;
        return Task.CompletedTask;
    }

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);

    /// <summary>The stored snapshot and its version (the ETag), shared by every view.</summary>
    private sealed class Backing
    {
        public UserSnapshot? Stored { get; set; }

        public int Version { get; set; }
    }
}
