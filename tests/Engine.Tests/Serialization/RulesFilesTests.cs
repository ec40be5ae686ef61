using System.Text;
using System.Text.Json;
using Serviceloven.Engine.Model;
using Serviceloven.Engine.Serialization;
using static Serviceloven.Engine.Tests.EngineHarness;
using static Serviceloven.Engine.Tests.TestVersions;

namespace Serviceloven.Engine.Tests.Serialization;

/// <summary>rules/ files: the JSON Schema gate, the one canonical form, and content hashes.</summary>
public class RulesFilesTests
{
    private const string File = "rules/sel-97/versions/2018-01-01.json";

    private const string ValidVersion = """
        {
          "validFrom": "2018-01-01",
          "facts": [ { "name": "age", "type": "int", "label": "Alder" } ],
          "tables": [
            {
              "id": "eligibility", "hitPolicy": "FIRST",
              "inputs": [ { "name": "age" } ],
              "outputs": [ { "name": "outcome", "type": "enum", "values": [ { "value": "afslag" }, { "value": "bevilget" } ] } ],
              "rows": [ { "id": "R1", "when": ["< 18"], "then": ["\"afslag\""] } ],
              "default": ["\"bevilget\""]
            }
          ]
        }
        """;

    private static RulesFileException Reject(string json) =>
        Assert.Throws<RulesFileException>(() => SchemaCatalog.Read<RulesetVersion>(json, RulesFileKind.Version, File));

    [Fact]
    public void A_valid_version_file_is_read()
    {
        var v = SchemaCatalog.Read<RulesetVersion>(ValidVersion, RulesFileKind.Version, File);
        Assert.Equal(D("2018-01-01"), v.ValidFrom);
        Assert.Equal(HitPolicy.First, v.Tables[0].HitPolicy);
        Assert.Equal(["\"bevilget\""], v.Tables[0].Default!);
        Assert.True(v.Facts[0].Required);
    }

    [Theory]
    [InlineData("\"hitPolicy\": \"FIRST\"", "\"hitPolicy\": \"SOMETIMES\"", "/tables/0/hitPolicy")]
    [InlineData("{ \"name\": \"age\", \"type\": \"int\"", "{ \"name\": \"Age-1\", \"type\": \"int\"", "/facts/0/name")]
    [InlineData("\"type\": \"int\"", "\"type\": \"integer\"", "/facts/0/type")]
    [InlineData("\"validFrom\": \"2018-01-01\"", "\"validFrom\": \"1. januar 2018\"", "/validFrom")]
    [InlineData("\"when\": [\"< 18\"]", "\"when\": [18]", "/tables/0/rows/0/when/0")]
    [InlineData("{ \"id\": \"R1\", ", "{ ", "/tables/0/rows/0")]
    public void The_schema_rejects_a_malformed_version_with_file_and_json_location(string find, string replace, string location)
    {
        Assert.Contains(find, ValidVersion);
        var ex = Reject(ValidVersion.Replace(find, replace));
        Assert.Equal(File, ex.File);
        Assert.Contains(ex.Problems, p => p.StartsWith(location + ":", StringComparison.Ordinal));
        Assert.StartsWith(File + ":\n", ex.Message);
    }

    [Fact]
    public void A_missing_required_property_is_reported_at_the_root()
    {
        var ex = Reject(ValidVersion.Replace("\"validFrom\": \"2018-01-01\",", ""));
        Assert.Contains(ex.Problems, p => p.StartsWith("/:", StringComparison.Ordinal) && p.Contains("validFrom"));
    }

    [Fact]
    public void An_unknown_property_is_rejected()
    {
        var ex = Reject(ValidVersion.Replace("\"validFrom\": \"2018-01-01\",", "\"validFrom\": \"2018-01-01\", \"colour\": \"blue\","));
        Assert.Contains(ex.Problems, p => p.StartsWith("/colour:", StringComparison.Ordinal));
    }

    [Fact]
    public void Text_that_is_not_json_is_rejected_naming_the_file()
    {
        var ex = Reject("{ \"validFrom\": ");
        Assert.Equal(File, ex.File);
        Assert.StartsWith("ugyldig JSON", Assert.Single(ex.Problems));
    }

