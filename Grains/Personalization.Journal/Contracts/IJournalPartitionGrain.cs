namespace Personalization.Journal;

/// <summary>
/// The single writer of one journal partition in the segment layout (key = partition number). Silos forward their
/// users' appends to it in batches; it checks each user's sequence against everything committed (the fence against a
/// duplicate user activation), packs the accepted events of many users into one stored segment per storage
/// transaction, serves users' tails at activation and deletes segments once snapshots cover them.
/// </summary>
[Alias("pzn.IJournalPartitionGrain")]
public interface IJournalPartitionGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Commits the appends that continue their user's log (one outcome per append, in order) once durably stored.
    /// Throws <see cref="StorageUnavailableException"/> when storage did not confirm: then none is acknowledged.
    /// </summary>
    [Alias("Append")]
    Task<JournalAppendOutcome[]> AppendAsync(JournalAppendRecord[] appends);

    /// <summary>The user's committed entries with a sequence greater than <paramref name="afterSequence"/>, ascending.</summary>
    [Alias("ReadTail")]
    Task<JournalTailRecord> ReadTailAsync(string userId, long afterSequence);

    /// <summary>A snapshot of the user covers every entry through <paramref name="throughSequence"/>: they may be deleted.</summary>
    [Alias("Cover")]
    Task CoverAsync(string userId, long throughSequence);

    /// <summary>Removes every stored entry of the user (also from segments shared with other users) and resets its log.</summary>
    [Alias("Forget")]
    Task ForgetAsync(string userId);

    /// <summary>
    /// Runs the sweep now (it also runs on a timer): asks listeners whose entries stayed uncovered longer than the
    /// sweep age for a snapshot. Returns how many were asked.
    /// </summary>
    [Alias("Sweep")]
    Task<int> SweepAsync();

    /// <summary>Deactivates this writer (its silo is shutting down); the next call activates it on another silo.</summary>
    [Alias("StepDown")]
    Task StepDownAsync();

    /// <summary>What the writer holds (for operators and tests); waits for deletes already started.</summary>
    [Alias("GetStatus")]
    Task<JournalPartitionStatus> GetStatusAsync();
}
