using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Grains.Hosting;
using Personalization.Silo;

var builder = WebApplication.CreateBuilder(args);
builder.UseOrleans(silo => silo.UseConfiguredClustering(builder.Configuration).AddPersonalization(builder.Configuration));
builder.Services.AddPersonalizationApiServices(builder.Configuration);
builder.Services.AddDemoSeeding(builder.Configuration);

var app = builder.Build();
app.UsePersonalizationHttp();
app.Run();
