using System.Numerics;

namespace DeepLearningPipelines.Ml.Solvers;

/// <summary>
/// Small dense kernels on row-major blocks, vectorised over the contiguous (column) dimension and register-blocked over
/// four rows and two vectors of columns (eight independent accumulators), so each loaded vector feeds four fused multiply-adds.
/// Vectors are read and written through pointer casts, which stay cheap even in unoptimised (Debug) builds.
/// </summary>
internal static unsafe class DenseKernels
{
    private static readonly int Width = Vector<double>.Count;

    /// <summary>C ← C + A·B with A rows×k (row stride k), B k×n (row stride n), C rows×n (row stride n).</summary>
    public static void MultiplyAdd(double* a, int rows, int k, double* b, int n, double* c)
    {
        int r = 0;
        for (; r + 4 <= rows; r += 4)
        {
            double* a0 = a + r * k, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k;
            double* c0 = c + r * n, c1 = c0 + n, c2 = c1 + n, c3 = c2 + n;
            int j = 0;
            for (; j + 2 * Width <= n; j += 2 * Width)
            {
                var s0 = *(Vector<double>*)(c0 + j);
                var s1 = *(Vector<double>*)(c1 + j);
                var s2 = *(Vector<double>*)(c2 + j);
                var s3 = *(Vector<double>*)(c3 + j);
                var u0 = *(Vector<double>*)(c0 + j + Width);
                var u1 = *(Vector<double>*)(c1 + j + Width);
                var u2 = *(Vector<double>*)(c2 + j + Width);
                var u3 = *(Vector<double>*)(c3 + j + Width);
                double* bj = b + j;
                for (int t = 0; t < k; t++, bj += n)
                {
                    var v = *(Vector<double>*)bj;
                    var w = *(Vector<double>*)(bj + Width);
                    var x0 = new Vector<double>(a0[t]);
                    var x1 = new Vector<double>(a1[t]);
                    var x2 = new Vector<double>(a2[t]);
                    var x3 = new Vector<double>(a3[t]);
                    s0 = Vector.FusedMultiplyAdd(x0, v, s0);
                    s1 = Vector.FusedMultiplyAdd(x1, v, s1);
                    s2 = Vector.FusedMultiplyAdd(x2, v, s2);
                    s3 = Vector.FusedMultiplyAdd(x3, v, s3);
                    u0 = Vector.FusedMultiplyAdd(x0, w, u0);
                    u1 = Vector.FusedMultiplyAdd(x1, w, u1);
                    u2 = Vector.FusedMultiplyAdd(x2, w, u2);
                    u3 = Vector.FusedMultiplyAdd(x3, w, u3);
                }
                *(Vector<double>*)(c0 + j) = s0;
                *(Vector<double>*)(c1 + j) = s1;
                *(Vector<double>*)(c2 + j) = s2;
                *(Vector<double>*)(c3 + j) = s3;
                *(Vector<double>*)(c0 + j + Width) = u0;
                *(Vector<double>*)(c1 + j + Width) = u1;
                *(Vector<double>*)(c2 + j + Width) = u2;
                *(Vector<double>*)(c3 + j + Width) = u3;
            }
            for (; j + Width <= n; j += Width)
            {
                var s0 = *(Vector<double>*)(c0 + j);
                var s1 = *(Vector<double>*)(c1 + j);
                var s2 = *(Vector<double>*)(c2 + j);
                var s3 = *(Vector<double>*)(c3 + j);
                double* bj = b + j;
                for (int t = 0; t < k; t++, bj += n)
                {
                    var v = *(Vector<double>*)bj;
                    s0 = Vector.FusedMultiplyAdd(new Vector<double>(a0[t]), v, s0);
                    s1 = Vector.FusedMultiplyAdd(new Vector<double>(a1[t]), v, s1);
                    s2 = Vector.FusedMultiplyAdd(new Vector<double>(a2[t]), v, s2);
                    s3 = Vector.FusedMultiplyAdd(new Vector<double>(a3[t]), v, s3);
                }
                *(Vector<double>*)(c0 + j) = s0;
                *(Vector<double>*)(c1 + j) = s1;
                *(Vector<double>*)(c2 + j) = s2;
                *(Vector<double>*)(c3 + j) = s3;
            }
            for (; j < n; j++)
            {
                double s0 = c0[j], s1 = c1[j], s2 = c2[j], s3 = c3[j];
                for (int t = 0; t < k; t++)
                {
                    double v = b[t * n + j];
                    s0 += a0[t] * v;
                    s1 += a1[t] * v;
                    s2 += a2[t] * v;
                    s3 += a3[t] * v;
                }
                c0[j] = s0;
                c1[j] = s1;
                c2[j] = s2;
                c3[j] = s3;
            }
        }
        for (; r < rows; r++)
        {
            double* ar = a + r * k, cr = c + r * n;
            for (int t = 0; t < k; t++) Axpy(ar[t], b + t * n, cr, n);
        }
    }

