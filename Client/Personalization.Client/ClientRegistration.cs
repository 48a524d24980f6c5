using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;
using Personalization.Abstractions;
using Personalization.Client.Facade;
using Personalization.Client.Operations;
using Personalization.Client.Security;

namespace Personalization.Client;

/// <summary>Registration for gateway processes: the Orleans client plus the typed facade and shared validation.</summary>
public static class ClientRegistration
{
    /// <summary>
    /// Adds the Orleans client configured from <c>Personalization:Client</c> and <see cref="AddPersonalizationApiServices"/>.
    /// <paramref name="configureClient"/> may add providers (e.g. Azure Table clustering) on top.
    /// </summary>
    public static IHostApplicationBuilder AddPersonalizationClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configureClient = null)
    {
        var options = builder.AddPersonalizationOrleansClient(configureClient);
        builder.Services.AddPersonalizationApiServices(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<Operations.ClusterClientHealthCheck>(
            "cluster-client", tags: [HealthTags.Startup, HealthTags.Ready], timeout: options.ResponseTimeout);
        return builder;
    }

    /// <summary>
    /// Only the Orleans client configured from <c>Personalization:Client</c> (clustering, cluster ids, timeouts, mutual
    /// TLS), without the HTTP API's services: for tools that call grains and serve no HTTP (the import command).
    /// </summary>
    public static PersonalizationClientOptions AddPersonalizationOrleansClient(this IHostApplicationBuilder builder, Action<IClientBuilder>? configureClient = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Configuration.GetSection(PersonalizationClientOptions.SectionName).Get<PersonalizationClientOptions>() ?? new();
        var errors = options.Validate();
        if (errors.Count > 0) throw new OptionsValidationException(PersonalizationClientOptions.SectionName, typeof(PersonalizationClientOptions), errors);
        var tls = Security.ClusterTls.Read(builder.Configuration);

        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = options.GatewayListRefreshPeriod);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = options.ResponseTimeout);
            if (builder.Configuration.GetValue(DashboardSetting.Key, DashboardSetting.Default)) client.AddDashboard();
            client.AddActivityPropagation(); // grain calls continue the caller's trace (spans only while a tracer listens)
            if (options.Clustering == "Static")
            {
                client.UseStaticClustering([.. options.GatewayEndpoints.Select(IPEndPoint.Parse)]);
            }
            else if (options.Clustering == "AzureTable")
            {
                client.UseAzureStorageClustering(o => o.TableServiceClient = string.IsNullOrWhiteSpace(options.AzureConnectionString)
                    ? new Azure.Data.Tables.TableServiceClient(options.AzureTableServiceUri, new Azure.Identity.DefaultAzureCredential())
                    : new Azure.Data.Tables.TableServiceClient(options.AzureConnectionString));
            }
            else if (configureClient is null)
            {
                client.UseLocalhostClustering(options.GatewayPort, options.ServiceId, options.ClusterId);
            }

            if (tls.Enabled) client.UseTls(o => Security.ClusterTls.Configure(o, tls)); // mutual TLS to the gateways (Personalization:Tls)
            configureClient?.Invoke(client);
        });
        return options;
    }

    /// <summary>The services the facade and HTTP API need, over whatever <see cref="IGrainFactory"/> the host has (client or silo).</summary>
    public static IServiceCollection AddPersonalizationApiServices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ValidationLimits>().Bind(configuration.GetSection(ValidationLimits.SectionName));
        services.TryAddSingleton(sp => new RequestValidator(sp.GetRequiredService<IOptions<ValidationLimits>>().Value));
        services.TryAddSingleton<IPersonalizationClient, PersonalizationClient>();
        services.TryAddSingleton<IDiscoveryClient, DiscoveryClient>();
        services.TryAddSingleton<IModelStatusClient, ModelStatusClient>();
        services.TryAddSingleton(sp => new Abstractions.Catalog.CatalogValidator(sp.GetRequiredService<RequestValidator>()));
        services.TryAddSingleton<ICatalogClient, CatalogClient>();
        services.AddOptions<Http.ApiLimits>().Bind(configuration.GetSection(Http.ApiLimits.SectionName))
            .Validate(o => o.Validate().Count == 0, "Personalization:Http is invalid (MaxBodyBytes in [1 KiB, 64 MiB], MaxEventAge positive).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.MaxDepth = Http.ApiJson.MaxDepth;
            o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
        });
        services.AddProblemDetails();
        services.AddPersonalizationSecurity(configuration);
        services.AddOpenApi(o => o.AddDocumentTransformer<Http.BearerSecurityTransformer>());
        services.AddHealthChecks();
        services.AddOptions<Operations.ManagementOptions>().Bind(configuration.GetSection(Operations.ManagementOptions.SectionName))
            .Validate(o => o.Validate().Count == 0, "Personalization:Management is invalid (Port 0 or a TCP port, ReadyCacheDuration in [0, 1 min]).")
            .ValidateOnStart();
        services.TryAddSingleton<Operations.ReadinessCache>();
        services.AddPersonalizationTelemetry(configuration);
        return services;
    }
}
