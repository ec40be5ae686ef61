using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Serviceloven.Adversarial.Tests.Fuzz;

public sealed record FuzzAnswer(int Status, string? ContentType, string Body, TimeSpan Elapsed);

/// <summary>Sends a generated request over real HTTP; a short body goes over a raw socket (HttpClient cannot lie about Content-Length).</summary>
public sealed class FuzzClient(HttpClient http, Uri baseAddress, string apiKey)
{
    public async Task<FuzzAnswer> SendAsync(FuzzRequest request)
    {
        var started = Stopwatch.GetTimestamp();
        if (request.ShortBody)
        {
            var (status, type, body) = await SendShortAsync(request);
            return new FuzzAnswer(status, type, body, Stopwatch.GetElapsedTime(started));
        }
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), request.Path);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            // A body over the limit is refused before it is read: the client waits for 100 Continue instead of writing into a closed connection.
            if (request.Body.Length > 512 * 1024) message.Headers.ExpectContinue = true;
        }
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return new FuzzAnswer((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), text, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>A body shorter than its Content-Length, then the client closes its side: the server sees the request end early.</summary>
    private async Task<(int, string?, string)> SendShortAsync(FuzzRequest request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = tcp.GetStream();
        var body = request.Body ?? [];
        var sent = body.Length / 2;
        var head = $"{request.Method} {request.Path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nX-Api-Key: {apiKey}\r\n" +
                   $"Content-Type: {request.ContentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(body.AsMemory(0, sent));
        await stream.FlushAsync();
        tcp.Client.Shutdown(SocketShutdown.Send);
        using var read = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await stream.CopyToAsync(read, timeout.Token); }
        catch (IOException) { /* the server reset the connection after answering */ }
        return Parse(read.ToArray());
    }

    /// <summary>Status, content type and body of a raw HTTP/1.1 answer (chunked or not); status 0 when the server sent nothing.</summary>
    public static (int Status, string? ContentType, string Body) Parse(byte[] raw)
    {
        var end = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0) return (0, null, Encoding.UTF8.GetString(raw));
        var lines = Encoding.ASCII.GetString(raw, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        string? type = null;
        var chunked = false;
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':');
            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) type = value;
            if (name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase) && value.Contains("chunked")) chunked = true;
        }
        var body = raw.AsSpan(end + 4);
        if (!chunked) return (status, type, Encoding.UTF8.GetString(body));
        using var decoded = new MemoryStream();
        while (body.Length > 0)
        {
            var lineEnd = body.IndexOf("\r\n"u8);
            if (lineEnd < 0) break;
            var size = Convert.ToInt32(Encoding.ASCII.GetString(body[..lineEnd]).Split(';')[0], 16);
            if (size == 0) break;
            var chunk = body.Slice(lineEnd + 2, Math.Min(size, body.Length - lineEnd - 2));
            decoded.Write(chunk);
            body = body[Math.Min(body.Length, lineEnd + 2 + size + 2)..];
        }
        return (status, type, Encoding.UTF8.GetString(decoded.ToArray()));
    }
}
