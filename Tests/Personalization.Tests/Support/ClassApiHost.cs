using Microsoft.Extensions.DependencyInjection;
using Personalization.Testing;

namespace Personalization.Tests.Support;

/// <summary>
/// One API host for every test of a class (<c>IClassFixture&lt;ClassApiHost&gt;</c>), started by the first test over
/// the collection's cluster and stopped after the last. For classes whose tests keep nothing in the host between them:
/// each uses its own users, the service and admin tokens' rate limit (2,000 a second) is far above a class's requests,
/// and the class sends fewer requests without a valid token than anonymous callers get a second (20). Starting a host
/// per test cost 0.2-0.9 s each, on the shared cluster's one-after-another chain.
/// </summary>
public sealed class ClassApiHost : IAsyncLifetime
{
    private readonly Lock _gate = new();
    private Task<PersonalizationApiHost>? _host;

    /// <summary>The class's host over <paramref name="cluster"/>, started on the first call (with <paramref name="services"/> replaced, if given).</summary>
    public Task<PersonalizationApiHost> StartOnceAsync(PersonalizationTestCluster cluster, Action<IServiceCollection>? services = null)
    {
        lock (_gate) return _host ??= PersonalizationApiHost.StartAsync(cluster, services: services);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_host is not null) await (await _host).DisposeAsync();
    }
}
