namespace DeepLearningPipelines.Ml.Optim;

/// <summary>The last m correction pairs (s = x₊ − x, y = ∇f₊ − ∇f) and the two-loop recursion that applies the inverse-Hessian approximation.</summary>
internal sealed class LbfgsMemory
{
    private readonly double[][] _s;
    private readonly double[][] _y;
    private readonly double[] _rho;
    private readonly double[] _alpha;
    private int _count;
    private int _newest = -1;

    public LbfgsMemory(int memory, int dimension)
    {
        _s = new double[memory][];
        _y = new double[memory][];
        for (int i = 0; i < memory; i++)
        {
            _s[i] = new double[dimension];
            _y[i] = new double[dimension];
        }
        _rho = new double[memory];
        _alpha = new double[memory];
    }

    public bool IsEmpty => _count == 0;

    public void Clear()
    {
        _count = 0;
        _newest = -1;
    }

    /// <summary>Stores a pair when it satisfies the curvature condition sᵀy &gt; 0; returns whether it was stored.</summary>
    public bool TryAdd(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        double sy = VectorMath.Dot(s, y);
        if (!(sy > 1e-10 * VectorMath.Norm(s) * VectorMath.Norm(y))) return false;
        _newest = (_newest + 1) % _s.Length;
        s.CopyTo(_s[_newest]);
        y.CopyTo(_y[_newest]);
        _rho[_newest] = 1.0 / sy;
        _count = Math.Min(_count + 1, _s.Length);
        return true;
    }

    /// <summary>direction ← −H·gradient.</summary>
    public void ComputeDirection(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        for (int i = 0; i < direction.Length; i++) direction[i] = -gradient[i];
        int m = _s.Length;
        for (int k = 0; k < _count; k++)
        {
            int j = (_newest - k + m) % m;
            _alpha[j] = _rho[j] * VectorMath.Dot(_s[j], direction);
            VectorMath.Axpy(-_alpha[j], _y[j], direction);
        }
        if (_count > 0)
        {
            double yy = VectorMath.Dot(_y[_newest], _y[_newest]);
            double gamma = 1.0 / (_rho[_newest] * yy);
            for (int i = 0; i < direction.Length; i++) direction[i] *= gamma;
        }
        for (int k = _count - 1; k >= 0; k--)
        {
            int j = (_newest - k + m) % m;
            double beta = _rho[j] * VectorMath.Dot(_y[j], direction);
            VectorMath.Axpy(_alpha[j] - beta, _s[j], direction);
        }
    }
}
