using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Security;
using Personalization.Grains.Hosting;
using Personalization.Silo;

// `dotnet run --project Silo -- token --sub u0001` prints a development token (README "Security").
// Release builds (the images) leave the command out.
if (DevTokenCommand.IsInvoked(args))
{
#if DEBUG
    return DevTokenCommand.Run(args, Console.Out, Console.Error);
#else
    return DevTokenCommand.RefusedInThisBuild(Console.Error);
#endif
}

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddKubernetesEnvironment(); // POD_IP, POD_NAME, ORLEANS_* (OPERATIONS.md)
var settings = SiloConfiguration.ReadSettings(builder.Configuration);
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
builder.UseOrleans(silo =>
{
    silo.UseConfiguredClustering(builder.Configuration).AddPersonalization(builder.Configuration);
    if (ClusterTls.Read(builder.Configuration) is { Enabled: true } tls) silo.UseTls(o => ClusterTls.Configure(o, tls)); // mutual TLS on 11111/30000
    if (settings.UseKubernetesHosting && KubernetesEnvironment.InCluster(Environment.GetEnvironmentVariables())) silo.UseKubernetesHosting();
});
builder.Services.AddPersonalizationApiServices(builder.Configuration);
builder.Services.AddDemoSeeding(builder.Configuration);

var app = builder.Build();
app.UsePersonalizationHttp(api: settings.ServeApi ?? app.Environment.IsDevelopment()); // the /v1 API only where asked (README "Security")
app.Run();
return 0;
