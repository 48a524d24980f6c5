namespace Personalization.Abstractions.Diagnostics;

/// <summary>
/// Users <c>{Prefix}{n:D7}</c> for n in [First, First + Count), each with a synthetic history of
/// <see cref="Events"/> events over a catalog of <see cref="CatalogTracks"/> tracks, the last event at <see cref="LastEventAt"/>
/// (recent: the listener is in a session). <see cref="KeepStoredState"/> false removes each stored snapshot once the user is
/// active (for heap measurements with memory storage, which would otherwise hold a second copy in the silo's heap).
/// </summary>
[GenerateSerializer, Immutable, Alias("pzn.UserSeedRequest.v1")]
public sealed record UserSeedRequest(
    [property: Id(0)] string Prefix,
    [property: Id(1)] int First,
    [property: Id(2)] int Count,
    [property: Id(3)] int Events,
    [property: Id(4)] int CatalogTracks,
    [property: Id(5)] DateTimeOffset LastEventAt,
    [property: Id(6)] bool KeepStoredState = true);
