using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Personalization.Engine;
using Personalization.Grains.Hosting;

namespace Personalization.Tests.Domain;

/// <summary>
/// A silo does not start with a dedupe window smaller than the largest batch it accepts: such a batch, retried after
/// its acknowledgement was lost, would have its first events applied twice.
/// </summary>
[Trait("Category", "Domain")]
[Trait("Requires", "None")]
public sealed class DedupeWindowOptionsTests
{
    [Theory]
    [InlineData(null, null, true)]   // the defaults: 512 ≥ 500
    [InlineData("256", null, false)] // the old default window against the default batch limit
    [InlineData("256", "256", true)]
    [InlineData("100", "101", false)]
    public void The_engine_options_are_valid_only_when_the_window_holds_the_largest_batch(string? window, string? batch, bool valid)
    {
        var settings = new Dictionary<string, string?>();
        if (window is not null) settings["Personalization:Engine:DedupeWindow"] = window;
        if (batch is not null) settings["Personalization:Validation:MaxBatchSize"] = batch;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddPersonalizationGrains(configuration).BuildServiceProvider();

        var read = () => services.GetRequiredService<IOptions<EngineOptions>>().Value;

        if (valid)
        {
            Assert.True(read().DedupeWindow >= 1);
        }
        else
        {
            var error = Assert.Throws<OptionsValidationException>(read);
            Assert.Contains("DedupeWindow", error.Message);
            Assert.Contains("MaxBatchSize", error.Message);
        }
    }
}
