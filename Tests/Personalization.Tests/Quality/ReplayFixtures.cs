using Personalization.Engine.SessionLogs;

namespace Personalization.Tests.Quality;

/// <summary>Tiny session logs, small enough to compute every metric by hand.</summary>
internal static class ReplayFixtures
{
    /// <summary>
    /// s1 (u1): A B, s2 (u2): A B C, one exact duplicate of (s1, B, 2) and an extra column. With warm-up 0.4 the first
    /// round(5 × 0.4) = 2 events are warm-up; (s2, A) opens its session, so (s2, B) and (s2, C) are scored.
    /// </summary>
    public const string FiveEvents =
        "UserId\tSessionId\tItemId\tTime\tArtistId\tExtra\n" +
        "u1\ts1\tA\t1\tx\t.\n" +
        "u1\ts1\tB\t2\tx\t.\n" +
        "u1\ts1\tB\t2\tx\t.\n" +
        "u2\ts2\tA\t3\tx\t.\n" +
        "u2\ts2\tB\t4\tx\t.\n" +
        "u2\ts2\tC\t5\ty\t.\n";

    public static Slice Parse(string text) => SessionLogReader.Parse("fixture", new StringReader(text));
}
