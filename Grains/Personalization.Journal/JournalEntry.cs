using Personalization.Abstractions;

namespace Personalization.Journal;

/// <summary>One journaled event and its position in the user's log. Stored as <see cref="StoredJournalEvent"/>.</summary>
public sealed record JournalEntry(long Sequence, ListenEvent Event);
