using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Personalization.Tests.Durability.Direct;

/// <summary>
/// A loopback HTTP/1.1 server that answers each request with the next scripted raw response (the last one repeats)
/// and closes the connection; it records every request's headers and body. For transport tests that need answers
/// Azurite never gives (503, garbage).
/// </summary>
public sealed class ScriptedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string[] _responses;
    private readonly List<(string Head, byte[] Body)> _requests = [];

    public ScriptedHttpServer(params string[] responses)
    {
        _responses = responses;
        _listener.Start();
        _ = ServeAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public IReadOnlyList<(string Head, byte[] Body)> Requests
    {
        get
        {
            lock (_requests) return [.. _requests];
        }
    }

    /// <summary>A raw response with a body (Content-Length set, connection closed afterwards).</summary>
    public static string Answer(int status, string contentType, string body) =>
        $"HTTP/1.1 {status} Scripted\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\nConnection: close\r\n\r\n{body}";

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var (head, body) = await ReadRequestAsync(stream);
                int index;
                lock (_requests)
                {
                    _requests.Add((head, body));
                    index = Math.Min(_requests.Count, _responses.Length) - 1;
                }

                await stream.WriteAsync(Encoding.UTF8.GetBytes(_responses[index]), _stop.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
        {
            // stopped
        }
    }

    private async Task<(string Head, byte[] Body)> ReadRequestAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headEnd;
        while ((headEnd = IndexOfBlankLine(received)) < 0)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0) throw new IOException("The client closed the connection mid-request.");
            received.Write(buffer, 0, read);
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var lengthLine = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var length = lengthLine is null ? 0 : int.Parse(lengthLine["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture);
        while (received.Length < headEnd + 4 + length)
        {
            var read = await stream.ReadAsync(buffer, _stop.Token);
            if (read == 0) throw new IOException("The client closed the connection mid-body.");
            received.Write(buffer, 0, read);
        }

        return (head, received.ToArray()[(headEnd + 4)..(headEnd + 4 + length)]);
    }

    private static int IndexOfBlankLine(MemoryStream received) =>
        received.GetBuffer().AsSpan(0, (int)received.Length).IndexOf("\r\n\r\n"u8);
}
