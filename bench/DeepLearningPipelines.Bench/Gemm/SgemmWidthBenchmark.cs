using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Bench.Gemm;

/// <summary>
/// SGEMM throughput of the 256-bit and 512-bit micro-kernels at convolution-like shapes (A prepacked, as convolution
/// weights are). The widths alternate within each round, so load from other processes falls on both alike; prints
/// the median, minimum and maximum GFLOPS of each over the rounds. On one thread (on Linux) it also divides by the
/// thread's CPU time, which leaves out the time other processes held the core.
/// Arguments: [rounds (7)] [threads: 1 = one core, 0 = all (1)].
/// </summary>
internal static unsafe class SgemmWidthBenchmark
{
    private static readonly (int M, int N, int K, string Layer)[] Shapes =
    [
        (256, 3136, 576, "ResNet conv3x3, 56x56, 64->256 ch im2col"),
        (64, 12544, 147, "ResNet stem 7x7/2, 112x112"),
        (128, 784, 1152, "3x3, 28x28, 128 ch"),
        (512, 196, 512, "1x1, 14x14, 512 ch"),
    ];

    private const double SecondsPerSample = 0.25;

    public static int Run(string[] args)
    {
        int rounds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 7;
        bool parallel = args.Length > 1 && args[1] == "0";
        if (!SimdWidth.Is512Supported)
        {
            Console.Error.WriteLine("This CPU lacks AVX-512F: only the 256-bit kernel can run.");
            return 1;
        }
        Console.WriteLine($"{(parallel ? $"{Environment.ProcessorCount} threads" : "1 thread")}, {rounds} rounds, widths alternating; GFLOPS median [min-max]");
        foreach (var (m, n, k, layer) in Shapes)
        {
            var rng = new Random(m + n + k);
            float[] a = Fill(rng, m * k), b = Fill(rng, k * n), c = new float[m * n];
            var samples = new Dictionary<int, List<double>> { [256] = [], [512] = [] };
            var cpuSamples = new Dictionary<int, List<double>> { [256] = [], [512] = [] };
            fixed (float* pa = a, pb = b, pc = c)
            {
                var packed = new Dictionary<int, PackedMatrix>();
                foreach (int width in samples.Keys)
                    using (SimdWidth.Use(width)) packed[width] = new PackedMatrix(new MatrixRef(pa, k), m, k);
                var bRef = new MatrixRef(pb, n);
                nint cOut = (nint)pc;
                void Product(int width) => Sgemm.Multiply(packed[width], n, bRef, (float*)cOut, n, GemmEpilogue.None, parallel);
                foreach (int width in samples.Keys) Product(width); // JIT and page-in.
                for (int round = 0; round < rounds; round++)
                {
                    int[] order = round % 2 == 0 ? [256, 512] : [512, 256];
                    foreach (int width in order)
                    {
                        var (wall, cpu) = Measure(() => Product(width), 2.0 * m * n * k);
                        samples[width].Add(wall);
                        if (!parallel && cpu > 0) cpuSamples[width].Add(cpu);
                    }
                }
            }
            Console.WriteLine($"M={m} N={n} K={k} ({layer}): " + string.Join("  ", samples.Select(s => $"{s.Key}-bit {Summary(s.Value)}"))
                + $"  ratio 512/256 {Median(samples[512]) / Median(samples[256]):F2}");
            if (cpuSamples[256].Count > 0)
                Console.WriteLine("    per CPU second: " + string.Join("  ", cpuSamples.Select(s => $"{s.Key}-bit {Summary(s.Value)}"))
                    + $"  ratio 512/256 {Median(cpuSamples[512]) / Median(cpuSamples[256]):F2}");
        }
        return 0;
    }

    /// <summary>GFLOPS of <paramref name="product"/> repeated for about <see cref="SecondsPerSample"/>, per wall-clock and per calling-thread CPU second (0 where unknown).</summary>
    private static (double Wall, double Cpu) Measure(Action product, double flops)
    {
        double cpu0 = ThreadCpuSeconds();
        var clock = Stopwatch.StartNew();
        int reps = 0;
        do { product(); reps++; } while (clock.Elapsed.TotalSeconds < SecondsPerSample);
        double wall = clock.Elapsed.TotalSeconds, cpu = ThreadCpuSeconds() - cpu0;
        return (flops * reps / wall / 1e9, cpu0 > 0 && cpu > 0 ? flops * reps / cpu / 1e9 : 0);
    }

    private const int ClockThreadCpuTime = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds, Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>CPU time of the calling thread in seconds (Linux), or 0.</summary>
    private static double ThreadCpuSeconds() =>
        OperatingSystem.IsLinux() && ClockGetTime(ClockThreadCpuTime, out var t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : 0;

    private static float[] Fill(Random rng, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = (float)(rng.NextDouble() * 2 - 1);
        return values;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Summary(List<double> values) =>
        string.Create(CultureInfo.InvariantCulture, $"{Median(values):F1} [{values.Min():F1}-{values.Max():F1}]");
}
