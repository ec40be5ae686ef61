using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace Serviceloven.Admin.Auth;

/// <summary>Keys under which sign-in attempts are counted. Both live in memory only.</summary>
public static class SignInKeys
{
    // Per process: a user name is counted under a keyed hash, so not even memory holds what someone typed.
    private static readonly byte[] NameKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// The client's address as the forwarded-headers step left it. An IPv6 client usually owns a whole /64, so the
    /// /64 counts as one address; an IPv4-mapped address counts as the IPv4 address.
    /// </summary>
    public static string Address(IPAddress? address)
    {
        if (address is null) return "ukendt";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The typed user name, trimmed and case-folded as the users table compares it, under a keyed hash.</summary>
    public static string Name(string? username) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(NameKey, Encoding.UTF8.GetBytes((username ?? "").Trim().ToUpperInvariant())))[..32];
}
