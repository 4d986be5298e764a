using System.Buffers;
using DeepLearningPipelines.Nn.Execution;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Training.Ops;

/// <summary>
/// Gemm <c>Y = α·A'·B' + β·C</c> and MatMul (N-D A folded into rows, 2-D B): <c>dA' = α·dY·B'ᵀ</c>,
/// <c>dB' = α·A'ᵀ·dY</c> (each GEMM reads its operands transposed through strides), <c>dC = β·Σ dY</c> over C's broadcast dimensions.
/// </summary>
internal sealed unsafe class GemmOp : TrainingOp
{
    private readonly int _m, _n, _k;
    private readonly float _alpha, _beta;
    private readonly bool _transA, _transB;
    private readonly int[] _outShape, _cShape;

    public GemmOp(int[] inputs, int output, IKernel? forward, int[][] inShapes, int[] outShape, float alpha, float beta, bool transA, bool transB)
        : base(inputs, output, forward)
    {
        int[] a = inShapes[0], b = inShapes[1];
        _k = transA ? a[^2] : a[^1];
        _m = a.Length == 2 ? (transA ? a[1] : a[0]) : Tensor.ElementCount(a) / _k;
        _n = transB ? b[0] : b[1];
        (_alpha, _beta, _transA, _transB, _outShape) = (alpha, beta, transA, transB, outShape);
        _cShape = inShapes.Length > 2 ? inShapes[2] : [];
    }

    public override void Backward(TrainingPass pass)
    {
        Span<float> dy = pass.Grad(Output);
        float[]? scaled = null;
        try
        {
            if (_alpha != 1f)
            {
                scaled = ArrayPool<float>.Shared.Rent(dy.Length);
                ElementwiseGrad.StoreScaled(dy, _alpha, scaled, accumulate: false);
                dy = scaled.AsSpan(0, dy.Length);
            }
            int m = _m, n = _n, k = _k;
            fixed (float* pa = pass.Value(Inputs[0]).Buffer, pb = pass.Value(Inputs[1]).Buffer, pdy = dy)
            {
                var dyRows = new MatrixRef(pdy, n);
                var dyT = new MatrixRef(pdy, 1, n);
                if (Needs(pass, 0))
                {
                    var target = pass.GradForWrite(Inputs[0], out bool acc);
                    var ep = new GemmEpilogue(null, BiasKind.None, accumulate: acc);
                    fixed (float* da = target)
                    {
                        // op(B) as [k, n]; A' = A ([m, k]) or Aᵀ (A is [k, m]).
                        var opB = _transB ? new MatrixRef(pb, 1, k) : new MatrixRef(pb, n);
                        var opBT = _transB ? new MatrixRef(pb, k) : new MatrixRef(pb, 1, n);
                        if (!_transA) Sgemm.Multiply(m, k, n, dyRows, opBT, da, k, ep);
                        else Sgemm.Multiply(k, m, n, opB, dyT, da, m, ep);
                    }
                }
                if (Needs(pass, 1))
                {
                    var target = pass.GradForWrite(Inputs[1], out bool acc);
                    var ep = new GemmEpilogue(null, BiasKind.None, accumulate: acc);
                    fixed (float* db = target)
                    {
                        var opA = _transA ? new MatrixRef(pa, 1, m) : new MatrixRef(pa, k);
                        var opAT = _transA ? new MatrixRef(pa, m) : new MatrixRef(pa, 1, k);
                        if (!_transB) Sgemm.Multiply(k, n, m, opAT, dyRows, db, n, ep);
                        else Sgemm.Multiply(n, k, m, dyT, opA, db, k, ep);
                    }
                }
            }
            if (Needs(pass, 2)) ReduceBias(pass, dy);
        }
        finally
        {
            if (scaled is not null) ArrayPool<float>.Shared.Return(scaled);
        }
    }

    private void ReduceBias(TrainingPass pass, ReadOnlySpan<float> dy)
    {
        var target = pass.GradForWrite(Inputs[2], out bool acc);
        // dy was scaled by α: C's gradient is β·(dY/α)·… — recompute from the unscaled gradient.
        float factor = _beta / _alpha;
        if (factor == 1f)
        {
            BroadcastBackward.Reduce(dy, _outShape, target, _cShape, acc);
            return;
        }
        float[] reduced = ArrayPool<float>.Shared.Rent(target.Length);
        try
        {
            BroadcastBackward.Reduce(dy, _outShape, reduced.AsSpan(0, target.Length), _cShape, accumulate: false);
            ElementwiseGrad.StoreScaled(reduced.AsSpan(0, target.Length), factor, target, acc);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(reduced);
        }
    }
}
