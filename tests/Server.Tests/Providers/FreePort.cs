using System.Net;
using System.Net.Sockets;

namespace Serviceloven.Server.Tests.Providers;

/// <summary>A free local port below 32768: the range above is full of TIME_WAIT sockets after load tests.</summary>
public static class FreePort
{
    public static int Next()
    {
        for (var i = 0; i < 200; i++)
        {
            var port = Random.Shared.Next(10_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }
        throw new InvalidOperationException("Ingen ledig port mellem 10000 og 32000.");
    }
}
