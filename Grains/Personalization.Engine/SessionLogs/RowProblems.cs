namespace Personalization.Engine.SessionLogs;

/// <summary>
/// Rows refused while reading or applying a log: how many, and the first <see cref="Kept"/> of them (file, line,
/// reason) for the report. Bounded: a log of a million bad rows costs a counter, not a million strings.
/// </summary>
public sealed class RowProblems
{
    public const int Kept = 10;
    private readonly List<RowProblem> _first = [];

    public long Count { get; private set; }

    /// <summary>The first <see cref="Kept"/> problems, in the order they were met.</summary>
    public IReadOnlyList<RowProblem> First => _first;

    public void Add(RowProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Count++;
        if (_first.Count < Kept) _first.Add(problem);
    }
}
