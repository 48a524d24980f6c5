namespace Personalization.Engine.Blend;

/// <summary>
/// One of a member's own ranked candidates. <see cref="Personal"/>: it comes from the member's taste, not from what
/// trends for everyone; only personal candidates make a track "shared" (preferred in every turn).
/// </summary>
public sealed record BlendCandidate(string TrackId, string? ArtistId, double Score, string Reason, string ReasonCode, string? Because, bool Personal);
