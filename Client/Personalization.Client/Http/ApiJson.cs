using System.Text.Json;
using System.Text.Json.Serialization;

namespace Personalization.Client.Http;

/// <summary>The API's JSON settings: web defaults (camelCase), enums as camelCase strings, bounded depth.</summary>
public static class ApiJson
{
    public const int MaxDepth = 16;

    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { MaxDepth = MaxDepth };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
