using Azure.Data.Tables;

namespace Personalization.Grains.Journal;

/// <summary>
/// Work the writer commits as one: either one transaction shared by whole appends of one partition, or the
/// transactions of one append larger than a transaction, submitted in order and stopping at the first failure.
/// </summary>
public sealed record CommitUnit(IReadOnlyList<PendingAppend> Appends, IReadOnlyList<IReadOnlyList<TableTransactionAction>> Transactions);
