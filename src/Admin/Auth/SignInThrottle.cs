using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Serviceloven.Admin.Hosting;

namespace Serviceloven.Admin.Auth;

/// <summary>
/// Progressive slowing instead of an account lock. An address that keeps failing must wait longer and longer before
/// its next attempt is even checked (2, 4, 8 … s, at most MaxAddressWaitSeconds); a user name that keeps failing is
/// answered more and more slowly (at most MaxNameDelayMilliseconds), whoever asks, but never refused, so the owner at
/// another address still gets in with the right password. Counters are per node and in memory; a success clears the
/// address's and the name's, and a counter is forgotten WindowMinutes after its last failure.
/// </summary>
public sealed class SignInThrottle(TimeProvider time, IOptions<AdminOptions> options)
{
    private const int PruneAbove = 10_000;
    private readonly ConcurrentDictionary<string, Failures> _addresses = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _names = new(StringComparer.Ordinal);

    private sealed record Failures(int Count, DateTimeOffset Last);

    private SignInOptions Settings => options.Value.SignIn;

    /// <summary>How long the address must still wait before an attempt from it is checked; zero when it may try now.</summary>
    public TimeSpan AddressWait(string address)
    {
        if (Current(_addresses, address) is not { } failures || failures.Count < Settings.FreeFailures) return TimeSpan.Zero;
        var wait = Grow(TimeSpan.FromSeconds(Settings.FirstAddressWaitSeconds), failures.Count, TimeSpan.FromSeconds(Settings.MaxAddressWaitSeconds));
        var remaining = failures.Last + wait - time.GetUtcNow();
        return remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero;
    }

    /// <summary>How long to hold the answer for this user name before checking the password.</summary>
    public TimeSpan NameDelay(string name) =>
        Current(_names, name) is { } failures && failures.Count >= Settings.FreeFailures
            ? Grow(TimeSpan.FromMilliseconds(Settings.FirstNameDelayMilliseconds), failures.Count, TimeSpan.FromMilliseconds(Settings.MaxNameDelayMilliseconds))
            : TimeSpan.Zero;

    public void Failed(string address, string name)
    {
        Count(_addresses, address);
        Count(_names, name);
    }

    public void Succeeded(string address, string name)
    {
        _addresses.TryRemove(address, out _);
        _names.TryRemove(name, out _);
    }

    /// <summary>first × 2^(count − free), capped.</summary>
    private TimeSpan Grow(TimeSpan first, int count, TimeSpan max)
    {
        var doublings = Math.Min(count - Settings.FreeFailures, 30);
        var grown = first.TotalMilliseconds * Math.Pow(2, doublings);
        return grown >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(grown);
    }

    private Failures? Current(ConcurrentDictionary<string, Failures> counters, string key) =>
        counters.TryGetValue(key, out var failures) && !Expired(failures) ? failures : null;

    private bool Expired(Failures failures) => time.GetUtcNow() - failures.Last > TimeSpan.FromMinutes(Settings.WindowMinutes);

    private void Count(ConcurrentDictionary<string, Failures> counters, string key)
    {
        var now = time.GetUtcNow();
        counters.AddOrUpdate(key, _ => new Failures(1, now), (_, old) => Expired(old) ? new Failures(1, now) : new Failures(old.Count + 1, now));
        // Many addresses or names (an attacker's): forget the expired ones, so memory stays bounded by the window.
        if (counters.Count > PruneAbove)
            foreach (var (k, v) in counters)
                if (Expired(v)) counters.TryRemove(k, out _);
    }
}
