namespace Personalization.Engine;

/// <summary>
/// One step of listening: a track and what became of it. A completion, skip or feedback on the track that is playing
/// updates its step instead of adding a new one, so the session reads as "tracks with outcomes".
/// Stored in 16 bytes (a listener keeps up to <see cref="EngineOptions.HistoryCapacity"/> of them): the time in the low
/// 48 bits of one long (±4,000 years around 1970 in milliseconds), the kind and the flags in its top two bytes.
/// </summary>
public readonly record struct HistoryEntry
{
    /// <summary>The earliest and latest times a step can hold (48-bit signed milliseconds).</summary>
    public const long MinTimeMs = -(1L << 47);

    public const long MaxTimeMs = (1L << 47) - 1;

    private readonly long _timeKindFlags;

    public HistoryEntry(int Track, int Artist, long TimeMs, SignalKind Kind, StepFlags Flags)
    {
        this.Track = Track;
        this.Artist = Artist;
        _timeKindFlags = Pack(TimeMs, Kind, Flags);
    }

    public int Track { get; init; }

    public int Artist { get; init; }

    public long TimeMs
    {
        get => (_timeKindFlags << 16) >> 16;
        init => _timeKindFlags = Pack(value, Kind, Flags);
    }

    public SignalKind Kind
    {
        get => (SignalKind)(byte)((ulong)_timeKindFlags >> 48);
        init => _timeKindFlags = Pack(TimeMs, value, Flags);
    }

    public StepFlags Flags
    {
        get => (StepFlags)(byte)((ulong)_timeKindFlags >> 56);
        init => _timeKindFlags = Pack(TimeMs, Kind, value);
    }

    public bool EarlySkipped => (Flags & StepFlags.EarlySkip) != 0;

    /// <summary>A listening step (play, completion, skip) rather than feedback on a track that was not playing.</summary>
    public bool IsListen => Kind is SignalKind.Play or SignalKind.Complete or SignalKind.Skip;

    private static long Pack(long timeMs, SignalKind kind, StepFlags flags)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeMs, MinTimeMs);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(timeMs, MaxTimeMs);
        return (timeMs & ((1L << 48) - 1)) | ((long)(byte)kind << 48) | ((long)(byte)flags << 56);
    }
}
