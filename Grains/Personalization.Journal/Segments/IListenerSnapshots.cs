namespace Personalization.Journal.Segments;

/// <summary>
/// The listeners' stored snapshots, as far as a partition writer needs them: how far each one covers its listener's
/// log. The grains project implements it over the user grains' storage; the journal does not know the snapshot's shape.
/// </summary>
public interface IListenerSnapshots
{
    /// <summary>The sequence of the last event the user's stored snapshot includes (0 when none is stored).</summary>
    Task<long> SequenceOfAsync(string userId);
}
