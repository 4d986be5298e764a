using System.Buffers;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Nn.Execution.Cpu;

/// <summary>
/// Gemm (<c>alpha·A'·B' + beta·C</c>) and MatMul (N-D A times 2-D B, leading dimensions of A folded into rows).
/// A per-column C with alpha = beta = 1 is added in the GEMM epilogue; other C shapes are broadcast-added afterwards.
/// With constant B (dense-layer weights) and fewer than <see cref="MaxGemvRows"/> rows, the weights are kept as
/// <c>[N, K]</c> rows and the product runs as a <see cref="Gemv"/>.
/// </summary>
internal sealed unsafe class GemmKernel : IKernel
{
    private readonly int _m, _n, _k;
    private readonly bool _transA, _transB, _biasInEpilogue;
    private readonly float _alpha, _beta;
    private readonly int[] _outShape, _cShape;
    private readonly float[]? _weightRows;
    private const int MaxGemvRows = 8;

    public GemmKernel(IReadOnlyList<int[]> inputShapes, int[] outShape, float alpha, float beta, bool transA, bool transB, Tensor? constantB)
    {
        int[] a = inputShapes[0], b = inputShapes[1];
        _k = transA ? a[^2] : a[^1];
        _m = a.Length == 2 ? (transA ? a[1] : a[0]) : Tensor.ElementCount(a) / _k;
        _n = transB ? b[0] : b[1];
        (_alpha, _beta, _transA, _transB, _outShape) = (alpha, beta, transA, transB, outShape);
        _cShape = inputShapes.Count > 2 ? inputShapes[2] : [];
        bool perColumn = _cShape.Length > 0 && Tensor.ElementCount(_cShape) == _n && _cShape[^1] == _n;
        _biasInEpilogue = perColumn && alpha == 1f && beta == 1f;
        if (constantB is not null && !transA && _m < MaxGemvRows)
        {
            if (transB) _weightRows = constantB.Buffer;
            else
            {
                _weightRows = new float[_n * _k];
                ShapeOps.Transpose(constantB.Span, [_k, _n], [1, 0], _weightRows);
            }
        }
    }

    public void Execute(IReadOnlyList<Tensor?> inputs, IReadOnlyList<Tensor> outputs)
    {
        Tensor? c = inputs.Count > 2 ? inputs[2] : null;
        Span<float> y = outputs[0].Span;
        fixed (float* pa = inputs[0]!.Buffer, pb = inputs[1]!.Buffer, pc = c?.Buffer, py = outputs[0].Buffer)
        {
            var a = _transA ? new MatrixRef(pa, 1, _m) : new MatrixRef(pa, _k);
            var b = _transB ? new MatrixRef(pb, 1, _k) : new MatrixRef(pb, _n);
            if (_weightRows is not null)
            {
                fixed (float* w = _weightRows) Gemv.Run(_m, _n, _k, pa, w, _biasInEpilogue ? pc : null, py);
            }
            else
            {
                var epilogue = _biasInEpilogue ? new GemmEpilogue(pc, BiasKind.PerColumn) : GemmEpilogue.None;
                Sgemm.Multiply(_m, _n, _k, a, b, py, _n, epilogue);
            }
        }
        if (_alpha != 1f) foreach (ref float v in y) v *= _alpha;
        if (c is null || _biasInEpilogue) return;
        float[] scaled = ArrayPool<float>.Shared.Rent(c.Length);
        try
        {
            for (int i = 0; i < c.Length; i++) scaled[i] = _beta * c.Span[i];
            Broadcast.Run(BinaryOp.Add, y, _outShape, scaled.AsSpan(0, c.Length), _cShape, y, _outShape);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scaled);
        }
    }
}
