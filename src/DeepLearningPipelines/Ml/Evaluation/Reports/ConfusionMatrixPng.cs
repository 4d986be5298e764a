using DeepLearningPipelines.Core;
using DeepLearningPipelines.Ml.Evaluation.Metrics;

namespace DeepLearningPipelines.Ml.Evaluation.Reports;

/// <summary>
/// Draws a <see cref="ConfusionMatrix"/> as a PNG heat map without text: square cells shaded as in <see cref="ConfusionMatrixSvg"/>,
/// separated by one-pixel white lines, rows = actual labels, columns = predicted labels.
/// </summary>
public static class ConfusionMatrixPng
{
    /// <summary>Renders the PNG file contents.</summary>
    /// <param name="matrix">The counts to draw.</param>
    /// <param name="cellPixels">Side of one cell in pixels, including its white border line (2 to 256).</param>
    /// <exception cref="ParamException"><paramref name="cellPixels"/> is out of range.</exception>
    public static byte[] Render(ConfusionMatrix matrix, int cellPixels = 24)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (cellPixels is < 2 or > 256)
            throw new ParamException($"A confusion-matrix PNG cell must be 2 to 256 pixels, got {cellPixels}.");
        int n = matrix.Size;
        int side = n * cellPixels;
        var rgb = new byte[side * side * 3];
        Array.Fill(rgb, (byte)0xFF);
        double max = matrix.MaxCount;
        for (int actual = 0; actual < n; actual++)
        for (int predicted = 0; predicted < n; predicted++)
        {
            var (red, green, blue) = BluesColorMap.At(BluesColorMap.Shade(matrix[actual, predicted], max));
            for (int y = actual * cellPixels; y < (actual + 1) * cellPixels - 1; y++)
            for (int x = predicted * cellPixels; x < (predicted + 1) * cellPixels - 1; x++)
            {
                int offset = (y * side + x) * 3;
                rgb[offset] = red;
                rgb[offset + 1] = green;
                rgb[offset + 2] = blue;
            }
        }
        return PngWriter.Encode(side, side, 3, rgb);
    }

    /// <summary>Renders the PNG and writes it to <paramref name="path"/>.</summary>
    public static void Save(string path, ConfusionMatrix matrix, int cellPixels = 24) =>
        File.WriteAllBytes(path, Render(matrix, cellPixels));
}
