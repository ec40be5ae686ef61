using System.Net;
using Microsoft.Extensions.Options;

namespace Serviceloven.Server.Security;

/// <summary>Every proxy address and network in "Http" must parse, so a typo stops the start naming the setting (exit code 8).</summary>
public sealed class HttpSecurityOptionsValidator : IValidateOptions<HttpSecurityOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpSecurityOptions options)
    {
        var forwarded = options.ForwardedHeaders;
        var failures = new List<string>();
        for (var i = 0; i < forwarded.KnownProxies.Count; i++)
            if (!IPAddress.TryParse(forwarded.KnownProxies[i], out _))
                failures.Add($"Http:ForwardedHeaders:KnownProxies:{i}: '{forwarded.KnownProxies[i]}' er ikke en IP-adresse (som 10.0.0.5).");
        for (var i = 0; i < forwarded.KnownNetworks.Count; i++)
            if (!IPNetwork.TryParse(forwarded.KnownNetworks[i], out _))
                failures.Add($"Http:ForwardedHeaders:KnownNetworks:{i}: '{forwarded.KnownNetworks[i]}' er ikke et netværk på formen 10.0.0.0/24.");
        if (forwarded.ForwardLimit < 1)
            failures.Add($"Http:ForwardedHeaders:ForwardLimit er {forwarded.ForwardLimit}; den skal være mindst 1.");
        if (options.Hsts.MaxAgeDays < 1)
            failures.Add($"Http:Hsts:MaxAgeDays er {options.Hsts.MaxAgeDays}; den skal være mindst 1.");
        if (options.HttpsRedirection.HttpsPort is { } port && port is < 1 or > 65535)
            failures.Add($"Http:HttpsRedirection:HttpsPort er {port}; den skal være en port mellem 1 og 65535.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