    /// <summary>G ← G + Aᵀ·D with A rows×k (row stride k), D rows×n (row stride n), G k×n (row stride n).</summary>
    public static void MultiplyTransposedAdd(double* a, int rows, int k, double* d, int n, double* g)
    {
        int t = 0;
        for (; t + 4 <= k; t += 4)
        {
            double* g0 = g + t * n, g1 = g0 + n, g2 = g1 + n, g3 = g2 + n;
            int j = 0;
            for (; j + 2 * Width <= n; j += 2 * Width)
            {
                var s0 = *(Vector<double>*)(g0 + j);
                var s1 = *(Vector<double>*)(g1 + j);
                var s2 = *(Vector<double>*)(g2 + j);
                var s3 = *(Vector<double>*)(g3 + j);
                var u0 = *(Vector<double>*)(g0 + j + Width);
                var u1 = *(Vector<double>*)(g1 + j + Width);
                var u2 = *(Vector<double>*)(g2 + j + Width);
                var u3 = *(Vector<double>*)(g3 + j + Width);
                double* ar = a + t, dr = d + j;
                for (int r = 0; r < rows; r++, ar += k, dr += n)
                {
                    var v = *(Vector<double>*)dr;
                    var w = *(Vector<double>*)(dr + Width);
                    var x0 = new Vector<double>(ar[0]);
                    var x1 = new Vector<double>(ar[1]);
                    var x2 = new Vector<double>(ar[2]);
                    var x3 = new Vector<double>(ar[3]);
                    s0 = Vector.FusedMultiplyAdd(x0, v, s0);
                    s1 = Vector.FusedMultiplyAdd(x1, v, s1);
                    s2 = Vector.FusedMultiplyAdd(x2, v, s2);
                    s3 = Vector.FusedMultiplyAdd(x3, v, s3);
                    u0 = Vector.FusedMultiplyAdd(x0, w, u0);
                    u1 = Vector.FusedMultiplyAdd(x1, w, u1);
                    u2 = Vector.FusedMultiplyAdd(x2, w, u2);
                    u3 = Vector.FusedMultiplyAdd(x3, w, u3);
                }
                *(Vector<double>*)(g0 + j) = s0;
                *(Vector<double>*)(g1 + j) = s1;
                *(Vector<double>*)(g2 + j) = s2;
                *(Vector<double>*)(g3 + j) = s3;
                *(Vector<double>*)(g0 + j + Width) = u0;
                *(Vector<double>*)(g1 + j + Width) = u1;
                *(Vector<double>*)(g2 + j + Width) = u2;
                *(Vector<double>*)(g3 + j + Width) = u3;
            }
            for (; j + Width <= n; j += Width)
            {
                var s0 = *(Vector<double>*)(g0 + j);
                var s1 = *(Vector<double>*)(g1 + j);
                var s2 = *(Vector<double>*)(g2 + j);
                var s3 = *(Vector<double>*)(g3 + j);
                double* ar = a + t, dr = d + j;
                for (int r = 0; r < rows; r++, ar += k, dr += n)
                {
                    var v = *(Vector<double>*)dr;
                    s0 = Vector.FusedMultiplyAdd(new Vector<double>(ar[0]), v, s0);
                    s1 = Vector.FusedMultiplyAdd(new Vector<double>(ar[1]), v, s1);
                    s2 = Vector.FusedMultiplyAdd(new Vector<double>(ar[2]), v, s2);
                    s3 = Vector.FusedMultiplyAdd(new Vector<double>(ar[3]), v, s3);
                }
                *(Vector<double>*)(g0 + j) = s0;
                *(Vector<double>*)(g1 + j) = s1;
                *(Vector<double>*)(g2 + j) = s2;
                *(Vector<double>*)(g3 + j) = s3;
            }
            for (; j < n; j++)
            {
                double s0 = g0[j], s1 = g1[j], s2 = g2[j], s3 = g3[j];
                for (int r = 0; r < rows; r++)
                {
                    double v = d[r * n + j];
                    double* ar = a + r * k + t;
                    s0 += ar[0] * v;
                    s1 += ar[1] * v;
                    s2 += ar[2] * v;
                    s3 += ar[3] * v;
                }
                g0[j] = s0;
                g1[j] = s1;
                g2[j] = s2;
                g3[j] = s3;
            }
        }
        for (; t < k; t++)
            for (int r = 0; r < rows; r++) Axpy(a[r * k + t], d + r * n, g + t * n, n);
    }

    /// <summary>y ← y + alpha·x over n entries.</summary>
    public static void Axpy(double alpha, double* x, double* y, int n)
    {
        int j = 0;
        var scale = new Vector<double>(alpha);
        for (; j + Width <= n; j += Width)
            *(Vector<double>*)(y + j) = Vector.FusedMultiplyAdd(scale, *(Vector<double>*)(x + j), *(Vector<double>*)(y + j));
        for (; j < n; j++) y[j] += alpha * x[j];
    }

    /// <summary>x ← 1/(1 + e^(−x)) over n entries.</summary>
    public static void Sigmoid(double* x, int n)
    {
        int j = 0;
        for (; j + Width <= n; j += Width)
            *(Vector<double>*)(x + j) = Vector<double>.One / (Vector<double>.One + Vector.Exp(-*(Vector<double>*)(x + j)));
        for (; j < n; j++) x[j] = 1.0 / (1.0 + Math.Exp(-x[j]));
    }

    /// <summary>y ← e^(x − shift) over n entries.</summary>
    public static void ShiftedExp(double* x, double shift, double* y, int n)
    {
        int j = 0;
        var offset = new Vector<double>(shift);
        for (; j + Width <= n; j += Width) *(Vector<double>*)(y + j) = Vector.Exp(*(Vector<double>*)(x + j) - offset);
        for (; j < n; j++) y[j] = Math.Exp(x[j] - shift);
    }

    /// <summary>delta ← delta ∘ a ∘ (1 − a), the sigmoid derivative expressed through its output a.</summary>
    public static void MultiplySigmoidDerivative(double* delta, double* a, int n)
    {
        int j = 0;
        for (; j + Width <= n; j += Width)
        {
            var v = *(Vector<double>*)(a + j);
            *(Vector<double>*)(delta + j) = *(Vector<double>*)(delta + j) * v * (Vector<double>.One - v);
        }
        for (; j < n; j++) delta[j] *= a[j] * (1 - a[j]);
    }
}
