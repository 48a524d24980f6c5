namespace Personalization.Engine;

/// <summary>What applying one signal did to a listener's state.</summary>
public readonly record struct StepChange(bool Applied, bool NewStep, bool NewSession, bool EarlySkip)
{
    public static StepChange Duplicate => new(false, false, false, false);
}
