using Personalization.Client;
using Personalization.Client.Http;
using Personalization.Client.Security;

// `dotnet run --project Client/Personalization.Gateway -- token --sub u0001` prints a development token (README "Security").
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
builder.AddPersonalizationClient();

var app = builder.Build();
app.UsePersonalizationHttp();
app.Run();
return 0;
