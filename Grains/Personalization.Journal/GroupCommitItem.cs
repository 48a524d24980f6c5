using System.Diagnostics;

namespace Personalization.Journal;

/// <summary>One caller's item in a <see cref="GroupCommitQueue{TItem, TResult}"/> batch.</summary>
/// <param name="Value">What the caller queued.</param>
/// <param name="Size">Its share of the batch budget.</param>
/// <param name="Trace">The caller's trace, continued by the span of the batch that carries it.</param>
public readonly record struct GroupCommitItem<TItem>(TItem Value, long Size, ActivityContext Trace);
