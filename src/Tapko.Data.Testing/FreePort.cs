using System.Net;
using System.Net.Sockets;

namespace Tapko.Data.Testing;

/// <summary>
/// Asks the OS for an unused loopback port. Another process can take it before Java binds it, so callers retry on a
/// port collision rather than trust it.
/// </summary>
internal static class FreePort
{
    public static int Next()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
