using System.Reflection;
using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Parameters;

namespace DeepLearningPipelines.Tests.Ml.Parameters;

/// <summary>
/// The rule every stage and evaluator of the conformance catalog must follow, so that new ones are checked as they
/// are added: each param <c>fooBar</c> has a public flat property <c>FooBar</c> of the param's value type, readable
/// and settable (nullable, reading null while unset, when the param has no default); the property, <c>Set("fooBar", v)</c>
/// and <c>Get("fooBar")</c> read and write the same value; and the property rejects an invalid value with the same
/// <see cref="ParamException"/> as the <c>SetFooBar</c> method.
/// </summary>
public class FlatParamPropertyTests
{
    public static TheoryData<string> Owners() => new(StageCatalog.All().Select(c => c.Name).Concat(StageCatalog.AllEvaluators().Select(c => c.Name)));

    private static Params Create(string name) =>
        StageCatalog.All().FirstOrDefault(c => c.Name == name)?.Create() ?? (Params)StageCatalog.AllEvaluators().Single(c => c.Name == name).Create();

    [Theory, MemberData(nameof(Owners))]
    public void EveryParamHasAFlatPropertyOfItsValueType(string owner)
    {
        var stage = Create(owner);
        var nullability = new NullabilityInfoContext();
        Assert.All(stage.ParamList, p =>
        {
            var property = FlatProperty(stage, p);
            Assert.True(property.PropertyType == p.ValueType,
                $"{owner}.{property.Name} is a {property.PropertyType.Name}; param '{p.Name}' holds {p.ValueType.Name}.");
            Assert.True(property.GetMethod?.IsPublic == true && property.SetMethod?.IsPublic == true, $"{owner}.{property.Name} needs a public getter and setter.");
            if (!p.ValueType.IsValueType)
            {
                bool nullable = nullability.Create(property).ReadState == NullabilityState.Nullable;
                Assert.True(nullable == !stage.HasDefault(p),
                    $"{owner}.{property.Name} must be {(stage.HasDefault(p) ? "non-nullable: param '" + p.Name + "' has a default" : "nullable: param '" + p.Name + "' has no default")}.");
            }
            else Assert.True(stage.HasDefault(p), $"Param '{p.Name}' of {owner} holds a {p.ValueType.Name} and so needs a default.");
            if (!stage.IsDefined(p)) Assert.Null(property.GetValue(stage));
        });
    }

    [Theory, MemberData(nameof(Owners))]
    public void PropertySetByNameAndGetAgree(string owner)
    {
        var stage = Create(owner);
        Assert.All(stage.ParamList, p =>
        {
            var property = FlatProperty(stage, p);
            var current = stage.IsDefined(p) ? stage.Get(p.Name) : null;
            var samples = SampleValues(p, current);
            if (samples.Count == 0)
            {
                if (current is null) return;
                samples = [current];
            }
            foreach (var value in samples)
            {
                stage.Set(p.Name, value);
                var stored = stage.Get(p.Name);
                Assert.Equal(stored, property.GetValue(stage));
                Assert.Equal(stored, stage.ExtractParamMap().Entries.Single(e => e.Param.Equals(p)).Value);
                Assert.Equal(Canonical(p, value), stored);
            }
            var viaProperty = samples[0];
            property.SetValue(stage, viaProperty);
            Assert.Equal(Canonical(p, viaProperty), stage.Get(p.Name));
        });
    }

    [Theory, MemberData(nameof(Owners))]
    public void PropertyRejectsAnInvalidValueAsTheSetMethodDoes(string owner)
    {
        var stage = Create(owner);
        Assert.All(stage.ParamList, p =>
        {
            var property = FlatProperty(stage, p);
            var setter = stage.GetType().GetMethod("Set" + property.Name, [p.ValueType]);
            foreach (var bad in InvalidValues(p))
            {
                var viaProperty = Unwrap(() => property.SetValue(stage, bad));
                var viaName = Record.Exception(() => stage.Set(p.Name, bad));
                Assert.IsType<ParamException>(viaProperty);
                Assert.Equal(viaProperty.Message, viaName?.Message);
                Assert.Contains($"'{p.Name}'", viaProperty.Message);
                if (setter is not null) Assert.Equal(viaProperty.Message, Unwrap(() => setter.Invoke(stage, [bad])).Message);
            }
        });
    }

    private static PropertyInfo FlatProperty(Params stage, Param p)
    {
        string name = char.ToUpperInvariant(p.Name[0]) + p.Name[1..];
        return stage.GetType().GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new Xunit.Sdk.XunitException(
                $"{stage.GetType().Name} has no property {name} for param '{p.Name}'. Every param needs a flat property named after it, of its value type: " +
                $"public {p.ValueType.Name} {name} {{ get => Get({name}Param); set => Set({name}Param, value); }} (GetOrNull/SetOrClear and a nullable type when it has no default).");
    }

    private static Exception Unwrap(Action action)
    {
        var e = Record.Exception(action);
        Assert.NotNull(e);
        return e is TargetInvocationException { InnerException: { } inner } ? inner : e;
    }

    /// <summary>Up to two valid values unlike <paramref name="current"/>, for the value types params use; none for others.</summary>
    private static List<object> SampleValues(Param p, object? current)
    {
        IEnumerable<object> candidates = p.ValueType switch
        {
            _ when p.AllowedValues is { } allowed => allowed.Select(a => (object)a.ToUpperInvariant()),
            var t when t == typeof(string) => ["col_" + p.Name, "other_" + p.Name],
            var t when t == typeof(bool) => [!(bool)(current ?? false), (bool)(current ?? false)],
            var t when t == typeof(int) => new[] { 1, 2, 3, 4, 5 }.Select(d => (object)((int)(current ?? 0) + d)),
            var t when t == typeof(long) => new[] { 1L, 2L }.Select(d => (object)((long)(current ?? 0L) + d)),
            var t when t == typeof(double) => new[] { 0.25, 0.75, 1.5, 3.0 }.Cast<object>(),
            var t when t == typeof(string[]) => [new[] { "a_" + p.Name, "b_" + p.Name }, new[] { "c_" + p.Name }],
            var t when t == typeof(int[]) => [new[] { 3, 4, 2 }, new[] { 5, 2 }],
            var t when t == typeof(double[]) => [new[] { 0.3, 0.7 }, new[] { 0.6, 0.4 }],
            _ => [],
        };
        return candidates.Where(v => Record.Exception(() => p.Validate(v)) is null && !Equals(Canonical(p, v), current)).Take(2).ToList();
    }

    private static object Canonical(Param p, object v) =>
        p.AllowedValues is { } allowed ? allowed.Single(a => a.Equals((string)v, StringComparison.OrdinalIgnoreCase)) : v;

    /// <summary>Values of the right type that the param's validator rejects.</summary>
    private static IEnumerable<object> InvalidValues(Param p)
    {
        IEnumerable<object> candidates = p.ValueType switch
        {
            var t when t == typeof(string) => ["", "no-such-" + p.Name],
            var t when t == typeof(int) => [-1, 0],
            var t when t == typeof(long) => [-1L],
            var t when t == typeof(double) => [-1.0, 2.0],
            var t when t == typeof(string[]) => [Array.Empty<string>()],
            var t when t == typeof(int[]) => [Array.Empty<int>()],
            var t when t == typeof(double[]) => [new[] { -1.0 }],
            _ => [],
        };
        return candidates.Where(v => Record.Exception(() => p.Validate(v)) is ParamException);
    }
}
