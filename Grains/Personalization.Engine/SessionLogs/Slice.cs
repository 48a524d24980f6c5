namespace Personalization.Engine.SessionLogs;

/// <summary>
/// One independent slice of a log: events sorted by (Time, SessionId, file order), exact duplicates dropped, and the
/// rows that could not be read (<see cref="Rejected"/>: wrong field count, a time that is not an integer).
/// </summary>
public sealed record Slice(string Name, IReadOnlyList<SessionEvent> Events, int DuplicatesDropped)
{
    public RowProblems Rejected { get; init; } = new();
}
