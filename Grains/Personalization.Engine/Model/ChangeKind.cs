namespace Personalization.Engine.Model;

/// <summary>Which published list of the model a change refers to.</summary>
public enum ChangeKind : byte
{
    Successors = 0,
    ArtistTop = 1,
    TrackArtist = 2,
}
