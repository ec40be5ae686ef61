using System.Linq.Dynamic.Core;
using System.Linq.Expressions;
using Serviceloven.Engine.Cells;

namespace Serviceloven.Engine.Compilation;

/// <summary>
/// The typed input class of one version, built once with Dynamic LINQ's class factory: one property per fact,
/// derived value and scalar table output (decimal, DateOnly, bool, string), a <c>_has</c> flag for values that may be
/// missing, and the <see cref="EvalEnv"/>. Setters are compiled once so binding a request costs no reflection.
/// </summary>
public sealed class ContextType
{
    private readonly Func<object> _create;
    private readonly Dictionary<string, Action<object, object?>> _setters;
    private readonly Dictionary<string, ContextSlot> _slots;

    public ContextType(IReadOnlyList<(string Name, Type Type)> properties)
    {
        // A field "opsparing.timer" is the property "opsparing__timer"; callers use the names, never the property names.
        var props = properties.Select(p => new DynamicProperty(Emitter.PropertyName(p.Name), p.Type)).ToList();
        Type = DynamicClassFactory.CreateType(props, createParameterCtor: false);
        _create = Expression.Lambda<Func<object>>(Expression.Convert(Expression.New(Type), typeof(object))).Compile();
        _setters = new Dictionary<string, Action<object, object?>>(StringComparer.Ordinal);
        foreach (var (name, type) in properties)
        {
            var target = Expression.Parameter(typeof(object), "target");
            var value = Expression.Parameter(typeof(object), "value");
            var assign = Expression.Assign(
                Expression.Property(Expression.Convert(target, Type), Emitter.PropertyName(name)),
                Expression.Convert(value, type));
            _setters[name] = Expression.Lambda<Action<object, object?>>(assign, target, value).Compile();
        }
        _slots = _setters.ToDictionary(p => p.Key, p => new ContextSlot(p.Value, _setters.GetValueOrDefault(Emitter.HasProperty(p.Key))), StringComparer.Ordinal);
    }

    public Type Type { get; }
    public object Create() => _create();
    public void Set(object context, string name, object? value) => _setters[name](context, value);
    public bool HasProperty(string name) => _setters.ContainsKey(name);

    /// <summary>
    /// The setters of a value and of its <c>_has</c> flag (null when it has none), looked up once so an evaluation
    /// sets a value without hashing its name twice or building the flag's name.
    /// </summary>
    public ContextSlot Slot(string name) => _slots[name];
}

/// <summary>Compiled setters of one context value and its optional <c>_has</c> flag.</summary>
public sealed record ContextSlot(Action<object, object?> Set, Action<object, object?>? SetHas);
