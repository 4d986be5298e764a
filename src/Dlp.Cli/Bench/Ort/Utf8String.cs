using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Cli.Bench.Ort;

/// <summary>A null-terminated UTF-8 copy of a string in unmanaged memory, for the C API's <c>const char*</c> arguments.</summary>
internal sealed class Utf8String(string value) : IDisposable
{
    public IntPtr Pointer { get; private set; } = Marshal.StringToCoTaskMemUTF8(value);

    public void Dispose()
    {
        Marshal.FreeCoTaskMem(Pointer);
        Pointer = IntPtr.Zero;
    }
}
