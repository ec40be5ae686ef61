using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serviceloven.Store.Keys;

namespace Serviceloven.Admin.Hosting;

/// <summary>
/// The Data Protection key ring that protects the sign-in cookie and the forms' antiforgery tokens. Every node of one
/// database reads the same keys (table data_protection_keys), or the same folder when Admin:DataProtection:KeysFolder
/// is set, so a user signed in through one node is signed in on all of them.
/// </summary>
public static class AdminKeyRing
{
    /// <summary>The same on every node: Data Protection otherwise isolates keys per installation path.</summary>
    public const string ApplicationName = "Serviceloven";

    public const string KeysFolderSetting = AdminOptions.Section + ":DataProtection:KeysFolder";

    public static IServiceCollection AddAdminKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        var folder = configuration[KeysFolderSetting];
        if (!string.IsNullOrWhiteSpace(folder))
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(folder));
        else
            services.AddOptions<KeyManagementOptions>().Configure<DataProtectionKeyRepository>((o, keys) => o.XmlRepository = new DatabaseXmlRepository(keys));
        return services;
    }

    /// <summary>
    /// Creates the first key when there is none in use. Called under the start-up lock, so nodes that start together
    /// on a fresh database share one key instead of each making its own; later keys are made by Data Protection days
    /// before they take over, time enough for every node to read them.
    /// </summary>
    public static void EnsureKey(IServiceProvider services, ILogger logger)
    {
        var keys = services.GetRequiredService<IKeyManager>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now)) return;
        var lifetime = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KeyManagementOptions>>().Value.NewKeyLifetime;
        var key = keys.CreateNewKey(now, now + lifetime);
        logger.LogInformation("Ny nøgle til log ind-cookies oprettet ({KeyId}), gyldig til {Expires:yyyy-MM-dd}.", key.KeyId, key.ExpirationDate);
    }

    /// <summary>Data Protection's XML elements as rows of the store.</summary>
    private sealed class DatabaseXmlRepository(DataProtectionKeyRepository keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.All().Select(XElement.Parse).ToList();

        public void StoreElement(XElement element, string friendlyName) =>
            keys.Store(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
