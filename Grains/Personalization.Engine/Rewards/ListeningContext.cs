namespace Personalization.Engine.Rewards;

/// <summary>The context a list was served in: the bandit keeps separate arm statistics per context.</summary>
public enum ListeningContext : byte
{
    /// <summary>No active session (a returning listener): personal sources and trending only.</summary>
    NoSession = 0,

    /// <summary>An active session: transitions and session artists are available too.</summary>
    InSession = 1,
}
