using System.Text;

namespace DeepLearningPipelines.Core;

/// <summary>A Spark ML feature vector: dense or sparse, immutable by convention, double precision.</summary>
public abstract class Vector : IEquatable<Vector>
{
    /// <summary>The number of elements (including implicit zeros).</summary>
    public abstract int Size { get; }

    /// <summary>The element at <paramref name="i"/>.</summary>
    public abstract double this[int i] { get; }

    /// <summary>The number of stored non-zero elements.</summary>
    public abstract int NumNonzeros { get; }

    /// <summary>A new dense array with every element.</summary>
    public abstract double[] ToArray();

    /// <summary>Writes every element (zeros included) into the first <see cref="Size"/> slots of <paramref name="target"/>.</summary>
    public abstract void CopyTo(Span<double> target);

    /// <summary>Calls <paramref name="action"/> for each stored (index, value) pair.</summary>
    public abstract void ForEachActive(Action<int, double> action);

    /// <summary>A dense copy.</summary>
    public DenseVector ToDense() => new(ToArray());

    public bool Equals(Vector? other)
    {
        if (other is null || other.Size != Size) return false;
        for (int i = 0; i < Size; i++)
            if (!this[i].Equals(other[i])) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is Vector v && Equals(v);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Size);
        ForEachActive((i, v) => { if (v != 0) { h.Add(i); h.Add(v); } });
        return h.ToHashCode();
    }
}

/// <summary>A vector that stores every element.</summary>
public sealed class DenseVector(double[] values) : Vector
{
    /// <summary>The backing array (not copied).</summary>
    public double[] Values { get; } = values;
    public override int Size => Values.Length;
    public override double this[int i] => Values[i];
    public override int NumNonzeros => Values.Count(v => v != 0);
    public override double[] ToArray() => (double[])Values.Clone();
    public override void CopyTo(Span<double> target) => Values.CopyTo(target);
    public override void ForEachActive(Action<int, double> action) { for (int i = 0; i < Values.Length; i++) action(i, Values[i]); }

    /// <summary>Spark's text form, e.g. <c>[1.0,0.5]</c>.</summary>
    public override string ToString() => "[" + string.Join(",", Values.Select(JavaFormat.Double)) + "]";
}

/// <summary>A vector that stores only the non-zero elements, by strictly increasing index.</summary>
public sealed class SparseVector : Vector
{
    public SparseVector(int size, int[] indices, double[] values)
    {
        if (indices.Length != values.Length)
            throw new ArgumentException($"Sparse vector has {indices.Length} indices but {values.Length} values.");
        for (int k = 0; k < indices.Length; k++)
        {
            if (indices[k] < 0 || indices[k] >= size)
                throw new ArgumentException($"Sparse vector index {indices[k]} is out of range [0, {size}).");
            if (k > 0 && indices[k] <= indices[k - 1])
                throw new ArgumentException("Sparse vector indices must be strictly increasing.");
        }
        Size = size;
        Indices = indices;
        Values = values;
    }

    public override int Size { get; }
    public int[] Indices { get; }
    public double[] Values { get; }
    public override int NumNonzeros => Values.Count(v => v != 0);

    public override double this[int i]
    {
        get
        {
            if ((uint)i >= (uint)Size) throw new IndexOutOfRangeException($"Index {i} is out of range [0, {Size}).");
            int k = Array.BinarySearch(Indices, i);
            return k >= 0 ? Values[k] : 0.0;
        }
    }

    public override double[] ToArray()
    {
        var a = new double[Size];
        CopyTo(a);
        return a;
    }

    public override void CopyTo(Span<double> target)
    {
        target[..Size].Clear();
        for (int k = 0; k < Indices.Length; k++) target[Indices[k]] = Values[k];
    }

    public override void ForEachActive(Action<int, double> action) { for (int k = 0; k < Indices.Length; k++) action(Indices[k], Values[k]); }

    /// <summary>Spark's text form, e.g. <c>(4,[0,3],[1.0,2.0])</c>.</summary>
    public override string ToString() =>
        new StringBuilder().Append('(').Append(Size).Append(",[").Append(string.Join(",", Indices)).Append("],[")
            .Append(string.Join(",", Values.Select(JavaFormat.Double))).Append("])").ToString();
}

/// <summary>Factory methods, as Spark's <c>Vectors</c>.</summary>
public static class Vectors
{
    public static DenseVector Dense(params double[] values) => new(values);
    public static SparseVector Sparse(int size, int[] indices, double[] values) => new(size, indices, values);
    public static DenseVector Zeros(int size) => new(new double[size]);
}
