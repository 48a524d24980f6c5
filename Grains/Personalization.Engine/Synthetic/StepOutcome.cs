namespace Personalization.Engine.Synthetic;

/// <summary>
/// Outcome probabilities of one listening step by taste level: complete, early skip (the rest is a late skip), and
/// feedback after it (like or save after a completion, dislike after an early skip).
/// </summary>
internal readonly record struct StepOutcome(double Complete, double EarlySkip, double Like, double Save, double Dislike)
{
    private static readonly StepOutcome Favorite = new(Complete: 0.9, EarlySkip: 0.03, Like: 0.2, Save: 0.08, Dislike: 0);
    private static readonly StepOutcome InGenre = new(Complete: 0.72, EarlySkip: 0.13, Like: 0.04, Save: 0.02, Dislike: 0);
    private static readonly StepOutcome OffTaste = new(Complete: 0.12, EarlySkip: 0.78, Like: 0, Save: 0, Dislike: 0.2);

    public static StepOutcome For(TasteLevel level) => level switch
    {
        TasteLevel.Favorite => Favorite,
        TasteLevel.Genre => InGenre,
        TasteLevel.Off => OffTaste,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown taste level."),
    };
}
