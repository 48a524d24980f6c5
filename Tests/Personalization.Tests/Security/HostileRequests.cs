using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Personalization.Tests.Security;

/// <summary>
/// Deterministic (seeded) generator of malformed or hostile API requests: wrong methods, odd paths, wrong content types,
/// wrong JSON types, huge and deeply nested bodies, unicode and control characters, injection strings, extreme numbers.
/// Requests for the protected control user are never authorized to change it.
/// </summary>
internal sealed class HostileRequests(int seed, string controlUser, Func<string, string> listenerToken, string serviceToken, string adminToken)
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE", "PROPFIND"];
    private static readonly string[] Endpoints =
        ["events", "events", "events", "events", "recommendations", "profile", "export", "", "events/extra", "EVENTS", "admin", "model"];

    private static readonly string[] Hostile =
    [
        "'; DROP TABLE users;--", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://127.0.0.1/a}", "../../etc/passwd",
        "%s%s%n%x", "{{7*7}}", "\0", "\u202e\u0000\u0007", "🎵🎶", "\ud800", "ＡＢＣ", "a\r\nX-Injected: 1", "$where", "__proto__",
        "null", "true", "-0", "1e309", "NaN", "", " ", new string('x', 129), new string('é', 300),
    ];

    private static readonly string[] OddPaths =
    [
        "/v1/users/", "/v1/users", "/v1//users/x/events", "/v1/users/x/../../health/live", "/v1/users/%01/profile",
        "/v1/users/%2e%2e/profile", "/v1/users/a%2Fb/profile", "/V1/USERS/x/PROFILE", "/v2/users/x/profile", "/", "/docs/../v1/users/x/export",
        "/v1/users/" + new string('a', 4000) + "/events", "/openapi/v2.json", "/health/live/../../v1/users/x/export", "/v1/users/x/events;jsessionid=1",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json", "application/json", "application/json", "application/json; charset=utf-16", "text/plain", "application/xml",
        "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", null, "application/json-patch+json", "application/problem+json",
    ];

    private readonly Random _random = new(seed);

    public HttpRequestMessage Next()
    {
        var user = RandomUser();
        var targetsControl = _random.Next(10) == 0;
        if (targetsControl) user = controlUser;
        var endpoint = Pick(Endpoints);
        var method = _random.Next(5) == 0 ? Pick(Methods) : endpoint switch { "events" => "POST", "" => "DELETE", _ => "GET" };
        var path = _random.Next(12) == 0 ? Pick(OddPaths) : $"/v1/users/{Uri.EscapeDataString(user)}/{endpoint}".TrimEnd('/');
        if (_random.Next(5) == 0) path += "?" + Query();

        // Kestrel refuses a NUL in the path with 400 before the app runs; the in-memory test client throws on it instead.
        path = path.Replace("%00", "%01", StringComparison.Ordinal);
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        var token = targetsControl ? ControlToken() : AnyToken();
        if (token is not null) request.Headers.TryAddWithoutValidation("Authorization", token);
        if (method is "POST" or "PUT" or "PATCH" || _random.Next(10) == 0) request.Content = Body();
        return request;
    }

    private string RandomUser() => _random.Next(6) switch
    {
        0 => Pick(Hostile),
        1 => $"fz-{_random.Next(1000)}",
        2 => new string('u', _random.Next(120, 140)),
        _ => $"fuzz-{_random.Next(100_000)}",
    };

    // The control user may only be read by a service, or hit with tokens that must not authorize a change.
    private string? ControlToken() => _random.Next(5) switch
    {
        0 => null,
        1 => "Bearer " + listenerToken("someone-else"),
        2 => "Bearer garbage." + _random.Next(),
        3 => "Basic dXNlcjpwYXNz",
        _ => "Bearer " + listenerToken(controlUser.ToUpperInvariant()),
    };

    private string? AnyToken() => _random.Next(20) switch
    {
        0 => null,
        1 => "Bearer " + listenerToken(RandomUser()),
        2 => "Bearer " + adminToken,
        3 => "Bearer " + serviceToken[..^2] + "xx",
        4 => "bearer   " + serviceToken,
        5 => Pick(["Bearer", "Bearer ", "Token abc", "Bearer a.b.c", "Bearer " + new string('A', 9000), "Bearer \u00e9\u00e9"]),
        _ => "Bearer " + serviceToken,
    };

    private string Query() => _random.Next(7) switch
    {
        0 => "count=" + Pick(["-1", "0", "2147483648", "99999999999999999999", "1.5", "0x10", "", "abc", "%00", "1e3"]),
        1 => "exclude=" + string.Join(',', Enumerable.Range(0, _random.Next(1, 800)).Select(i => $"t{i}")),
        2 => "exclude=" + Uri.EscapeDataString(Pick(Hostile)),
        3 => "count=5&count=6&count=" + Uri.EscapeDataString(Pick(Hostile)),
        4 => new string('&', 300),
        5 => "at=" + Uri.EscapeDataString(Pick(Hostile)),
        _ => "count=" + _random.Next(-5, 120).ToString(CultureInfo.InvariantCulture),
    };

    private HttpContent Body()
    {
        var kind = _random.Next(100);
        HttpContent content = kind switch
        {
            < 2 => new StringContent(new string('[', _random.Next(17, 5000)) + new string(']', _random.Next(0, 100))),
            < 3 => new StringContent("{\"events\":[" + string.Join(',', Enumerable.Range(0, 520).Select(i => EventJson(i))) + "]}"),
            < 4 => new StringContent("{\"eventId\":\"" + new string('x', 600_000) + "\"}"),
            < 6 => new ByteArrayContent(RandomBytes()),
            < 8 => new StringContent(Nested(_random.Next(10, 40))),
            < 40 => new StringContent(EventJson(0)),
            < 70 => new StringContent("{\"events\":[" + string.Join(',', Enumerable.Range(0, _random.Next(0, 6)).Select(EventJson)) + "]}"),
            < 80 => new StringContent("[" + string.Join(',', Enumerable.Range(0, _random.Next(0, 4)).Select(_ => Value())) + "]"),
            < 90 => new StringContent(Value()),
            _ => new StringContent(Pick(Hostile)),
        };
        content.Headers.ContentType = null;
        var type = Pick(ContentTypes);
        if (type is not null) content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    // One event with each field at random: valid, missing, wrong type, hostile or extreme.
    private string EventJson(int i)
    {
        var fields = new List<string>();
        void Add(string name, Func<string> valid)
        {
            var roll = _random.Next(10);
            if (roll == 0) return;
            fields.Add($"{Json(name)}:{(roll < 7 ? valid() : Value())}");
        }

        Add("eventId", () => Json($"e{i}-{_random.Next(50)}"));
        Add("trackId", () => Json($"t{_random.Next(20)}"));
        Add("artistId", () => Json($"a{_random.Next(5)}"));
        Add("kind", () => Json(Pick(["play", "complete", "skip", "like", "dislike", "save", "PLAY", "bogus", "0", "3"])));
        Add("timestamp", () => Json(Pick(["2026-03-02T11:59:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1999-12-31T00:00:00Z", "2026-02-30T00:00:00Z", "yesterday", "2026-03-02T11:00:00+14:00"])));
        Add("positionMs", () => Pick(["0", "-1", "5000", "2147483647", "2147483648", "-2147483649", "1.5", "1e10"]));
        Add("durationMs", () => Pick(["1", "0", "-5", "200000", "21600001", "2147483647", "9223372036854775808"]));
        Add("context", () => "{\"source\":" + Json(Pick(Hostile)) + ",\"device\":" + Value() + "}");
        if (_random.Next(8) == 0) fields.Add($"{Json(Pick(Hostile))}:{Value()}");
        return "{" + string.Join(',', fields.OrderBy(_ => _random.Next())) + "}";
    }

    private string Value() => _random.Next(12) switch
    {
        0 => "null",
        1 => "true",
        2 => Pick(["1e308", "-1e308", "1e400", "-0", "123456789012345678901234567890", "-9223372036854775809", "0.0000001"]),
        3 => "[]",
        4 => "{}",
        5 => Json(Pick(Hostile)),
        6 => "[" + Json(Pick(Hostile)) + ",1,null]",
        7 => "{\"$ref\":\"#\"}",
        8 => Nested(_random.Next(1, 30)),
        9 => "\"\\u0000\\u001f\\ud800\"",
        10 => _random.Next(int.MinValue, int.MaxValue).ToString(CultureInfo.InvariantCulture),
        _ => Json(new string((char)_random.Next(0x20, 0xFFFF), _random.Next(0, 200))),
    };

    private string Nested(int depth) => _random.Next(2) == 0
        ? string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth)
        : new string('[', depth) + "1" + new string(']', depth);

    private byte[] RandomBytes()
    {
        var bytes = new byte[_random.Next(1, 2048)];
        _random.NextBytes(bytes);
        return bytes;
    }

    private static string Json(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private T Pick<T>(T[] items) => items[_random.Next(items.Length)];
}
