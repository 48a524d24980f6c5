namespace Personalization.Bench.Restore;

/// <summary>
/// What `Bench -- restore` measured: the full checkpoint of a model of <see cref="Tracks"/> tracks, the steady-state
/// checkpoint cost under a listening load (per hour), and the restart (kill -9, then start until ready). <see cref="KeysEvicted"/>
/// (by the key caps, before the kill) is 0 when the whole model was checkpointed.
/// </summary>
public sealed record RestoreResult(
    int Tracks,
    long Observations,
    double FullCheckpointSeconds,
    long FullCheckpointTransactions,
    long FullCheckpointBytes,
    double LoadSeconds,
    long LoadEvents,
    long LoadTransactions,
    long LoadBytes,
    double ReadySeconds,
    double RestoreSeconds,
    long ObservationsRestored,
    long KeysEvicted = 0)
{
    public double EventsPerSecond => LoadEvents / LoadSeconds;

    public double TransactionsPerHour => LoadTransactions / LoadSeconds * 3600;

    public double BytesPerHour => LoadBytes / LoadSeconds * 3600;
}
