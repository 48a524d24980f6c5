using Personalization.Engine.Model;

namespace Personalization.Grains.Model;

/// <summary>
/// Where user grains hand what a listening step teaches the shared model. Never blocks and never calls another grain:
/// observations are batched in-process and learned in the background.
/// </summary>
public interface IModelFeed
{
    void Publish(ModelObservation observation);
}
