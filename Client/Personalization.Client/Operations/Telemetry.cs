using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Personalization.Abstractions;

namespace Personalization.Client.Operations;

/// <summary>
/// OpenTelemetry of a host (silo or gateway): Orleans' meter, the project's and ASP.NET Core's request metrics, scraped by Prometheus on
/// <c>/metrics</c>; with <see cref="TracingOptions.OtlpEndpoint"/> set, traces and logs exported over OTLP. Log scopes
/// always carry the current trace and span id, so a log line leads to its trace.
/// </summary>
public static class Telemetry
{
    public const string MetricsPath = "/metrics";

    public static IServiceCollection AddPersonalizationTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var tracing = TracingOptions.Read(configuration);
        services.Configure<LoggerFactoryOptions>(o =>
            o.ActivityTrackingOptions |= ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        var telemetry = services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MeterNames.Orleans, MeterNames.Personalization, MeterNames.AspNetCoreHosting)
            .AddPrometheusExporter());
        if (tracing.Enabled)
        {
            telemetry
                .WithTracing(t => t.AddPersonalizationTracing(tracing).AddOtlpExporter(o => Otlp(o, tracing, "v1/traces")))
                .WithLogging(l => l.AddOtlpExporter(o => Otlp(o, tracing, "v1/logs")), o => o.IncludeScopes = true);
        }

        return services;
    }

    /// <summary>
    /// What a host traces, without an exporter (the host adds OTLP; tests an in-memory one): ASP.NET Core requests,
    /// HttpClient calls made inside a trace (storage), Orleans grain calls and grain storage, the project's sources;
    /// parent-based ratio sampling; <see cref="TraceRedaction"/> before any exporter.
    /// </summary>
    public static TracerProviderBuilder AddPersonalizationTracing(this TracerProviderBuilder tracing, TracingOptions options)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        ArgumentNullException.ThrowIfNull(options);
        return tracing
            .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.SamplingRatio)))
            .AddAspNetCoreInstrumentation(o => o.Filter = context => !ManagementPort.IsManagementPath(context.Request.Path))
            .AddHttpClientInstrumentation(o => o.FilterHttpRequestMessage = _ => Activity.Current?.Parent is not null)
            .AddSource([.. ActivitySourceNames.All])
            .AddProcessor(new TraceRedaction(HashKey(options)));
    }

    private static byte[] HashKey(TracingOptions options) =>
        string.IsNullOrEmpty(options.IdHashKey) ? RandomNumberGenerator.GetBytes(32) : Encoding.UTF8.GetBytes(options.IdHashKey);

    /// <summary>gRPC takes the collector's address; OTLP/HTTP the signal's path under it (an endpoint set in code is used as it is).</summary>
    private static void Otlp(OtlpExporterOptions exporter, TracingOptions options, string signalPath)
    {
        var http = options.OtlpProtocol == "HttpProtobuf";
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(new Uri(options.OtlpEndpoint!.AbsoluteUri.TrimEnd('/') + "/"), signalPath) : options.OtlpEndpoint!;
    }
}
