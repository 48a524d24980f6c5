namespace Personalization.Engine.Catalog;

/// <summary>Recent releases by an artist, known from the catalogue's release dates (none where dates are unknown).</summary>
public interface IReleaseSource
{
    /// <summary>Whether any release date is known at all (when not, the source costs nothing).</summary>
    bool Any { get; }

    /// <summary>The artist's tracks released within the window before <paramref name="nowMs"/> (not after it), newest first.</summary>
    IEnumerable<int> RecentBy(int artist, long nowMs);
}
