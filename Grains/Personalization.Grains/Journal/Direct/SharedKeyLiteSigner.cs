using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Personalization.Grains.Journal.Direct;

/// <summary>
/// Signs Table service requests the way Azure.Data.Tables does (its TableSharedKeyPipelinePolicy): scheme
/// <c>SharedKeyLite</c>, string to sign = <c>x-ms-date</c> value + "\n" + canonicalized resource, where the resource is
/// "/" + account name + the request URI's absolute path (path-style Azurite URLs keep the account twice:
/// <c>/devstoreaccount1/devstoreaccount1/$batch</c>), signature = Base64(HMAC-SHA256(account key, UTF-8 string)).
/// A signer is for one request path (the journal signs only its <c>$batch</c> URL).
/// </summary>
public sealed class SharedKeyLiteSigner
{
    private readonly byte[] _key;
    private readonly string _authorizationPrefix;
    private readonly string _canonicalizedResource;
    private Signed? _cached; // replaced whole, so concurrent callers never see a torn value

    public SharedKeyLiteSigner(string accountName, byte[] accountKey, Uri requestUri)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountName);
        ArgumentNullException.ThrowIfNull(accountKey);
        ArgumentNullException.ThrowIfNull(requestUri);
        if (accountKey.Length == 0) throw new ArgumentException("The account key is empty.", nameof(accountKey));
        _key = accountKey;
        _authorizationPrefix = "SharedKeyLite " + accountName + ":";
        _canonicalizedResource = "/" + accountName + (requestUri.AbsolutePath.Length > 0 ? requestUri.AbsolutePath : "/");
    }

    public string CanonicalizedResource => _canonicalizedResource;

    /// <summary>The <c>x-ms-date</c> and <c>Authorization</c> values for a request sent at <paramref name="now"/> (cached per second).</summary>
    public (string Date, string Authorization) Sign(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        if (_cached is { } cached && cached.Second == second) return (cached.Date, cached.Authorization);
        var date = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        var authorization = _authorizationPrefix + Signature(date + "\n" + _canonicalizedResource);
        _cached = new Signed(second, date, authorization);
        return (date, authorization);
    }

    public string Signature(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(stringToSign)));

    private sealed record Signed(long Second, string Date, string Authorization);
}