    /// <summary>The files of <see cref="Content"/> in the rules/ layout, with one of them changed.</summary>
    private static List<RulesFile> FilesWith(string path, Func<RulesFile, RulesFile?> change)
    {
        var files = RulesLayout.Write(Content()).ToList();
        var i = files.FindIndex(f => f.Path == path);
        Assert.True(i >= 0, path);
        if (change(files[i]) is { } changed) files[i] = changed;
        else files.RemoveAt(i);
        return files;
    }

    [Fact]
    public void Reading_a_folder_with_a_malformed_version_names_that_file()
    {
        var file = "sel-97/versions/2018-01-01.json";
        var files = FilesWith(file, f => f with { Text = f.Text.Replace("\"FIRST\"", "\"MAYBE\"") });
        var ex = Assert.Throws<RulesFileException>(() => RulesLayout.Read(files));
        Assert.Equal(file, ex.File);
        Assert.Contains(ex.Problems, p => p.StartsWith("/tables/0/hitPolicy:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_version_file_named_after_another_date_and_a_ruleset_in_the_wrong_folder_are_refused()
    {
        var versions = "sel-97/versions";
        var renamed = FilesWith($"{versions}/2023-10-01.json", f => f with { Path = $"{versions}/2023-11-01.json" });
        var ex = Assert.Throws<RulesFileException>(() => RulesLayout.Read(renamed));
        Assert.Equal($"{versions}/2023-11-01.json", ex.File);
        Assert.Contains("2023-10-01.json", Assert.Single(ex.Problems));

        var moved = RulesLayout.Write(Content()).Select(f => f with { Path = f.Path.Replace("sel-97/", "sel-98/") }).ToList();
        var wrongFolder = Assert.Throws<RulesFileException>(() => RulesLayout.Read(moved));
        Assert.Equal("sel-98/ruleset.json", wrongFolder.File);
        Assert.Contains("'sel-97'", Assert.Single(wrongFolder.Problems));
    }

    [Theory]
    [InlineData("satser", "sel-97.aarligtBeloeb")]
    [InlineData("tables", "folkepensionsalder")]
    public void A_sats_or_lookup_file_must_be_named_by_its_key_so_no_two_files_claim_one_key(string folder, string key)
    {
        var files = RulesLayout.Write(Content()).ToList();
        // A copy of a file, saved under a new name but with the key left unchanged.
        var copy = $"{folder}/zz-kopi.json";
        files.Add(new RulesFile(copy, files.Single(f => f.Path == $"{folder}/{key}.json").Text));
        var ex = Assert.Throws<RulesFileException>(() => RulesLayout.Read(files));
        Assert.Equal(copy, ex.File);
        Assert.Contains($"'{key}'", Assert.Single(ex.Problems));
    }

    [Fact]
    public void Only_the_files_of_the_layout_are_read_and_a_template_keeps_its_subfolder()
    {
        var files = RulesLayout.Write(Content()).ToList();
        files.Add(new RulesFile("sel-97/versions/old/2018-01-01.json", "not read: versions are not looked for in subfolders"));
        var content = RulesLayout.Read(files);
        Assert.Equal(["2023-10-01/afslag.scriban", "bevilget.scriban"], content.Rulesets[0].Templates.Select(t => t.Path));
        Assert.Equal(2, content.Rulesets[0].Versions.Count);
        Assert.True(RulesLayout.IsRulesFile("sel-97/templates/a.scriban"));
        Assert.False(RulesLayout.IsRulesFile("README.md"));
    }

    // ---------- canonical form ----------

    private static RulesetVersion FullVersion() => new()
    {
        ValidFrom = D("2018-01-01"),
        ValidTo = D("2023-09-30"),
        ChangeNote = "Første version efter vejledningen af 2018: ø, æ, å, « » < > & \"citat\".",
        LegalBasis = ["Lovbekendtgørelse nr. 988 af 17. august 2017 (serviceloven)"],
        Facts =
        [
            Fact("birthDate", ValueKind.Date) with { Label = "Fødselsdato", Description = "Borgerens fødselsdato" },
            Fact("cause", ValueKind.Enum, false, "physical", "socialCauses") with { Label = "Årsag", Discretionary = true },
            Fact("hours", ValueKind.Decimal) with { Label = "Timer", Unit = "timer pr. måned" },
        ],
        Derived = [new DerivedValue { Name = "age", Type = ValueKind.Int, Label = "alder", Expression = "ageAt(birthDate, decisionDate)" }],
        Tables =
        [
            new DecisionTable
            {
                Id = "eligibility", Label = "Ret til ledsagelse", HitPolicy = HitPolicy.First,
                Inputs = [new TableInput { Name = "age", Label = "alder" }, new TableInput { Name = "cause" }],
                Outputs = [Out("outcome", ValueKind.Enum, "afslag", "bevilget")],
                Rows =
                [
                    new TableRow { Id = "R97-01", When = ["< 18", "-"], Then = ["\"afslag\""], Ref = "servicelovens § 97, stk. 1", Reason = "under-18", Note = "Bemærk" },
                    new TableRow { Id = "R97-02", When = ["[18..67)", "\"physical\""], Then = ["\"bevilget\""], Ref = "servicelovens § 97", Reason = "ok" },
                ],
                Default = ["\"afslag\""],
            },
            Table("amount", HitPolicy.Collect, ["hours"], [Out("sum", ValueKind.Decimal)], [Row("A1", ["> 0"], ["hours * 2"])], Aggregation.Sum),
        ],
        Outcome = "outcome",
    };

    private static RulesContent Content() => new(
        [
            new RulesetContent(
                new RulesetDefinition
                {
                    Id = "sel-97", Title = "Ledsagelse", LegalBasis = "servicelovens § 97", Description = "Ledsageordning for 18-67-årige",
                    Sources = [new SourceNote { Ref = "003_e9312490f6af4059.txt", Note = "vejledningen" }],
                },
                [FullVersion(), FullVersion() with { ValidFrom = D("2023-10-01"), ValidTo = null, ChangeNote = "Ny lov" }],
                [new TestFile("cases", new TestSuite
                {
                    Cases =
                    [
                        new TestCase
                        {
                            Id = "TC-07", Name = "17 år", Source = "003_e9312490f6af4059.txt l.79", DecisionDate = D("2024-03-01"),
                            Facts = new Dictionary<string, JsonElement>
                            {
                                ["birthDate"] = JsonSerializer.SerializeToElement("2006-03-02"),
                                ["hours"] = JsonSerializer.SerializeToElement(12.5m),
                            },
                            Notes = new Dictionary<string, string> { ["cause"] = "Skøn" },
                            Expect = new TestExpectation
                            {
                                Status = "determined", Outcome = "afslag", Rules = ["R97-01"],
                                Outputs = new Dictionary<string, JsonElement> { ["sum"] = JsonSerializer.SerializeToElement(25) },
                            },
                        },
                    ],
                })],
                [new TemplateFile("bevilget.scriban", "Du får {{ hours }} timer.\n"), new TemplateFile("2023-10-01/afslag.scriban", "Afslag.\n")]),
        ],
        [
            new SatsSeries
            {
                Key = "sel-97.aarligtBeloeb", Label = "Årligt beløb", Unit = "kr. pr. år", PriceLevel = "2017-niveau",
                Regulation = Regulation.Satsregulering, Rounding = new RoundingRule { Mode = RoundingMode.Nearest, Step = 1 },
                Values =
                [
                    new SatsValue { ValidFrom = D("2017-01-01"), ValidTo = D("2017-12-31"), Value = 866, Source = "003.txt l.397", Note = "866 kr." },
                    new SatsValue { ValidFrom = D("2018-01-01"), Value = 881.5m, Source = "004.txt l.12" },
                ],
            },
        ],
        [
            new LookupTable
            {
                Key = "folkepensionsalder", Label = "Folkepensionsalder", Unit = "år",
                Editions =
                [
                    new LookupEdition
                    {
                        ValidFrom = D("2019-01-01"), Source = "lov 2019",
                        Rows = [new LookupRow { To = D("1954-12-31"), Value = 65 }, new LookupRow { From = D("1955-01-01"), To = D("1962-12-31"), Value = 67 }, new LookupRow { From = D("1963-01-01"), Value = 67.5m }],
                    },
                ],
            },
        ],
        [new TemplateFile("klagevejledning.scriban", "Du kan klage.\n")]);

    [Fact]
    public void Write_then_read_then_write_is_byte_identical()
    {
        var a = RulesLayout.Write(Content()).ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));
        var b = RulesLayout.Write(RulesLayout.Read(RulesLayout.Write(Content()))).ToDictionary(f => f.Path, f => Encoding.UTF8.GetBytes(f.Text));
        Assert.Equal(a.Keys.Order(StringComparer.Ordinal), b.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("sel-97/versions/2023-10-01.json", a.Keys);
        Assert.Contains("satser/sel-97.aarligtBeloeb.json", a.Keys);
        Assert.Contains("tables/folkepensionsalder.json", a.Keys);
        Assert.Contains("sel-97/templates/2023-10-01/afslag.scriban", a.Keys);
        Assert.Contains("schema/version.schema.json", a.Keys);
        foreach (var (name, bytes) in a)
            Assert.True(bytes.AsSpan().SequenceEqual(b[name]), $"{name} differs after a round trip");
    }

    [Fact]
    public void The_canonical_form_is_two_space_indented_lf_utf8_without_nulls_and_with_readable_danish()
    {
        var text = RulesJson.Serialize(FullVersion());
        Assert.StartsWith("{\n  \"validFrom\": \"2018-01-01\",\n  \"validTo\": \"2023-09-30\",\n  \"changeNote\": ", text);
        Assert.EndsWith("}\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.DoesNotContain("null", text);
        Assert.Contains("Første version efter vejledningen af 2018: ø, æ, å, « » < > & \\\"citat\\\".", text);
        Assert.Contains("\"hitPolicy\": \"FIRST\"", text);
        Assert.Contains("\"aggregation\": \"SUM\"", text);
        Assert.Contains("\"type\": \"decimal\"", text);
        Assert.DoesNotContain("returnsList", text, StringComparison.OrdinalIgnoreCase);
        // The canonical form passes its own schema.
        SchemaCatalog.Read<RulesetVersion>(text, RulesFileKind.Version, "x.json");
    }

    [Fact]
    public void A_hand_edited_file_becomes_canonical_and_then_stays_so()
    {
        var hand = ValidVersion.Replace("\n", "\r\n");
        var once = RulesJson.Serialize(SchemaCatalog.Read<RulesetVersion>(hand, RulesFileKind.Version, File));
        var twice = RulesJson.Serialize(SchemaCatalog.Read<RulesetVersion>(once, RulesFileKind.Version, File));
        Assert.NotEqual(hand, once);
        Assert.Equal(once, twice);
        Assert.Equal(Encoding.UTF8.GetBytes(once), Encoding.UTF8.GetBytes(twice));
    }

    // ---------- content hashes ----------

    [Fact]
    public void Equal_content_has_equal_hashes_whatever_its_formatting()
    {
        var a = ContentHash.Of(FullVersion());
        var b = ContentHash.Of(FullVersion());
        Assert.Equal(a, b);
        Assert.Matches("^sha256:[0-9a-f]{64}$", a);
        var reread = RulesJson.Deserialize<RulesetVersion>(RulesJson.Serialize(FullVersion()));
        Assert.Equal(a, ContentHash.Of(reread));
        var hand = SchemaCatalog.Read<RulesetVersion>(ValidVersion, RulesFileKind.Version, File);
        var handCompact = SchemaCatalog.Read<RulesetVersion>(ValidVersion.Replace("\n", " ").Replace("  ", " "), RulesFileKind.Version, File);
        Assert.Equal(ContentHash.Of(hand), ContentHash.Of(handCompact));
    }

    [Theory]
    [InlineData("when")]
    [InlineData("then")]
    [InlineData("ref")]
    [InlineData("hitPolicy")]
    [InlineData("validTo")]
    public void A_changed_cell_or_field_changes_the_hash(string what)
    {
        var v = FullVersion();
        var t = v.Tables[0];
        var r = t.Rows[0];
        var changed = what switch
        {
            "when" => v with { Tables = [t with { Rows = [r with { When = ["< 17", "-"] }, t.Rows[1]] }, v.Tables[1]] },
            "then" => v with { Tables = [t with { Rows = [r with { Then = ["\"bevilget\""] }, t.Rows[1]] }, v.Tables[1]] },
            "ref" => v with { Tables = [t with { Rows = [r with { Ref = "servicelovens § 97, stk. 2" }, t.Rows[1]] }, v.Tables[1]] },
            "hitPolicy" => v with { Tables = [t with { HitPolicy = HitPolicy.Unique }, v.Tables[1]] },
            _ => v with { ValidTo = null },
        };
        Assert.NotEqual(ContentHash.Of(v), ContentHash.Of(changed));
    }

    [Fact]
    public void A_compiled_version_carries_the_hash_of_its_content()
    {
        var v = FullVersion();
        var cv = Compilation.VersionCompiler.Compile("sel-97", v);
        Assert.Equal(ContentHash.Of(v), cv.Hash);
    }
}
