using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Serviceloven.Adversarial.Tests.Fuzz;

/// <summary>One generated HTTP request; Kind names its class for the histogram and for a failure report.</summary>
public sealed record FuzzRequest(string Kind, string Method, string Path, byte[]? Body, string? ContentType = "application/json", bool ShortBody = false)
{
    public string Preview(int max = 300)
    {
        var text = Body is null ? "" : Encoding.UTF8.GetString(Body);
        return $"{Method} {Path} [{Kind}] {(text.Length > max ? text[..max] + $"… ({text.Length} tegn)" : text)}";
    }
}

/// <summary>
/// FsCheck generators for what an external case system, a careless integrator or an attacker sends to /api/v1:
/// valid worked cases, the same with hostile values in every field, broken JSON, odd batches and odd GETs.
/// </summary>
public sealed class RequestGenerators(Catalogue catalogue)
{
    private const string Json = "application/json";

    /// <summary>Text that looks like code in every language the server has (cells, Dynamic LINQ, Scriban, SQL, paths).</summary>
    public static readonly string[] ExpressionLike =
    [
        "\" + 1 + \"", "1 + 1", "f.GetType()", "GetType()", "typeof(System.Object)", "System.IO.File.ReadAllText(\"/etc/passwd\")",
        "System.Environment.Exit(1)", "np(f.birthDate)", "new System.Object()", "it.GetType().Assembly", "iif(true, 1, 0)",
        "{{ 7*7 }}", "{{ include 'klagevejledning' }}", "{{ while true }}{{ end }}", "{{ func f; f; end; f }}", "${7*7}", "#{7*7}",
        "<%= 7*7 %>", "'; DROP TABLE versions; --", "\" OR 1=1 --", "../../../../etc/passwd", "%2e%2e%2fadmin", "<script>alert(1)</script>",
        "@(1+1)", "date(\"2024-01-01\")", "sats(\"sel-118.maanedsloen\")", "-", ">= 18", "[18..67)", "\"a\",\"b\"", "not(1)",
        "null", "true", "NaN", "Infinity", "__proto__", "constructor", "$type", "System.Type",
    ];

    /// <summary>Characters that break naive code: NUL, direction overrides, lone surrogates, BOM, non-characters.</summary>
    public static readonly string[] OddText =
    [
        "", " ", "\0", "a\0b", "\u202Eevil\u202C", "\u200F\u200E\u2066", "\ud800", "\udfff", "x\ud800y", "\udc00\ud800", "\ud83d\ude00",
        "\uFEFF", "\uFFFF", "\uFFFE", "ÆØÅ æøå", "\t\r\n", "\u0085\u2028\u2029", "２０２４-０１-０１", "٢٠٢٤-٠١-٠١", new string('ø', 300),
    ];

    public static readonly string[] OddNumbers =
    [
        "1e308", "-1e308", "1e309", "12345678901234567890123456789", "79228162514264337593543950336", "-79228162514264337593543950336",
        "0.0000000000000000000000000001", "1e-400", "-0", "0", "-1", "1.5", "1E+2", "2147483648", "9223372036854775808",
        "0.1", "100000", "4.9e-324", "123456789012345678901234567890123456789012345678901234567890",
    ];

    public static readonly string[] OddDates =
    [
        "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10", "2024-1-1", "24-01-01",
        "2024-01-01T00:00:00Z", "2024-01-01 ", " 2024-01-01", "01-01-2024", "2024/01/01", "2100-02-29", "2000-02-29", "1900-01-01",
    ];

    public static readonly string[] OddInstants =
    [
        "9999-12-31T23:59:59Z", "2999-01-01T00:00:00+00:00", "2000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "2024-01-01",
        "2024-02-30T00:00:00Z", "2024-01-01T25:00:00Z", "i går", "2013-12-31T23:59:59+01:00", "1970-01-01T00:00:00Z",
    ];

    /// <summary>Any string, weighted towards the hostile ones; now and then 1 MB or 900 KB of it.</summary>
    public static Gen<string> AnyString() => Gen.Frequency(
        (6, Gen.Elements(ExpressionLike)),
        (6, Gen.Elements(OddText)),
        (2, Gen.Elements(OddDates)),
        (5, Gen.Choose(0, 0xFFFF).Select(c => (char)c).ArrayOf().Select(cs => new string(cs))),
        (3, Gen.Choose(0x20, 0x7E).Select(c => (char)c).ArrayOf().Select(cs => new string(cs))),
        (1, Gen.Elements(1_048_600, 900_000, 70_000).Select(n => new string('x', n))));

