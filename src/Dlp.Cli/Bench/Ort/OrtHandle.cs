using System.Runtime.InteropServices;

namespace DeepLearningPipelines.Cli.Bench.Ort;

/// <summary>An ONNX Runtime object (environment, session, options, memory info, value) released through its <c>OrtApi::Release*</c> function.</summary>
internal sealed unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged<IntPtr, void> _release;

    public OrtHandle(IntPtr pointer, delegate* unmanaged<IntPtr, void> release) : base(IntPtr.Zero, ownsHandle: true)
    {
        _release = release;
        SetHandle(pointer);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}
