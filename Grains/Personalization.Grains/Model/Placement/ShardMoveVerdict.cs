namespace Personalization.Grains.Model.Placement;

/// <summary>What <see cref="ShardMoveRule"/> says about one shard activation.</summary>
public enum ShardMoveVerdict
{
    /// <summary>It lives where the current cluster view says it should.</summary>
    AtHome,

    /// <summary>A member is joining or leaving, or this silo is not (yet, or no longer) among the silos shards live on: wait.</summary>
    Unsettled,

    /// <summary>Its home is elsewhere, but the view changed less than the rebalance delay ago: wait.</summary>
    Settling,

    /// <summary>Its home is elsewhere and the view has been stable for the rebalance delay: migrate it (<c>MigrateOnIdle()</c>, which places it at home).</summary>
    Move,
}
