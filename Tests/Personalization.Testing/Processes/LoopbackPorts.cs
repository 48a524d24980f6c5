using System.Net;
using System.Net.Sockets;

namespace Personalization.Testing.Processes;

/// <summary>
/// Free TCP ports on 127.0.0.1 for the silos and services a test or benchmark starts. Taken below the kernel's
/// ephemeral range (<c>/proc/sys/net/ipv4/ip_local_port_range</c>), walking from a random start so that one process
/// never hands out a port twice: a port from the ephemeral range (what binding port 0 returns) can be taken as the
/// local port of any outgoing connection between the moment it is chosen and the moment the silo binds it — CI once
/// saw a silo fail to start with "address already in use", most likely that way. Each port is checked free by binding it
/// once.
/// </summary>
public static class LoopbackPorts
{
    /// <summary>Below Orleans' default gateway port (30000) and above its default silo port (11111) and Azurite's (10002).</summary>
    private const int RangeStart = 20_000;

    private const int RangeEnd = 30_000;

    private static readonly int Span = Math.Max(0, Math.Min(RangeEnd, EphemeralRangeStart()) - RangeStart);
    private static int s_next = Random.Shared.Next(Math.Max(1, Span));

    public static int Free()
    {
        for (var attempt = 0; attempt < Span; attempt++)
        {
            var port = RangeStart + (int)((uint)Interlocked.Increment(ref s_next) % (uint)Span);
            if (IsFree(port)) return port;
        }

        // No room below the ephemeral range on this machine: let the kernel choose.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int EphemeralRangeStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 32_768; // Linux's default
        }
    }
}
