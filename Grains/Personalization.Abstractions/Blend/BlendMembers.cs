namespace Personalization.Abstractions.Blend;

/// <summary>
/// The members of a Blend and its canonical key: ids sorted ordinally, duplicates removed, joined with
/// <see cref="Separator"/> (a character no id may contain). 2..8 distinct members, each a valid user id.
/// </summary>
public static class BlendMembers
{
    public const char Separator = ',';
    public const int MinMembers = 2;
    public const int MaxMembers = 8;

    /// <summary>The canonical key of a member list, or the errors (field <c>members</c> / <c>members[i]</c>).</summary>
    public static IReadOnlyList<FieldError> TryParse(string? members, RequestValidator validator, out IReadOnlyList<string> canonical)
    {
        ArgumentNullException.ThrowIfNull(validator);
        canonical = [];
        if (string.IsNullOrEmpty(members)) return [new FieldError("members", "is required: 2 to 8 user ids separated by ','.")];
        var ids = members.Split(Separator);
        if (ids.Length > MaxMembers * 2) return [new FieldError("members", $"must name {MinMembers} to {MaxMembers} distinct users (was {ids.Length} ids).")];
        return TryParse(ids, validator, out canonical);
    }

    /// <summary>Validates each id, then sorts and de-duplicates; errors name <c>members[i]</c> (input position).</summary>
    public static IReadOnlyList<FieldError> TryParse(IReadOnlyList<string?>? members, RequestValidator validator, out IReadOnlyList<string> canonical)
    {
        ArgumentNullException.ThrowIfNull(validator);
        canonical = [];
        if (members is null) return [new FieldError("members", "is required.")];
        var errors = new List<FieldError>();
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var e in validator.ValidateUserId(members[i])) errors.Add(new FieldError($"members[{i}]", e.Message));
        }

        if (errors.Count > 0) return errors;
        var distinct = members.Select(m => m!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length is < MinMembers or > MaxMembers)
        {
            return [new FieldError("members", $"must name {MinMembers} to {MaxMembers} distinct users (was {distinct.Length}).")];
        }

        canonical = distinct;
        return [];
    }

    /// <summary>The grain key of an already canonical member list.</summary>
    public static string Key(IReadOnlyList<string> canonical) => string.Join(Separator, canonical);
}
