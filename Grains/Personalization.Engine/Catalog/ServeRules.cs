namespace Personalization.Engine.Catalog;

/// <summary>
/// A request's rules beyond exclusions: the catalogue <see cref="Gate"/> every served track must pass (applied before
/// the cut to the count asked for), and an optional <see cref="Seed"/> track to start a radio from (-1: none); the seed
/// itself is not returned. <see cref="Releases"/> feeds the new-release source (null: no such source).
/// </summary>
public sealed record ServeRules(ITrackGate? Gate = null, int Seed = -1, IReleaseSource? Releases = null)
{
    public bool Allows(int track) => track != Seed && (Gate?.Allows(track) ?? true);
}
