using System.Net;
using Personalization.Testing.Processes;

namespace Personalization.Bench.Perf;

/// <summary>
/// A stand-in OTLP/HTTP collector on 127.0.0.1 for the tracing scenario: accepts every export (200, empty protobuf
/// answer) and counts requests and bytes, so the traced silo pays the whole export path (batching, serialization, HTTP).
/// </summary>
public sealed class OtlpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private long _requests;
    private long _traceExports;
    private long _bytes;

    private OtlpSink(int port)
    {
        Endpoint = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Endpoint);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public string Endpoint { get; }

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Exports to <c>/v1/traces</c> (the others are logs).</summary>
    public long TraceExports => Interlocked.Read(ref _traceExports);

    public long Bytes => Interlocked.Read(ref _bytes);

    public static OtlpSink Start() => new(LoopbackPorts.Free());

    private async Task ServeAsync()
    {
        var buffer = new byte[64 * 1024];
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (HttpListenerException)
            {
                return; // stopped
            }
            catch (ObjectDisposedException)
            {
                return;
            }

            int read;
            while ((read = await context.Request.InputStream.ReadAsync(buffer).ConfigureAwait(false)) > 0) Interlocked.Add(ref _bytes, read);
            Interlocked.Increment(ref _requests);
            if (context.Request.Url?.AbsolutePath == "/v1/traces") Interlocked.Increment(ref _traceExports);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.ContentLength64 = 0;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