    private static Gen<Json> AnyNumber() => Gen.Frequency(
        (3, Gen.Elements(OddNumbers).Select(v => Fuzz.Json.Num(v))),
        (2, Gen.Choose(-1000, 100_000).Select(i => Fuzz.Json.Num(i))));

    /// <summary>A value of the wrong shape, or of the right shape but hostile content; deep nesting now and then.</summary>
    public static Gen<Json> HostileValue() => Gen.Frequency(
        (5, AnyString().Select(v => Fuzz.Json.Str(v))),
        (4, AnyNumber()),
        (1, Gen.Elements(Fuzz.Json.Bool(true), Fuzz.Json.Bool(false), Fuzz.Json.Null)),
        (1, Gen.Constant(Fuzz.Json.Arr())),
        (1, AnyString().Select(s => Fuzz.Json.Arr(Fuzz.Json.Str(s), Fuzz.Json.Num("1")))),
        (1, Gen.Constant<Json>(Fuzz.Json.Obj())),
        (1, AnyString().Select(s => (Json)Fuzz.Json.Obj(("value", Fuzz.Json.Str(s)), ("value", Fuzz.Json.Num("1"))))),
        (1, Gen.Elements(64, 65, 200, 10_000).Select(Nest)));

    /// <summary>[[[[...1...]]]] at the given depth.</summary>
    public static Json Nest(int depth) => Fuzz.Json.Raw(new string('[', depth) + "1" + new string(']', depth));

