namespace Personalization.Engine;

/// <summary>
/// A decayed weight: <see cref="Weight"/> as of <see cref="StampMs"/> (event time). 12 bytes: the stamp is kept in
/// whole seconds since the Unix epoch (1970 to 2106; times outside are clamped), which is far finer than the days an
/// affinity decays over.
/// </summary>
public readonly record struct Affinity
{
    private readonly uint _stampSeconds;

    public Affinity(int Id, float Weight, long StampMs)
    {
        this.Id = Id;
        this.Weight = Weight;
        _stampSeconds = ToSeconds(StampMs);
    }

    public int Id { get; init; }

    public float Weight { get; init; }

    /// <summary>The stamp, at whole seconds (<see cref="Representable"/> of what was given).</summary>
    public long StampMs
    {
        get => _stampSeconds * 1000L;
        init => _stampSeconds = ToSeconds(value);
    }

    /// <summary>The stamp an affinity keeps for <paramref name="timeMs"/>: the whole second at or before it, clamped to the stamp's range.</summary>
    public static long Representable(long timeMs) => ToSeconds(timeMs) * 1000L;

    private static uint ToSeconds(long timeMs) => (uint)Math.Clamp(timeMs / 1000, 0, uint.MaxValue);
}
