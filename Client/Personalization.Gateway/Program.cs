using Personalization.Client;
using Personalization.Client.Http;

var builder = WebApplication.CreateBuilder(args);
builder.AddPersonalizationClient();

var app = builder.Build();
app.UsePersonalizationHttp();
app.Run();
