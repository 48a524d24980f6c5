namespace Personalization.Tests.Domain;

/// <summary>Silo keys as <c>ShardSiloKey</c> makes them ("10.1.2.3:11111@123"), from a seed: every run sees the same sets.</summary>
internal static class ShardSiloSets
{
    public static string[] Make(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}:11111@{random.Next(1_000_000_000)}")];

    public static int[] Loads(IReadOnlyList<string> homes, IReadOnlyList<string> silos) =>
        [.. silos.Select(s => homes.Count(h => h == s))];
}
