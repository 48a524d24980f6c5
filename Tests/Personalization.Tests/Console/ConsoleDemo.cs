using Personalization.Testing;

namespace Personalization.Tests.Console;

/// <summary>
/// A small demo world per test: fans teach the shared model what follows a seed track, then a listener completes the
/// seed, so the listener's list holds tracks "after" the seed with reasons. Ids are prefixed, so tests never interfere.
/// </summary>
public static class ConsoleDemo
{
    public static string Seed(string prefix) => $"{prefix}-seed";

    /// <summary>Teaches the model and records the listener's session; returns the listener's id.</summary>
    public static async Task<string> SeedAsync(PersonalizationCluster cluster, string prefix)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        for (var fan = 0; fan < 6; fan++)
        {
            await cluster.Listener(PersonalizationCluster.UniqueUser($"{prefix}-fan"))
                .CompleteAll((Seed(prefix), $"{prefix}-a0"), ($"{prefix}-t{1 + (fan % 3)}", $"{prefix}-a{1 + (fan % 3)}"), ($"{prefix}-t4", $"{prefix}-a4"))
                .SendAsync();
        }

        await cluster.SyncModelAsync();
        var listener = cluster.Listener(PersonalizationCluster.UniqueUser(prefix));
        await listener.Complete($"{prefix}-t5", $"{prefix}-a0").Complete(Seed(prefix), $"{prefix}-a0").SendAsync();
        return listener.UserId;
    }
}
