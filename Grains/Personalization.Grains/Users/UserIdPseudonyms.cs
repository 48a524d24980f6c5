using System.Security.Cryptography;
using System.Text;

namespace Personalization.Grains.Users;

/// <summary>
/// The keyed hash a log line carries instead of a user id: <c>user#</c> and the first 16 hex digits of
/// HMAC-SHA256(key, id). Without the key the hash cannot be turned back into an id, nor checked against a guessed one.
/// </summary>
public sealed class UserIdPseudonyms
{
    private readonly byte[] _key;

    public UserIdPseudonyms(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < LogPrivacyOptions.MinKeyBytes) throw new ArgumentException($"The key must be at least {LogPrivacyOptions.MinKeyBytes} bytes.", nameof(key));
        _key = [.. key];
    }

    /// <summary>From <see cref="LogPrivacyOptions.UserIdKey"/>, or a random key of this process when it is unset.</summary>
    public static UserIdPseudonyms Create(LogPrivacyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new UserIdPseudonyms(options.UserIdKey is { } key ? Encoding.UTF8.GetBytes(key) : RandomNumberGenerator.GetBytes(LogPrivacyOptions.MinKeyBytes));
    }

    public string Of(string userId)
    {
        ArgumentNullException.ThrowIfNull(userId);
        var hash = HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(userId));
        return "user#" + Convert.ToHexStringLower(hash, 0, 8);
    }
}
