namespace Personalization.Engine;

/// <summary>What a listener did with a track. The engine's own copy of the wire enum (no Orleans dependency).</summary>
public enum SignalKind : byte
{
    Play = 0,
    Complete = 1,
    Skip = 2,
    Like = 3,
    Dislike = 4,
    Save = 5,
}
