namespace Personalization.Engine.Synthetic;

/// <summary>How a track relates to a listener's latent taste.</summary>
internal enum TasteLevel
{
    /// <summary>By one of the listener's favourite artists.</summary>
    Favorite,

    /// <summary>In a favourite genre, by another artist.</summary>
    Genre,

    /// <summary>Outside the listener's genres.</summary>
    Off,
}
