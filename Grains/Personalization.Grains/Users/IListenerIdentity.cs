namespace Personalization.Grains.Users;

/// <summary>
/// Whose snapshot a <see cref="ListenerSnapshotState"/> reads and writes: the user grain itself, so the state holds
/// one reference instead of a copy of the 32-byte grain id.
/// </summary>
public interface IListenerIdentity
{
    GrainId ListenerGrainId { get; }
}
