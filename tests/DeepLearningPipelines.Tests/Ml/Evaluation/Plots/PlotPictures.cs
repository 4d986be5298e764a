using System.Xml.Linq;
using ScottPlot;
using SkiaSharp;

namespace DeepLearningPipelines.Tests.Ml.Evaluation.Plots;

/// <summary>Writes a plot as PNG and SVG, checks both files, and reads back PNG pixels at data coordinates.</summary>
internal sealed class PlotPictures : IDisposable
{
    public const int Width = 500, Height = 400;
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dlp-plots-");
    private readonly Plot _plot;
    private readonly SKBitmap _png;

    public PlotPictures(Plot plot)
    {
        _plot = plot;
        string png = Path.Combine(_folder.FullName, "plot.png"), svg = Path.Combine(_folder.FullName, "plot.svg");
        DeepLearningPipelines.Ml.Evaluation.Plots.PlotFile.Save(plot, svg, Width, Height);
        DeepLearningPipelines.Ml.Evaluation.Plots.PlotFile.Save(plot, png, Width, Height);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        _png = SKBitmap.Decode(png);
        Assert.Equal((Width, Height), (_png.Width, _png.Height));
        Svg = XDocument.Load(svg).Root!;
        Assert.Equal("svg", Svg.Name.LocalName);
        Assert.Equal((Width.ToString(), Height.ToString()), ((string?)Svg.Attribute("width"), (string?)Svg.Attribute("height")));
    }

    /// <summary>The SVG document's root.</summary>
    public XElement Svg { get; }

    /// <summary>The SVG's text, all <c>text</c> elements joined.</summary>
    public string SvgText => string.Join(" ", Svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));

    /// <summary>The PNG's colour at data coordinates (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public SKColor At(double x, double y)
    {
        var pixel = _plot.GetPixel(new Coordinates(x, y));
        return _png.GetPixel((int)Math.Round(pixel.X), (int)Math.Round(pixel.Y));
    }

    /// <summary>The PNG's colour at (<paramref name="x"/>, <paramref name="y"/>) measured on the bottom axis and <paramref name="yAxis"/>.</summary>
    public Color ColorAt(double x, double y, IYAxis yAxis)
    {
        var pixel = _plot.GetPixel(new Coordinates(x, y), _plot.Axes.Bottom, yAxis);
        var c = _png.GetPixel((int)Math.Round(pixel.X), (int)Math.Round(pixel.Y));
        return new Color(c.Red, c.Green, c.Blue, c.Alpha);
    }

    public static bool IsBlank(SKColor c) => c.Red > 220 && c.Green > 220 && c.Blue > 220;

    /// <summary>A saturated colour, as curves are drawn (not white, grey grid lines or black text).</summary>
    public static bool IsColored(SKColor c) => Math.Max(c.Red, Math.Max(c.Green, c.Blue)) - Math.Min(c.Red, Math.Min(c.Green, c.Blue)) > 60;

    public void Dispose()
    {
        _png.Dispose();
        _folder.Delete(recursive: true);
    }
}
