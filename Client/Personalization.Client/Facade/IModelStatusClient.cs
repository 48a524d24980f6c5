using Personalization.Abstractions.Model;

namespace Personalization.Client.Facade;

/// <summary>Operator view of the shared model: what the answering silo's read model and learned re-ranker look like now.</summary>
public interface IModelStatusClient
{
    /// <summary>The status with the <paramref name="trending"/> heaviest trending tracks (0 to <see cref="IModelStatusGrain.MaxTrending"/>).</summary>
    Task<ModelStatus> GetStatusAsync(int trending, CancellationToken cancellationToken = default);
}
