namespace Personalization.Engine.SessionLogs;

/// <summary>A row that was not used: which file, which line (1-based, the header is line 1) and why.</summary>
public sealed record RowProblem(string File, int Line, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}";
}
