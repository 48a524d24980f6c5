namespace Personalization.Abstractions;

/// <summary>The meters the hosts export on <c>/metrics</c>: Orleans' own and the project's.</summary>
public static class MeterNames
{
    public const string Orleans = "Microsoft.Orleans";
    public const string Personalization = "Personalization";
}
