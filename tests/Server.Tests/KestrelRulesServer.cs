using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Serviceloven.Server.Tests;

/// <summary>The server on a real Kestrel port, for what only a real socket shows (a body shorter than its Content-Length).</summary>
public sealed class KestrelRulesServer : RulesServerFactory
{
    public int Port { get; } = Serviceloven.Tests.Common.LocalPorts.Free();

    public KestrelRulesServer()
    {
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
        StartServer();
    }

    /// <summary>Sends raw bytes, optionally closes the sending side, and reads the answer until the server closes or the time is up.</summary>
    public async Task<(int Status, string Head, string Body)> SendRawAsync(string request, bool closeSending, TimeSpan wait)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request));
        if (closeSending) client.Client.Shutdown(SocketShutdown.Send);
        using var timeout = new CancellationTokenSource(wait);
        var received = new MemoryStream();
        var buffer = new byte[8192];
        try
        {
            while (true)
            {
                var n = await stream.ReadAsync(buffer, timeout.Token);
                if (n == 0) break;
                received.Write(buffer, 0, n);
                if (Complete(received.ToArray())) break;
            }
        }
        catch (OperationCanceledException) { /* what arrived so far is the answer */ }
        catch (IOException) { /* the server reset the connection after answering */ }
        var bytes = received.ToArray();
        var split = IndexOf(bytes, "\r\n\r\n"u8);
        if (split < 0) return (0, Encoding.UTF8.GetString(bytes), "");
        var head = Encoding.ASCII.GetString(bytes, 0, split);
        var status = int.Parse(head.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        var body = bytes.AsSpan(split + 4);
        return (status, head, Encoding.UTF8.GetString(IsChunked(head) ? Dechunk(body) : body.ToArray()));
    }

    private static bool IsChunked(string head) => head.Contains("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);

    private static int IndexOf(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> value) => bytes.IndexOf(value);

    /// <summary>True once the whole answer (head and body, by Content-Length or the last chunk) has arrived.</summary>
    private static bool Complete(byte[] bytes)
    {
        var split = IndexOf(bytes, "\r\n\r\n"u8);
        if (split < 0) return false;
        var head = Encoding.ASCII.GetString(bytes, 0, split);
        if (IsChunked(head)) return bytes.AsSpan().EndsWith("0\r\n\r\n"u8);
        var length = head.Split("\r\n").FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        return length is not null && bytes.Length - split - 4 >= int.Parse(length.Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static byte[] Dechunk(ReadOnlySpan<byte> body)
    {
        var result = new MemoryStream();
        while (true)
        {
            var line = IndexOf(body, "\r\n"u8);
            if (line < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..line]), 16);
            if (size == 0) break;
            result.Write(body.Slice(line + 2, size));
            body = body[(line + 2 + size + 2)..];
        }
        return result.ToArray();
    }

}
