using System.Net;
using System.Net.Sockets;

namespace Serviceloven.Tests.Common;

/// <summary>Linked into every test project that starts a server on a real port (one source, several projects).</summary>
public static class LocalPorts
{
    /// <summary>A free local port below 32768: the ephemeral range above it is full of TIME_WAIT sockets after load tests.</summary>
    public static int Free()
    {
        for (var attempt = 0; ; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException) when (attempt < 200) { /* taken: try another */ }
        }
    }
}
