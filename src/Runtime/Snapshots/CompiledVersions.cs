using System.Collections.Concurrent;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Runtime.Snapshots;

/// <summary>
/// The process's one cache of compiled versions, by ruleset and content hash: a publication compiles only what is new,
/// and the admin's test runs take a draft that equals a published version as compiled already.
/// </summary>
public sealed class CompiledVersions
{
    private readonly ConcurrentDictionary<string, CompiledVersion> _compiled = new();

    public CompiledVersion GetOrCompile(string rulesetId, string contentHash, Func<RulesetVersion> content, SatsCatalog satser, LookupCatalog lookups) =>
        _compiled.GetOrAdd(Key(rulesetId, contentHash), _ => VersionCompiler.Compile(rulesetId, content(), satser, lookups));

    /// <summary>
    /// Compiles every version of a rules/ folder on the thread pool. A first start runs it beside the import into the
    /// empty database, so the snapshot that follows finds the versions compiled (the key is the same content hash the
    /// import stores). A version that does not compile is left to the snapshot, which reports it.
    /// </summary>
    public Task PrecompileAsync(RulesContent content) => Task.Run(() =>
    {
        var satser = new SatsCatalog(content.Satser);
        var lookups = new LookupCatalog(content.Lookups);
        content.Rulesets.SelectMany(r => r.Versions.Select(v => (r.Definition.Id, Version: v))).AsParallel().ForAll(x =>
        {
            try { GetOrCompile(x.Id, ContentHash.Of(x.Version), () => x.Version, satser, lookups); }
#pragma warning disable CA1031 // any failure here is reported by the snapshot's own compile of the same version
            catch (Exception) { }
#pragma warning restore CA1031
        });
    });

    /// <summary>The compiled version with this content, if it has been compiled.</summary>
    public CompiledVersion? Find(string rulesetId, string contentHash) => _compiled.GetValueOrDefault(Key(rulesetId, contentHash));

    private static string Key(string rulesetId, string contentHash) => rulesetId + "|" + contentHash;
}
