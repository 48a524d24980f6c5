namespace Personalization.Journal;

/// <summary>
/// Silo-internal: asks a listener (the same activation as its <see cref="IUserGrain"/>) to write its snapshot now, so
/// that the journal may release the entries it covers. Used by the journal's sweep for listeners whose entries have
/// stayed uncovered for long (a silo crashed under them and they never came back).
/// </summary>
[Alias("pzn.IListenerCheckpointGrain")]
public interface IListenerCheckpointGrain : IGrainWithStringKey
{
    [Alias("Checkpoint")]
    Task CheckpointAsync();
}
