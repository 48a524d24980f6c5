namespace Personalization.Silo;

/// <summary>Registers the demo seeder when <see cref="DemoOptions.Enabled"/>.</summary>
public static class DemoSeeding
{
    public static IServiceCollection AddDemoSeeding(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName))
            .Validate(o => o.Listeners is >= 1 and <= 100_000, "Listeners must be in [1, 100000].")
            .ValidateOnStart();
        services.AddHostedService<DemoSeeder>();
        return services;
    }
}
