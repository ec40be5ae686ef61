using Serviceloven.Engine.Dmn;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;

namespace Serviceloven.Engine.Tests.Dmn;

/// <summary>An imported model is an ordinary version: it can be written as a rules/ file and read back unchanged.</summary>
public class DmnRulesFormatTests
{
    public static TheoryData<string> TckModels()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepositoryFolders.Tck(), "*.dmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Theory]
    [MemberData(nameof(TckModels))]
    public void Imported_tck_models_pass_the_version_schema_and_round_trip(string model)
    {
        var path = Directory.EnumerateFiles(RepositoryFolders.Tck(), model, SearchOption.AllDirectories).Single();
        DmnImport import;
        using (var stream = File.OpenRead(path)) import = DmnImporter.Import(stream, null, model);
        Assert.True(import.Succeeded, string.Join("\n", import.Problems));
        Assert.Empty(import.Problems);
        var json = RulesJson.Serialize(import.Version!);
        var back = SchemaCatalog.Read<RulesetVersion>(json, RulesFileKind.Version, model);
        Assert.Equal(json, RulesJson.Serialize(back));
    }
}
