using System.Net;
using System.Net.Sockets;

namespace Personalization.Testing.Processes;

/// <summary>Free TCP ports on 127.0.0.1 for the silos and services a test or benchmark starts.</summary>
public static class LoopbackPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
