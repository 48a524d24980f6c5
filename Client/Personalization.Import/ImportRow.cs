using Personalization.Abstractions;

namespace Personalization.Import;

/// <summary>One event to import for <see cref="UserId"/>, and where it came from (file and 1-based line) for reports.</summary>
public sealed record ImportRow(string UserId, ListenEvent Event, string File, int Line);
