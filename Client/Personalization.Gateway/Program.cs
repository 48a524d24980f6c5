using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Security;

// `dotnet run --project Client/Personalization.Gateway -- token --sub u0001` prints a development token (README "Security").
if (DevTokenCommand.IsInvoked(args)) return DevTokenCommand.Run(args, Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.AddPersonalizationClient();

var app = builder.Build();
app.UsePersonalizationHttp();
app.Run();
return 0;
