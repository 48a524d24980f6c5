namespace Personalization.Abstractions;

/// <summary>What a listener did with a track. Numeric values are part of the wire and stored format: never renumber.</summary>
[GenerateSerializer, Alias("pzn.EventKind.v1")]
public enum EventKind
{
    Play = 0,
    Complete = 1,
    Skip = 2,
    Like = 3,
    Dislike = 4,
    Save = 5,
}
