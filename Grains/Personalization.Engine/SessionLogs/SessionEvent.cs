namespace Personalization.Engine.SessionLogs;

/// <summary>One row of a session log. <see cref="Order"/> is the row's position in its file (ties in time keep file order).</summary>
public sealed record SessionEvent(string UserId, string SessionId, string ItemId, long Time, string ArtistId, int Order);
