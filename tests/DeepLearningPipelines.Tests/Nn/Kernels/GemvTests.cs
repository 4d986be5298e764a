using DeepLearningPipelines.Nn.Kernels;

namespace DeepLearningPipelines.Tests.Nn.Kernels;

public unsafe class GemvTests
{
    [Theory]
    [InlineData(1, 1, 1, false)]
    [InlineData(1, 1000, 2048, true)]
    [InlineData(3, 17, 37, true)]
    [InlineData(7, 130, 300, false)]
    [InlineData(2, 4096, 70, true)]
    public void MatchesNaiveDenseLayer(int rows, int outputs, int inputs, bool withBias)
    {
        var rng = new Random(rows * 7 + outputs + inputs);
        float[] x = TestData.Random(rng, rows * inputs), w = TestData.Random(rng, outputs * inputs), bias = TestData.Random(rng, outputs);
        var expected = new float[rows * outputs];
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < outputs; j++)
            {
                double s = withBias ? bias[j] : 0;
                for (int p = 0; p < inputs; p++) s += (double)x[i * inputs + p] * w[j * inputs + p];
                expected[i * outputs + j] = (float)s;
            }
        var y = new float[rows * outputs];
        fixed (float* px = x, pw = w, pb = bias, py = y) Gemv.Run(rows, outputs, inputs, px, pw, withBias ? pb : null, py);
        TestData.AssertClose(expected, y, 1e-5f * MathF.Sqrt(inputs) * 4);
    }
}
