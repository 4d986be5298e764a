using DeepLearningPipelines.Core;
using ScottPlot;

namespace DeepLearningPipelines.Ml.Evaluation.Plots;

/// <summary>Writes a plot as PNG or SVG, chosen by the file's extension.</summary>
public static class PlotFile
{
    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/> × <paramref name="height"/> pixels into <paramref name="path"/> (.png or .svg).</summary>
    /// <exception cref="ParamException">The extension is neither .png nor .svg, or a size is not positive.</exception>
    public static void Save(Plot plot, string path, int width = 640, int height = 480)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentNullException.ThrowIfNull(path);
        if (width <= 0 || height <= 0)
            throw new ParamException($"A plot needs a positive size in pixels, got {width} × {height}.");
        string extension = Path.GetExtension(path).ToLowerInvariant();
        switch (extension)
        {
            case ".png": plot.SavePng(path, width, height); break;
            case ".svg": plot.SaveSvg(path, width, height); break;
            default: throw new ParamException($"Cannot tell the picture format of '{path}': name it .png or .svg.");
        }
    }
}
