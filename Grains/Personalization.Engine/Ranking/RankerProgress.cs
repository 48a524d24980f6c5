namespace Personalization.Engine.Ranking;

/// <summary>
/// Where a <see cref="LearnedRanker"/> stands, apart from its examples: the model in service, how many examples it has
/// received, when it last started a training (by count and event time), its example budget, and how many models it
/// trained. With the ring's examples, what a checkpoint needs to go on learning exactly where it stopped.
/// </summary>
public sealed record RankerProgress(
    RankerModel? Model,
    long Added,
    long LastTrigger,
    long LastTriggerMs,
    double Tokens,
    long BudgetClockMs,
    int ModelsTrained);
