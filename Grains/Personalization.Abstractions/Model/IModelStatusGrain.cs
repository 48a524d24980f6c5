namespace Personalization.Abstractions.Model;

/// <summary>
/// Reads the model status of the silo it runs on (a stateless worker: the silo that takes the call answers; key 0).
/// Read-only; served to admins at <c>GET /v1/model/status</c>.
/// </summary>
[Alias("pzn.IModelStatusGrain")]
public interface IModelStatusGrain : IGrainWithIntegerKey
{
    /// <summary>The most trending tracks one status holds.</summary>
    public const int MaxTrending = 100;

    /// <summary>The status with the model's <paramref name="trending"/> heaviest trending tracks (0 to <see cref="MaxTrending"/>).</summary>
    [Alias("GetStatus")]
    Task<ModelStatus> GetStatusAsync(int trending);
}
