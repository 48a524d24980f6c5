using Personalization.Journal;

namespace Personalization.Tests.Durability;

[Trait("Category", "Durability")]
[Trait("Requires", "None")]
public sealed class MemoryEventJournalTests : EventJournalContract
{
    protected override IEventJournal Journal { get; } = new MemoryEventJournal();
}
