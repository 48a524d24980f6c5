namespace Personalization.Engine.Synthetic;

/// <summary>Seeded random draws used by the generator; every draw goes through the caller's <see cref="Random"/>.</summary>
internal static class RandomChoice
{
    public static bool Chance(Random rng, double probability) => rng.NextDouble() < probability;

    /// <summary>An element of <paramref name="items"/> drawn with probability proportional to <paramref name="weight"/>.</summary>
    public static int Weighted(Random rng, IReadOnlyList<int> items, Func<int, double> weight)
    {
        var total = 0.0;
        for (var i = 0; i < items.Count; i++) total += weight(items[i]);
        var target = rng.NextDouble() * total;
        for (var i = 0; i < items.Count; i++)
        {
            target -= weight(items[i]);
            if (target < 0) return items[i];
        }

        return items[^1];
    }

    /// <summary>Fisher–Yates shuffle of 0..n-1.</summary>
    public static int[] Permutation(Random rng, int n)
    {
        var result = new int[n];
        for (var i = 0; i < n; i++) result[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (result[i], result[j]) = (result[j], result[i]);
        }

        return result;
    }
}
