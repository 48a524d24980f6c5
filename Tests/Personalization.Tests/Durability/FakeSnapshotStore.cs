using Orleans.Storage;
using Personalization.Grains.State;

namespace Personalization.Tests.Durability;

/// <summary>
/// An <see cref="IPersistentState{TState}"/> backed by one "stored" snapshot, which a test can overwrite behind the
/// grain's back (as a second activation would) to provoke ETag conflicts. Counts writes.
/// </summary>
public sealed class FakeSnapshotStore : IPersistentState<UserSnapshot>
{
    private UserSnapshot? _stored;
    private int _storedVersion;
    private int _readVersion;

    public UserSnapshot State { get; set; } = new();

    public string? Etag => _readVersion.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public bool RecordExists { get; private set; }

    public int Writes { get; private set; }

    public UserSnapshot? Stored => _stored;

    /// <summary>Another writer replaces the stored snapshot (this state's ETag becomes stale).</summary>
    public void WriteBehindTheBack(UserSnapshot snapshot)
    {
        _stored = snapshot;
        _storedVersion++;
    }

    public Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        State = _stored ?? new UserSnapshot();
        RecordExists = _stored is not null;
        _readVersion = _storedVersion;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        if (_readVersion != _storedVersion) throw new InconsistentStateException("ETag mismatch", _storedVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), Etag);
        _stored = State;
        _storedVersion++;
        _readVersion = _storedVersion;
        RecordExists = true;
        Writes++;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        _stored = null;
        _storedVersion++;
        _readVersion = _storedVersion;
        RecordExists = false;
        return Task.CompletedTask;
    }

    public Task ReadStateAsync() => ReadStateAsync(CancellationToken.None);

    public Task WriteStateAsync() => WriteStateAsync(CancellationToken.None);

    public Task ClearStateAsync() => ClearStateAsync(CancellationToken.None);
}
