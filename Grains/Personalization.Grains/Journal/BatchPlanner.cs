using Azure.Data.Tables;

namespace Personalization.Grains.Journal;

/// <summary>
/// Groups pending appends into entity-group transactions: one partition per transaction, at most maxBatch entities,
/// arrival order kept. An append that fits in a transaction is never split (so a failure affects whole appends only);
/// an append larger than a transaction gets transactions of its own. A transaction never holds the same row twice
/// (Azure rejects that), so a retried append that meets its own original goes into the next transaction.
/// </summary>
public static class BatchPlanner
{
    public static List<CommitUnit> Plan(IReadOnlyList<PendingAppend> pending, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        var units = new List<CommitUnit>();
        foreach (var partition in pending.GroupBy(p => p.Partition, StringComparer.Ordinal))
        {
            var appends = new List<PendingAppend>();
            var actions = new List<TableTransactionAction>();
            var rows = new HashSet<string>(StringComparer.Ordinal);
            foreach (var append in partition)
            {
                if (append.Actions.Count > maxBatch)
                {
                    units.Add(new CommitUnit([append], append.Actions.Chunk(maxBatch).ToArray()));
                    continue;
                }

                if (actions.Count + append.Actions.Count > maxBatch || append.Actions.Any(a => rows.Contains(a.Entity.RowKey)))
                {
                    units.Add(new CommitUnit(appends, [actions]));
                    (appends, actions) = ([], []);
                    rows.Clear();
                }

                appends.Add(append);
                actions.AddRange(append.Actions);
                foreach (var a in append.Actions) rows.Add(a.Entity.RowKey);
            }

            if (appends.Count > 0) units.Add(new CommitUnit(appends, [actions]));
        }

        return units;
    }
}
