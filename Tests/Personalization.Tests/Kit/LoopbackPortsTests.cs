using System.Net;
using System.Net.Sockets;
using Personalization.Testing.Processes;

namespace Personalization.Tests.Kit;

/// <summary>The kit's free ports: bindable, never handed out twice, and outside the kernel's ephemeral range.</summary>
[Trait("Category", "Cluster")]
[Trait("Requires", "None")]
public sealed class LoopbackPortsTests
{
    [Fact]
    public void Ports_are_distinct_bindable_and_below_the_ephemeral_range()
    {
        var ephemeralStart = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[0],
            System.Globalization.CultureInfo.InvariantCulture);

        var ports = Enumerable.Range(0, 200).Select(_ => LoopbackPorts.Free()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 20_000, Math.Min(30_000, ephemeralStart) - 1));
        foreach (var port in ports.Take(20))
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start(); // throws if the port was not free
        }
    }
}
