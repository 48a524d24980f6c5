using System.Text;

namespace Personalization.Grains.Users;

/// <summary>
/// How user ids appear in logs. Section <c>Personalization:LogPrivacy</c>. Logs carry a keyed hash of a user id, never
/// the id: with <see cref="UserIdKey"/> set (a secret shared by every silo) the same user has the same hash on every
/// silo and across restarts, so an operator holding the key can find a user's lines (<see cref="UserIdPseudonyms.Of"/>);
/// without it each process draws a random key and hashes correlate within one process only.
/// </summary>
public sealed class LogPrivacyOptions
{
    public const string SectionName = "Personalization:LogPrivacy";

    /// <summary>Smallest accepted key (HMAC-SHA256).</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The HMAC key for user ids in logs (UTF-8, at least 32 bytes); null: a random key per process.</summary>
    public string? UserIdKey { get; set; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (UserIdKey is not null && Encoding.UTF8.GetByteCount(UserIdKey) < MinKeyBytes)
        {
            errors.Add($"{SectionName}:{nameof(UserIdKey)} must be at least {MinKeyBytes} bytes (or unset for a random key per process).");
        }

        return errors;
    }
}
