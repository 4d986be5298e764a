using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace DeepLearningPipelines.Nn.Kernels;

/// <summary>
/// Dense layer for a few input rows: <c>y[i,j] = x[i,:]·w[j,:] + bias[j]</c> with w stored row-major as
/// <c>[outputs, inputs]</c>. Each weight row is streamed once for all input rows, which is what a memory-bound
/// batch-1 fully connected layer needs (a GEMM would pack the whole weight matrix per call). Output rows are
/// split over the cores.
/// </summary>
internal static unsafe class Gemv
{
    /// <summary>Computes y (<paramref name="rows"/>×<paramref name="outputs"/>) from x (rows×inputs) and w (outputs×inputs); bias may be null.</summary>
    public static void Run(int rows, int outputs, int inputs, float* x, float* w, float* bias, float* y)
    {
        nint px = (nint)x, pw = (nint)w, pb = (nint)bias, py = (nint)y;
        long work = (long)rows * outputs * inputs;
        if (work < 1 << 18)
        {
            Range(0, outputs, rows, outputs, inputs, x, w, bias, y);
            return;
        }
        Parallelism.For(outputs, (first, last) => Range(first, last, rows, outputs, inputs, (float*)px, (float*)pw, (float*)pb, (float*)py));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Range(int first, int last, int rows, int outputs, int inputs, float* x, float* w, float* bias, float* y)
    {
        for (int j = first; j < last; j++)
        {
            float* wRow = w + (long)j * inputs;
            float b = bias == null ? 0f : bias[j];
            for (int i = 0; i < rows; i++) y[(long)i * outputs + j] = Dot(x + (long)i * inputs, wRow, inputs) + b;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(float* a, float* b, int n)
    {
        Vector256<float> s0 = default, s1 = default, s2 = default, s3 = default;
        int i = 0;
        for (; i <= n - 32; i += 32)
        {
            s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 8), Vector256.Load(b + i + 8), s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 16), Vector256.Load(b + i + 16), s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i + 24), Vector256.Load(b + i + 24), s3);
        }
        for (; i <= n - 8; i += 8) s0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), s0);
        float sum = Vector256.Sum((s0 + s1) + (s2 + s3));
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }
}
