namespace Personalization.Abstractions.Catalog;

/// <summary>The catalogue's input rules, used by the partition grains (the authority), the HTTP API and the import. Every error names its field.</summary>
public sealed class CatalogValidator(RequestValidator ids)
{
    public const int MaxArtists = 16;

    public RequestValidator Ids => ids;
    public const int MaxMarkets = 250;
    public const int MaxGenres = 16;
    public const int MaxTextLength = 256;

    public IReadOnlyList<FieldError> Validate(CatalogEntry? entry, string field = "track")
    {
        var errors = new List<FieldError>();
        Check(entry, field, errors);
        return errors;
    }

    public IReadOnlyList<FieldError> ValidateBatch(IReadOnlyList<CatalogEntry?>? entries, string field = "tracks")
    {
        var errors = new List<FieldError>();
        if (entries is null || entries.Count == 0) errors.Add(new FieldError(field, "must contain at least one track."));
        else if (entries.Count > ids.Limits.MaxBatchSize) errors.Add(new FieldError(field, $"must contain at most {ids.Limits.MaxBatchSize} tracks (was {entries.Count})."));
        else for (var i = 0; i < entries.Count; i++) Check(entries[i], $"{field}[{i}]", errors);
        return errors;
    }

    private void Check(CatalogEntry? e, string field, List<FieldError> errors)
    {
        if (e is null)
        {
            errors.Add(new FieldError(field, "is required."));
            return;
        }

        errors.AddRange(ids.ValidateId(e.TrackId, $"{field}.trackId"));
        if (e.Artists is null || e.Artists.Count == 0) errors.Add(new FieldError($"{field}.artists", "must name at least one artist."));
        else if (e.Artists.Count > MaxArtists) errors.Add(new FieldError($"{field}.artists", $"must name at most {MaxArtists} artists."));
        else
        {
            for (var i = 0; i < e.Artists.Count; i++)
            {
                if (e.Artists[i] is not { } a) errors.Add(new FieldError($"{field}.artists[{i}]", "is required."));
                else
                {
                    errors.AddRange(ids.ValidateId(a.Id, $"{field}.artists[{i}].id"));
                    CheckText(a.Name, $"{field}.artists[{i}].name", errors);
                }
            }
        }

        if (e.Markets is null || e.Markets.Count == 0) errors.Add(new FieldError($"{field}.markets", $"must list at least one market (ISO 3166-1 alpha-2 codes such as \"SE\", or \"{Markets.All}\")."));
        else if (e.Markets.Count > MaxMarkets) errors.Add(new FieldError($"{field}.markets", $"must list at most {MaxMarkets} markets."));
        else
        {
            for (var i = 0; i < e.Markets.Count; i++)
            {
                if (!Markets.IsCode(e.Markets[i]) && e.Markets[i] != Markets.All)
                {
                    errors.Add(new FieldError($"{field}.markets[{i}]", $"must be an ISO 3166-1 alpha-2 code (two upper-case letters, e.g. \"SE\") or \"{Markets.All}\"."));
                }
            }
        }

        CheckText(e.Album, $"{field}.album", errors);
        if (e.DurationMs is { } d && (d <= 0 || d > ids.Limits.MaxDurationMs)) errors.Add(new FieldError($"{field}.durationMs", $"must be between 1 and {ids.Limits.MaxDurationMs}."));
        if (e.ReleaseDate is { } r && r < DateOnly.FromDateTime(DateTime.UnixEpoch)) errors.Add(new FieldError($"{field}.releaseDate", "must not be before 1970-01-01."));
        if (e.Genres is { } genres)
        {
            if (genres.Count > MaxGenres) errors.Add(new FieldError($"{field}.genres", $"must list at most {MaxGenres} genres."));
            else for (var i = 0; i < genres.Count; i++) CheckText(genres[i] ?? "", $"{field}.genres[{i}]", errors, required: true);
        }
    }

    private static void CheckText(string? text, string field, List<FieldError> errors, bool required = false)
    {
        if (text is null) return;
        if (required && text.Length == 0) errors.Add(new FieldError(field, "must not be empty."));
        else if (text.Length > MaxTextLength) errors.Add(new FieldError(field, $"must be at most {MaxTextLength} characters."));
        else if (text.Any(char.IsControl)) errors.Add(new FieldError(field, "must not contain control characters."));
    }
}
