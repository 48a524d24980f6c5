using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Grains.Hosting;
using Personalization.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseConfiguredClustering(builder.Configuration).AddPersonalization(builder.Configuration));
builder.Services.AddPersonalizationApiServices(builder.Configuration);
builder.Services.AddDemoSeeding(builder.Configuration);
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.MapPersonalizationApi();
app.Run();
