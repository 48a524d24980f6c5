namespace Personalization.Engine.SessionLogs;

/// <summary>One independent slice of a log: events sorted by (Time, SessionId, file order), exact duplicates dropped.</summary>
public sealed record Slice(string Name, IReadOnlyList<SessionEvent> Events, int DuplicatesDropped);
