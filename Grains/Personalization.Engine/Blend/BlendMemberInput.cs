namespace Personalization.Engine.Blend;

/// <summary>What the mixer knows of one member: their candidates best first, favourite artists, and vetoes.</summary>
public sealed record BlendMemberInput(
    string UserId,
    IReadOnlyList<BlendCandidate> Candidates,
    IReadOnlySet<string> FavoriteArtists,
    IReadOnlySet<string> DislikedArtists,
    IReadOnlySet<string> BlockedTracks);
