using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Personalization.Client.Operations;

/// <summary>
/// Distributed tracing of a host (silo or gateway). Section <c>Personalization:Tracing</c>. Off until
/// <see cref="OtlpEndpoint"/> is set: then spans (and logs, with their trace ids) are exported over OTLP.
/// </summary>
public sealed class TracingOptions
{
    public const string SectionName = "Personalization:Tracing";

    /// <summary>The OTLP collector, e.g. <c>http://otel-collector:4317</c> (gRPC) or <c>http://otel-collector:4318</c> (HTTP); none: no tracing.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>Grpc</c> (default) or <c>HttpProtobuf</c>.</summary>
    public string OtlpProtocol { get; set; } = "Grpc";

    /// <summary>
    /// Share of new traces recorded (head sampling at the request that starts a trace); a caller's sampling decision is
    /// always followed, so a trace is whole or absent. 0.1 by default (the overhead is in BENCHMARKS.md "Tracing").
    /// </summary>
    public double SamplingRatio { get; set; } = 0.1;

    /// <summary>
    /// Key of the hash that replaces grain keys (user ids) in span tags, so the spans of one listener can be found
    /// together without carrying the id. Set the same secret on every host; unset, each process draws its own.
    /// </summary>
    public string? IdHashKey { get; set; }

    public bool Enabled => OtlpEndpoint is not null;

    public static TracingOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(SectionName).Get<TracingOptions>() ?? new TracingOptions();
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(SectionName, typeof(TracingOptions), errors);
        return options;
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (OtlpEndpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            errors.Add($"{SectionName}:{nameof(OtlpEndpoint)} must be an absolute http(s) URI (was '{endpoint}').");
        }

        if (OtlpProtocol is not ("Grpc" or "HttpProtobuf")) errors.Add($"{SectionName}:{nameof(OtlpProtocol)} must be Grpc or HttpProtobuf (was '{OtlpProtocol}').");
        if (!(SamplingRatio is >= 0 and <= 1)) errors.Add($"{SectionName}:{nameof(SamplingRatio)} must be in [0, 1] (was {SamplingRatio}).");
        return errors;
    }
}
