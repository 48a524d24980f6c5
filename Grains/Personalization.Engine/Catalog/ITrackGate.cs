namespace Personalization.Engine.Catalog;

/// <summary>Whether a track may be served to this request (the catalogue's rules: takedowns, market, explicit content).</summary>
public interface ITrackGate
{
    bool Allows(int track);
}
