using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Engine.Blend;
using Personalization.Engine.Discovery;
using Personalization.Grains.Users;

namespace Personalization.Grains.Hosting;

/// <summary>Registers Blend and discovery: their options (validated at start), the engine's mixer and finder, and the listener views.</summary>
public static class BlendServices
{
    public static IServiceCollection AddBlendAndDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<BlendOptions>(configuration, BlendOptions.SectionName, o => o.Validate());
        services.AddValidatedOptions<DiscoveryOptions>(configuration, DiscoveryOptions.SectionName, o => o.Validate());
        services.AddSingleton(sp => new BlendMixer(sp.GetRequiredService<IOptions<BlendOptions>>().Value));
        services.AddSingleton(sp => new DiscoveryFinder(sp.GetRequiredService<IOptions<DiscoveryOptions>>().Value));
        services.AddSingleton<TasteViews>();
        return services;
    }
}
