namespace Personalization.Bench.Evaluation;

/// <summary>
/// A model that can be restarted mid-replay as a cluster would be: every grain deactivated, every silo stopped and
/// started again from storage only (`evaluate --restart-at`).
/// </summary>
public interface IRestartable
{
    /// <summary>Stops every silo gracefully and starts them again; completes once they have restored from storage.</summary>
    ValueTask RestartAsync();
}
