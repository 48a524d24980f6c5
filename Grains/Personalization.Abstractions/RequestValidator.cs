namespace Personalization.Abstractions;

/// <summary>
/// The single set of input rules, used by the grain (the authority) and by the HTTP API (to answer 400 early).
/// Ids: 1..MaxIdLength characters of letters, digits and <c>. _ - : @</c>. Every error names its field.
/// </summary>
public sealed class RequestValidator(ValidationLimits limits)
{
    public ValidationLimits Limits => limits;

    /// <summary>The id rule for any field (a track, an artist, a user).</summary>
    public IReadOnlyList<FieldError> ValidateId(string? id, string field)
    {
        var errors = new List<FieldError>();
        CheckId(id, field, errors);
        return errors;
    }

    public IReadOnlyList<FieldError> ValidateUserId(string? userId)
    {
        var errors = new List<FieldError>();
        CheckId(userId, "userId", errors);
        return errors;
    }

    public IReadOnlyList<FieldError> ValidateEvent(ListenEvent? e, DateTimeOffset now, string field = "event")
    {
        var errors = new List<FieldError>();
        CheckEvent(e, now, field, errors);
        return errors;
    }

    public IReadOnlyList<FieldError> ValidateBatch(IReadOnlyList<ListenEvent?>? events, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        if (events is null)
        {
            errors.Add(new FieldError("events", "is required."));
            return errors;
        }

        if (events.Count == 0) errors.Add(new FieldError("events", "must contain at least one event."));
        if (events.Count > limits.MaxBatchSize)
        {
            errors.Add(new FieldError("events", $"must contain at most {limits.MaxBatchSize} events (was {events.Count})."));
            return errors;
        }

        for (var i = 0; i < events.Count; i++) CheckEvent(events[i], now, $"events[{i}]", errors);
        return errors;
    }

    /// <summary>
    /// Live-traffic rule on top of the grain's: no event older than <paramref name="maxAge"/> before
    /// <paramref name="now"/> (a single event is named <c>event</c>, a batch's <c>events[i]</c>).
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateAge(IReadOnlyList<ListenEvent> events, DateTimeOffset now, TimeSpan maxAge, bool singleEvent)
    {
        ArgumentNullException.ThrowIfNull(events);
        var errors = new List<FieldError>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Timestamp < now - maxAge)
            {
                errors.Add(new FieldError(singleEvent ? "event.timestamp" : $"events[{i}].timestamp", $"must not be more than {maxAge} in the past."));
            }
        }

        return errors;
    }

    public IReadOnlyList<FieldError> ValidateRecommend(RecommendRequest? request)
    {
        var errors = new List<FieldError>();
        if (request is null)
        {
            errors.Add(new FieldError("request", "is required."));
            return errors;
        }

        if (request.Count < 1 || request.Count > limits.MaxRecommendations)
        {
            errors.Add(new FieldError("count", $"must be between 1 and {limits.MaxRecommendations} (was {request.Count})."));
        }

        if (request.Exclude is { } exclude)
        {
            if (exclude.Count > limits.MaxExclusions)
            {
                errors.Add(new FieldError("exclude", $"must contain at most {limits.MaxExclusions} track ids (was {exclude.Count})."));
            }
            else
            {
                for (var i = 0; i < exclude.Count; i++) CheckId(exclude[i], $"exclude[{i}]", errors);
            }
        }

        if (request.Market is { } market && !Catalog.Markets.IsCode(market))
        {
            errors.Add(new FieldError("market", "must be an ISO 3166-1 alpha-2 code: two upper-case letters, e.g. SE."));
        }

        if (request.Seed is { } seed) CheckId(seed, "seed", errors);
        if (request.At is { } at && at < limits.MinTimestamp)
        {
            errors.Add(new FieldError("at", $"must not be before {limits.MinTimestamp:O}."));
        }

        return errors;
    }

    private void CheckEvent(ListenEvent? e, DateTimeOffset now, string field, List<FieldError> errors)
    {
        if (e is null)
        {
            errors.Add(new FieldError(field, "is required."));
            return;
        }

        CheckId(e.EventId, $"{field}.eventId", errors);
        CheckId(e.TrackId, $"{field}.trackId", errors);
        CheckId(e.ArtistId, $"{field}.artistId", errors);
        if (!Enum.IsDefined(e.Kind)) errors.Add(new FieldError($"{field}.kind", $"must be one of {string.Join(", ", Enum.GetNames<EventKind>())}."));
        if (e.Timestamp < limits.MinTimestamp) errors.Add(new FieldError($"{field}.timestamp", $"must not be before {limits.MinTimestamp:O}."));
        if (e.Timestamp > now + limits.MaxFutureSkew) errors.Add(new FieldError($"{field}.timestamp", $"must not be more than {limits.MaxFutureSkew} in the future."));
        if (e.PositionMs is < 0) errors.Add(new FieldError($"{field}.positionMs", "must not be negative."));
        if (e.DurationMs is { } d && (d <= 0 || d > limits.MaxDurationMs)) errors.Add(new FieldError($"{field}.durationMs", $"must be between 1 and {limits.MaxDurationMs}."));
        if (e.PositionMs is { } p && e.DurationMs is { } dur && dur > 0 && p > dur) errors.Add(new FieldError($"{field}.positionMs", "must not exceed durationMs."));
        if (e.PositionMs is > 0 && e.DurationMs is null && e.PositionMs > limits.MaxDurationMs) errors.Add(new FieldError($"{field}.positionMs", $"must not exceed {limits.MaxDurationMs}."));
        if (e.Kind == EventKind.Skip && e.PositionMs is null) errors.Add(new FieldError($"{field}.positionMs", "is required for a skip."));
        if (e.Context is { } c)
        {
            CheckText(c.Source, $"{field}.context.source", errors);
            CheckText(c.Device, $"{field}.context.device", errors);
        }
    }

    private void CheckId(string? id, string field, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new FieldError(field, "is required."));
            return;
        }

        if (id.Length > limits.MaxIdLength)
        {
            errors.Add(new FieldError(field, $"must be at most {limits.MaxIdLength} characters."));
            return;
        }

        foreach (var c in id)
        {
            if (!IsIdChar(c))
            {
                errors.Add(new FieldError(field, "may contain only letters, digits and . _ - : @"));
                return;
            }
        }
    }

    private void CheckText(string? text, string field, List<FieldError> errors)
    {
        if (text is null) return;
        if (text.Length > limits.MaxContextLength) errors.Add(new FieldError(field, $"must be at most {limits.MaxContextLength} characters."));
        else if (text.Any(char.IsControl)) errors.Add(new FieldError(field, "must not contain control characters."));
    }

    private static bool IsIdChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '@';
}
