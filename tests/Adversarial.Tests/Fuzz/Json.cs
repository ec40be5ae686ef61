using System.Globalization;
using System.Text;

namespace Serviceloven.Adversarial.Tests.Fuzz;

/// <summary>
/// A JSON text built by hand, so a request can hold what a serializer would never write: duplicate keys, lone
/// surrogates as \uD800 escapes, numbers beyond any .NET type, raw fragments.
/// </summary>
public abstract record Json
{
    public abstract void Write(StringBuilder sb);

    public sealed override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public static Json Str(string s) => new JStr(s);
    public static Json Num(string raw) => new JRaw(raw);
    public static Json Num(decimal d) => new JRaw(d.ToString(CultureInfo.InvariantCulture));
    public static Json Bool(bool b) => new JRaw(b ? "true" : "false");
    public static readonly Json Null = new JRaw("null");
    public static Json Raw(string raw) => new JRaw(raw);
    public static Json Arr(params Json[] items) => new JArr(items);
    public static JObj Obj(params (string Key, Json Value)[] members) => new(members.ToList());
}

public sealed record JRaw(string Text) : Json
{
    public override void Write(StringBuilder sb) => sb.Append(Text);
}

public sealed record JStr(string Value) : Json
{
    public override void Write(StringBuilder sb) => Escape(sb, Value);

    /// <summary>Every control character and every surrogate (paired or not) as a \u escape: the text stays ASCII-safe.</summary>
    public static void Escape(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (c < 0x20 || char.IsSurrogate(c) || c == 0x7f) sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}

public sealed record JArr(IReadOnlyList<Json> Items) : Json
{
    public override void Write(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < Items.Count; i++)
        {
            if (i > 0) sb.Append(',');
            Items[i].Write(sb);
        }
        sb.Append(']');
    }
}

/// <summary>An object whose members keep their order and may repeat a key.</summary>
public sealed record JObj(List<(string Key, Json Value)> Members) : Json
{
    public override void Write(StringBuilder sb)
    {
        sb.Append('{');
        for (var i = 0; i < Members.Count; i++)
        {
            if (i > 0) sb.Append(',');
            JStr.Escape(sb, Members[i].Key);
            sb.Append(':');
            Members[i].Value.Write(sb);
        }
        sb.Append('}');
    }

    public JObj With(string key, Json value) => new([.. Members.Where(m => m.Key != key), (key, value)]);
    public JObj Without(string key) => new([.. Members.Where(m => m.Key != key)]);
    public JObj Add(string key, Json value) => new([.. Members, (key, value)]);
}