    /// <summary>A value a client could legitimately send for a fact of this type (the server may still find it out of range).</summary>
    public static Gen<Json> ValidValue(FactInfo fact) => fact.Type switch
    {
        "bool" => Gen.Elements(Fuzz.Json.Bool(true), Fuzz.Json.Bool(false)),
        "int" => Gen.Choose(-3, 400).Select(i => Fuzz.Json.Num(i)),
        "decimal" => Gen.Choose(-1000, 10_000_000).Select(i => Fuzz.Json.Num(i / 100m)),
        "date" => Gen.Choose(1900 * 366, 2100 * 366).Select(d => Fuzz.Json.Str(new DateOnly(d / 366, 1, 1).AddDays(d % 366).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))),
        "enum" when fact.Values.Count > 0 => Gen.Elements(fact.Values.ToArray()).Select(v => Fuzz.Json.Str(v)),
        _ => AnyString().Select(v => Fuzz.Json.Str(v)),
    };

    /// <summary>A value of the fact's own type that is hostile in content: the type's edge cases, and any string for string types.</summary>
    public static Gen<Json> EdgeValue(FactInfo fact) => fact.Type switch
    {
        "bool" => Gen.Elements(Fuzz.Json.Str("true"), Fuzz.Json.Num("1"), Fuzz.Json.Num("0"), Fuzz.Json.Str("ja")),
        "int" or "decimal" => AnyNumber(),
        "date" => Gen.OneOf(Gen.Elements(OddDates), AnyString()).Select(v => Fuzz.Json.Str(v)),
        _ => AnyString().Select(v => Fuzz.Json.Str(v)),
    };

    private Gen<BaseCase> Case() => Gen.Elements(catalogue.Cases.ToArray());

    private static JObj Facts(BaseCase c) => new(c.Facts.Select(f => (f.Name, Fuzz.Json.Raw(f.Json))).ToList());

    private static JObj Notes(BaseCase c) => new(c.Notes.Select(n => (n.Name, Fuzz.Json.Str(n.Text))).ToList());

    private static JObj Evaluation(BaseCase c, JObj facts, JObj notes, bool begrundelse) => Fuzz.Json.Obj(
        ("ruleset", Fuzz.Json.Str(c.Ruleset)), ("decisionDate", Fuzz.Json.Str(c.DecisionDate)),
        ("facts", facts), ("notes", notes), ("begrundelse", Fuzz.Json.Bool(begrundelse)));

    /// <summary>A worked case as is, with or without begrundelse, sometimes with facts left out or valid values changed.</summary>
    public Gen<JObj> ValidEvaluation() =>
        from c in Case()
        from begrundelse in Gen.Elements(true, false)
        from changes in Gen.Choose(0, 3)
        from facts in ChangeValidly(c, Facts(c), changes)
        from format in Gen.Elements<string?>(null, null, "text", "html")
        select format is null ? Evaluation(c, facts, Notes(c), begrundelse) : Evaluation(c, facts, Notes(c), begrundelse).With("format", Fuzz.Json.Str(format));

    private static Gen<JObj> ChangeValidly(BaseCase c, JObj facts, int changes)
    {
        if (changes == 0 || c.Schema.Count == 0) return Gen.Constant(facts);
        return from fact in Gen.Elements(c.Schema.ToArray())
               from drop in Gen.Elements(false, false, true)
               from value in ValidValue(fact)
               from rest in ChangeValidly(c, drop ? facts.Without(fact.Name) : facts.With(fact.Name, value), changes - 1)
               select rest;
    }

    /// <summary>One hostile change to an evaluation; applied one or more times.</summary>
    private Gen<JObj> Mutate(BaseCase c, JObj body)
    {
        var facts = body.Members.FirstOrDefault(m => m.Key == "facts").Value as JObj ?? Facts(c);
        var schema = c.Schema.Count > 0 ? c.Schema : [new FactInfo("x", "text", [])];
        return Gen.Frequency(
            (8, from f in Gen.Elements(schema.ToArray()) from v in HostileValue() select body.With("facts", facts.With(f.Name, v))),
            (8, from f in Gen.Elements(schema.ToArray()) from v in EdgeValue(f) select body.With("facts", facts.With(f.Name, v))),
            // Lone surrogates, NUL and direction marks in every string-typed fact at once.
            (3, from s in Gen.Elements("\ud800", "\udfff", "a\ud800", "\0", "\u202E2024-01-01")
                select body.With("facts", schema.Where(f => f.Type is "date" or "enum" or "text")
                    .Aggregate(facts, (o, f) => o.With(f.Name, Fuzz.Json.Str(s))))),
            (2, from name in AnyString() from v in HostileValue() select body.With("facts", facts.Add(name, v))),
            (2, from f in Gen.Elements(schema.ToArray()) from v in ValidValue(f) select body.With("facts", facts.Add(f.Name, v))),
            (2, from name in Gen.Elements(schema.Select(f => f.Name)) select body.With("facts", facts.Without(name))),
            (3, Gen.OneOf(Gen.Elements(OddDates).Select(v => Fuzz.Json.Str(v)), HostileValue()).Select(v => body.With("decisionDate", v))),
            (3, Gen.OneOf(Gen.Elements(OddInstants).Select(v => Fuzz.Json.Str(v)), HostileValue()).Select(v => body.With("asOf", v))),
            (3, Gen.OneOf(Gen.Elements(catalogue.Rulesets.Select(r => r + " ").Concat(["sel-1", "SEL-97", "sel-97\0", "../sel-97"]).ToArray()).Select(v => Fuzz.Json.Str(v)), HostileValue())
                .Select(v => body.With("ruleset", v))),
            (2, HostileValue().Select(v => body.With("facts", v))),
            (2, from n in Gen.Elements(schema.Select(f => f.Name).Append("ukendt").ToArray()) from v in HostileValue() select body.With("notes", Fuzz.Json.Obj((n, v)))),
            (2, from n in Gen.Elements(schema.Select(f => f.Name).ToArray()) from s in AnyString() select body.With("notes", Fuzz.Json.Obj((n, Fuzz.Json.Str(s))))),
            (1, HostileValue().Select(v => body.With("notes", v))),
            (2, HostileValue().Select(v => body.With("begrundelse", v))),
            (2, Gen.OneOf(AnyString().Select(v => Fuzz.Json.Str(v)), HostileValue()).Select(v => body.With("format", v))),
            (1, from name in AnyString() from v in HostileValue() select body.Add(name, v)),
            // Duplicate keys: a gateway that keeps the first would see another request than the server evaluates.
            (2, from f in Gen.Elements(schema.ToArray()) from v in ValidValue(f) select body.With("facts", facts.Add(f.Name, v))),
            (2, Gen.Elements("ruleset", "decisionDate", "facts", "begrundelse").Select(k => body.Add(k, body.Members.FirstOrDefault(m => m.Key == k).Value ?? Fuzz.Json.Null))),
            (1, Gen.Constant(body.Without("ruleset"))),
            (1, Gen.Constant(body.Without("decisionDate"))),
            (1, Gen.Constant(body.Without("facts"))));
    }

    public Gen<JObj> HostileEvaluation() =>
        from c in Case()
        from begrundelse in Gen.Elements(true, false)
        from n in Gen.Frequency((6, Gen.Constant(1)), (3, Gen.Constant(2)), (1, Gen.Choose(3, 6)))
        from body in MutateTimes(c, Evaluation(c, Facts(c), Notes(c), begrundelse), n)
        select body;

    private Gen<JObj> MutateTimes(BaseCase c, JObj body, int n) =>
        n == 0 ? Gen.Constant(body) : Mutate(c, body).SelectMany(b => MutateTimes(c, b, n - 1));

    /// <summary>Broken JSON texts: cut short, a character changed, wrapped in 10,000 brackets, not JSON at all.</summary>
    public Gen<(string Kind, byte[] Body)> BrokenText() =>
        from body in Gen.OneOf(ValidEvaluation(), HostileEvaluation()).Select(b => b.ToString())
        from cut in Gen.Choose(0, 1000)
        from ch in Gen.Elements('{', '}', '[', ']', '"', ',', ':', '\\', '\0', 'x', '\u00e6', '\ud800')
        from kind in Gen.Choose(0, 9)
        select kind switch
        {
            0 => ("truncated", Encoding.UTF8.GetBytes(body[..(body.Length * cut / 1000)])),
            1 => ("char-changed", Encoding.UTF8.GetBytes(Replace(body, body.Length * cut / 1000, ch))),
            2 => ("nested-10000", Encoding.UTF8.GetBytes(new string('[', 10_000) + body + new string(']', 10_000))),
            3 => ("nested-objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000))),
            4 => ("array-for-object", Encoding.UTF8.GetBytes("[" + body + "]")),
            5 => ("bom", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body)]),
            6 => ("invalid-utf8", [.. Encoding.UTF8.GetBytes(body[..(body.Length / 2)]), 0xC3, 0x28, 0xFF, 0xFE, .. Encoding.UTF8.GetBytes(body[(body.Length / 2)..])]),
            7 => ("scalar", Encoding.UTF8.GetBytes(new[] { "null", "1", "\"x\"", "true", "", " ", "{}", "[]" }[cut % 8])),
            8 => ("comments", Encoding.UTF8.GetBytes("/* x */" + body + "// y")),
            _ => ("trailing", Encoding.UTF8.GetBytes(body + ",}")),
        };

    private static string Replace(string s, int at, char c) => at >= s.Length ? s + c : s[..at] + c + s[(at + 1)..];

    /// <summary>Batches of 0, a few, 100, 101 and 10,000 items; items valid, hostile, null, or not objects.</summary>
    public Gen<(string Kind, byte[] Body)> Batch()
    {
        var item = Gen.Frequency<Json>(
            (5, ValidEvaluation().Select(o => (Json)o)),
            (4, HostileEvaluation().Select(o => (Json)o)),
            (2, Gen.Constant(Fuzz.Json.Null)),
            (1, HostileValue()));
        return Gen.Frequency<(string, byte[])>(
            (2, Gen.Constant(("batch-0", Body(Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr())))))),
            (10, from n in Gen.Choose(1, 6) from items in item.ArrayOf(n) select ("batch-few", Body(Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr(items)))))),
            (1, from items in ValidEvaluation().Select(o => (Json)o).ArrayOf(100) select ("batch-100", Body(Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr(items)))))),
            (1, from items in item.ArrayOf(101) select ("batch-101", Body(Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr(items)))))),
            (1, Gen.Elements("null", "{}", "1").Select(x => ("batch-10000", Encoding.UTF8.GetBytes("{\"evaluations\":[" + string.Join(",", Enumerable.Repeat(x, 10_000)) + "]}")))),
            (2, HostileValue().Select(v => ("batch-not-a-list", Body(Fuzz.Json.Obj(("evaluations", v)))))),
            (1, from items in Gen.Constant(Fuzz.Json.Null).ArrayOf(3) select ("batch-duplicate-key", Body(Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr()), ("evaluations", Fuzz.Json.Arr(items)))))));
    }

    private static byte[] Body(Json json) => Encoding.UTF8.GetBytes(json.ToString());

    /// <summary>GETs with known and hostile ids, keys and dates in path and query.</summary>
    public Gen<FuzzRequest> Get()
    {
        var id = Gen.Frequency<string>((3, Gen.Elements(catalogue.Rulesets.ToArray())), (2, AnyString().Where(s => s.Length < 2000)));
        var key = Gen.Frequency<string>((3, Gen.Elements(catalogue.SatsKeys.ToArray())), (2, AnyString().Where(s => s.Length < 2000)));
        var date = Gen.Frequency<string>((2, Gen.Elements(OddDates)), (1, AnyString().Where(s => s.Length < 2000)), (1, Gen.Constant("")));
        return Gen.OneOf(
            Gen.Constant(new FuzzRequest("get-rulesets", "GET", "/api/v1/rulesets", null, null)),
            from i in id from d in date select new FuzzRequest("get-schema", "GET", $"/api/v1/rulesets/{Uri.EscapeDataString(i)}?date={Uri.EscapeDataString(d)}", null, null),
            from i in id select new FuzzRequest("get-versions", "GET", $"/api/v1/rulesets/{Uri.EscapeDataString(i)}/versions", null, null),
            from d in date select new FuzzRequest("get-satser", "GET", $"/api/v1/satser?date={Uri.EscapeDataString(d)}", null, null),
            from k in key select new FuzzRequest("get-sats", "GET", $"/api/v1/satser/{Uri.EscapeDataString(k)}", null, null),
            from d in Gen.Elements("2024-01-01", "2024-02-30", "x") select new FuzzRequest("get-schema-twice", "GET", $"/api/v1/rulesets/sel-97?date=2024-01-01&date={d}", null, null));
    }

    /// <summary>Every kind of request, weighted so most reach the evaluation path.</summary>
    public Gen<FuzzRequest> Any() => Gen.Frequency<FuzzRequest>(
        (25, ValidEvaluation().Select(b => Post("valid", "/api/v1/evaluations", Body(b)))),
        (35, HostileEvaluation().Select(b => Post("hostile", "/api/v1/evaluations", Body(b)))),
        (8, BrokenText().Select(t => Post(t.Kind, "/api/v1/evaluations", t.Body))),
        (10, Batch().Select(t => Post(t.Kind, "/api/v1/evaluations/batch", t.Body))),
        (2, BrokenText().Select(t => Post("batch-" + t.Kind, "/api/v1/evaluations/batch", t.Body))),
        (10, Get()),
        (2, from b in ValidEvaluation() from ct in Gen.Elements<string?>(null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "application/json; charset=utf-16", "application/jsonx")
            select new FuzzRequest("content-type", "POST", "/api/v1/evaluations", Body(b), ct)),
        (1, from b in ValidEvaluation() from m in Gen.Elements("PUT", "DELETE", "PATCH", "GET")
            select new FuzzRequest("method", m, "/api/v1/evaluations", m == "GET" ? null : Body(b))),
        (1, from p in Gen.Elements("/api/v1/evaluation", "/api/v1/evaluations/", "/api/v1/evaluations/batch/x", "/api/v2/evaluations", "/api/v1/%2e%2e/admin", "/api/v1/rulesets/sel-97/versions/1")
            from b in ValidEvaluation() select new FuzzRequest("route", "POST", p, Body(b))),
        (2, from b in Gen.OneOf(ValidEvaluation(), HostileEvaluation()) from batch in Gen.Elements(false, true)
            select new FuzzRequest("short-body", "POST", batch ? "/api/v1/evaluations/batch" : "/api/v1/evaluations",
                Body(batch ? Fuzz.Json.Obj(("evaluations", Fuzz.Json.Arr(b))) : b), Json, ShortBody: true)));

    private static FuzzRequest Post(string kind, string path, byte[] body) => new(kind, "POST", path, body);
}
