using Personalization.Client;
using Personalization.Client.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddPersonalizationClient();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealthChecks("/health/live");
app.MapHealthChecks("/health/ready");
app.MapPersonalizationApi();
app.Run();
