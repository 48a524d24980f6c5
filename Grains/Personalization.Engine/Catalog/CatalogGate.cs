namespace Personalization.Engine.Catalog;

/// <summary>The catalogue's rules for one request (market, explicit content; takedowns always), over the engine's interned track ids.</summary>
public sealed class CatalogGate(CatalogIndex index, string? market, bool allowExplicit) : ITrackGate
{
    public bool Allows(int track) => index.Allows(track, market, allowExplicit);

    /// <summary>The same rule for a track named by its id (Blend works on names).</summary>
    public bool Allows(string track) => index.Allows(track, market, allowExplicit);
}
