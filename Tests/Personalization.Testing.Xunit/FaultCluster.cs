namespace Personalization.Testing;

/// <summary>
/// A cluster of its own for fault tests (3 silos by default): stop, kill and start silos
/// (<see cref="PersonalizationTestCluster.StopSiloAsync"/>, <see cref="PersonalizationTestCluster.KillSiloAsync"/>,
/// <see cref="PersonalizationTestCluster.StartSiloAsync"/>) without disturbing tests that share a collection's cluster.
/// Use it as <c>IClassFixture&lt;FaultCluster&gt;</c>; derive with <see cref="FaultCluster(short)"/> for another silo count.
/// </summary>
public class FaultCluster : PersonalizationCluster
{
    public FaultCluster()
        : this(3)
    {
    }

    /// <summary>For derived fixtures with another number of silos (at least 2: silo 0 is the primary, which the cluster needs).</summary>
    protected FaultCluster(short silos)
        : base(new TestClusterSettings { Silos = silos })
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(silos, (short)2);
    }
}
