namespace Personalization.Bench.Restore;

/// <summary>Track numbers 0…n-1 drawn with probability ∝ 1/(rank+1) (Zipf, exponent 1), by inverting the harmonic CDF.</summary>
public sealed class ZipfTracks(int tracks)
{
    private readonly double _harmonic = Math.Log(tracks) + 0.5772156649;

    public int Next(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        // H(k) ≈ ln k + γ: the rank whose cumulative share is u.
        var k = (int)Math.Exp(random.NextDouble() * _harmonic - 0.5772156649);
        return Math.Clamp(k, 0, tracks - 1);
    }
}
