namespace Personalization.Engine.SessionLogs;

/// <summary>
/// One row of a session log. <see cref="Order"/> is the row's position in its file (ties in time keep file order);
/// <see cref="Line"/> its line number (1-based, the header is line 1; 0 when the event was not read from a file).
/// </summary>
public sealed record SessionEvent(string UserId, string SessionId, string ItemId, long Time, string ArtistId, int Order, int Line = 0);
