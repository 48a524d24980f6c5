using Personalization.Abstractions;

namespace Personalization.Client.Http;

/// <summary>Query-string parameters the list endpoints share (<c>count</c>, <c>exclude</c>, <c>explicit</c>); the rest is <see cref="RequestValidator"/>'s.</summary>
public static class RequestRules
{
    public static int Count(string? count, int fallback, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (count is null) return fallback;
        if (int.TryParse(count, out var n)) return n;
        errors.Add(new FieldError("count", "must be an integer."));
        return fallback;
    }

    public static IReadOnlyList<string>? Exclude(string? exclude) =>
        string.IsNullOrEmpty(exclude) ? null : exclude.Split(',', StringSplitOptions.TrimEntries);

    /// <summary><c>explicit=false</c>: no explicit tracks; <c>true</c> or absent: allowed.</summary>
    public static bool? Explicit(string? value, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (value is null) return null;
        if (bool.TryParse(value, out var allowed)) return allowed;
        errors.Add(new FieldError("explicit", "must be true or false."));
        return null;
    }
}
