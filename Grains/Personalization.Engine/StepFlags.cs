namespace Personalization.Engine;

[Flags]
public enum StepFlags : byte
{
    None = 0,
    EarlySkip = 1,
    Liked = 2,
    Saved = 4,
    Disliked = 8,
    Completed = 16,
}
