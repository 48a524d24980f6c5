using Personalization.Testing;

namespace Personalization.Tests.Import;

/// <summary>
/// A one-silo cluster whose shared model admits every track and transition on its first listener
/// (<c>AdmissionListeners</c> = <c>TransitionAdmissionListeners</c> = 1), for tests that compare two replays' models
/// exactly. With the default admission (two listeners), what a shard learns from a play depends on what it already
/// held when the batch carrying that play arrived, and the silos' feeds send their batches on timers (≤ 0.5 s): two
/// identical replays, live or imported, can then teach the model slightly differently.
/// </summary>
internal static class AdmitAllCluster
{
    public static PersonalizationTestCluster Create()
    {
        var settings = new TestClusterSettings { Silos = 1 };
        settings.Configuration["Personalization:Engine:AdmissionListeners"] = "1";
        settings.Configuration["Personalization:Engine:TransitionAdmissionListeners"] = "1";
        return new PersonalizationTestCluster(settings);
    }
}
