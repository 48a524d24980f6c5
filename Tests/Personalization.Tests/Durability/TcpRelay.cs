using System.Net;
using System.Net.Sockets;

namespace Personalization.Tests.Durability;

/// <summary>
/// A loopback TCP relay in front of storage, to simulate outages: <see cref="Stop"/> closes the listener and every
/// connection (storage "down": connection refused), <see cref="Start"/> brings it back on the same port, and
/// <see cref="Blackhole"/> accepts connections but never answers (storage "hung").
/// </summary>
public sealed class TcpRelay(string targetHost, int targetPort) : IDisposable
{
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource? _stop;

    public int Port { get; private set; }

    public bool Blackhole { get; set; }

    public void Start()
    {
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _stop = new CancellationTokenSource();
        _ = AcceptAsync(_listener, _stop.Token);
    }

    public void Stop()
    {
        _stop?.Cancel();
        _listener?.Stop();
        lock (_connections)
        {
            foreach (var c in _connections) c.Dispose();
            _connections.Clear();
        }

        _stop?.Dispose();
        _stop = null;
    }

    public void Dispose() => Stop();

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var inbound = await listener.AcceptTcpClientAsync(stop);
                Track(inbound);
                if (Blackhole) continue;
                var outbound = new TcpClient();
                Track(outbound);
                _ = PipeAsync(inbound, outbound, stop);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopped.
        }
    }

    private async Task PipeAsync(TcpClient inbound, TcpClient outbound, CancellationToken stop)
    {
        try
        {
            await outbound.ConnectAsync(targetHost, targetPort, stop);
            var a = inbound.GetStream();
            var b = outbound.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stop), b.CopyToAsync(a, stop));
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // Connection ended or relay stopped.
        }
        finally
        {
            inbound.Dispose();
            outbound.Dispose();
            lock (_connections)
            {
                _connections.Remove(inbound);
                _connections.Remove(outbound);
            }
        }
    }

    private void Track(TcpClient client)
    {
        lock (_connections) _connections.Add(client);
    }
}
