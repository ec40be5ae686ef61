using System.Collections.Concurrent;
using Serviceloven.Engine.Compilation;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Satser;

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

    /// <summary>The compiled version with this content, if it has been compiled.</summary>
    public CompiledVersion? Find(string rulesetId, string contentHash) => _compiled.GetValueOrDefault(Key(rulesetId, contentHash));

    private static string Key(string rulesetId, string contentHash) => rulesetId + "|" + contentHash;
}
