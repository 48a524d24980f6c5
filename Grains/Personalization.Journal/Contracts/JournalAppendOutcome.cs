namespace Personalization.Journal;

/// <summary>What became of one append.</summary>
[GenerateSerializer, Alias("pzn.JournalAppendOutcome.v1")]
public enum JournalAppendOutcome
{
    /// <summary>Durably stored.</summary>
    Committed = 0,

    /// <summary>
    /// Not stored: its first sequence does not follow the user's last committed one (another activation of the user
    /// wrote first, or this one is behind storage). The appending activation must rebuild from storage.
    /// </summary>
    Conflict = 1,
}
