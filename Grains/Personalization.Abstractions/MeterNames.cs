namespace Personalization.Abstractions;

/// <summary>The meters the hosts export on <c>/metrics</c>: Orleans' own, the project's and ASP.NET Core's request metrics.</summary>
public static class MeterNames
{
    public const string Orleans = "Microsoft.Orleans";
    public const string Personalization = "Personalization";

    /// <summary>ASP.NET Core's <c>http.server.request.duration</c> (by route and status): the SLOs' latency and error ratio at the HTTP edge.</summary>
    public const string AspNetCoreHosting = "Microsoft.AspNetCore.Hosting";
}
