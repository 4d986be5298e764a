using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using DeepLearningPipelines.Core;

namespace DeepLearningPipelines.Cli.Bench.Ort;

/// <summary>
/// A loaded ONNX Runtime shared library and its C API function table (<c>OrtGetApiBase()-&gt;GetApi</c>). Each library
/// is loaded once per process and never unloaded. Failing calls throw a <see cref="DlpException"/> with ORT's message.
/// </summary>
public sealed unsafe class OrtRuntime
{
    /// <summary>The C API version requested from the library: that of ONNX Runtime 1.30, which the bench is written against.</summary>
    public const uint ApiVersion = 30;

    private static readonly ConcurrentDictionary<string, Lazy<OrtRuntime>> Loaded = new(StringComparer.Ordinal);
    private readonly IntPtr* _api;

    private OrtRuntime(string libraryPath, string version, IntPtr* api)
    {
        LibraryPath = libraryPath;
        Version = version;
        _api = api;
    }

    /// <summary>The shared library's path.</summary>
    public string LibraryPath { get; }

    /// <summary>The library's own version (<c>OrtApiBase::GetVersionString</c>), e.g. <c>1.30.0</c>.</summary>
    public string Version { get; }

    /// <summary>Loads (once) the library at <paramref name="libraryPath"/> and fetches its API table.</summary>
    public static OrtRuntime Load(string libraryPath)
    {
        string path = Path.GetFullPath(libraryPath);
        return Loaded.GetOrAdd(path, p => new Lazy<OrtRuntime>(() => Open(p))).Value;
    }

    private static OrtRuntime Open(string path)
    {
        if (!File.Exists(path)) throw new DlpException($"ONNX Runtime library {path} does not exist; run scripts/install-ort.sh.");
        IntPtr library;
        try { library = NativeLibrary.Load(path); }
        catch (Exception e) when (e is DllNotFoundException or BadImageFormatException) { throw new DlpException($"Cannot load ONNX Runtime from {path}: {e.Message}", e); }
        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out IntPtr getApiBase))
            throw new DlpException($"{path} is not ONNX Runtime: it has no OrtGetApiBase.");
        var apiBase = ((delegate* unmanaged<IntPtr*>)getApiBase)();
        var getApi = (delegate* unmanaged<uint, IntPtr*>)apiBase[0];
        var getVersionString = (delegate* unmanaged<IntPtr>)apiBase[1];
        string version = Marshal.PtrToStringUTF8(getVersionString()) ?? "?";
        IntPtr* api = getApi(ApiVersion);
        if (api == null)
            throw new DlpException($"ONNX Runtime {version} at {path} does not provide C API version {ApiVersion}; install 1.30 with scripts/install-ort.sh.");
        return new OrtRuntime(path, version, api);
    }

    internal OrtHandle CreateEnv()
    {
        IntPtr env;
        using var logId = new Utf8String("dlp");
        Check(((delegate* unmanaged<int, IntPtr, IntPtr*, IntPtr>)_api[OrtApiSlot.CreateEnv])(OrtLoggingLevelError, logId.Pointer, &env));
        return Handle(env, OrtApiSlot.ReleaseEnv);
    }

    /// <summary>Session options with the given thread counts, sequential execution and all graph optimisations.</summary>
    internal OrtHandle CreateSessionOptions(int intraOpThreads, int interOpThreads)
    {
        IntPtr options;
        Check(((delegate* unmanaged<IntPtr*, IntPtr>)_api[OrtApiSlot.CreateSessionOptions])(&options));
        var handle = Handle(options, OrtApiSlot.ReleaseSessionOptions);
        Check(((delegate* unmanaged<IntPtr, int, IntPtr>)_api[OrtApiSlot.SetIntraOpNumThreads])(options, intraOpThreads));
        Check(((delegate* unmanaged<IntPtr, int, IntPtr>)_api[OrtApiSlot.SetInterOpNumThreads])(options, interOpThreads));
        Check(((delegate* unmanaged<IntPtr, int, IntPtr>)_api[OrtApiSlot.SetSessionGraphOptimizationLevel])(options, GraphOptimizationEnableAll));
        return handle;
    }

    internal OrtHandle CreateSession(OrtHandle env, string modelPath, OrtHandle options)
    {
        IntPtr session;
        using var path = new Utf8String(modelPath);
        Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr, IntPtr*, IntPtr>)_api[OrtApiSlot.CreateSession])(
            env.DangerousGetHandle(), path.Pointer, options.DangerousGetHandle(), &session));
        return Handle(session, OrtApiSlot.ReleaseSession);
    }

    internal OrtHandle CreateCpuMemoryInfo()
    {
        IntPtr info;
        Check(((delegate* unmanaged<int, int, IntPtr*, IntPtr>)_api[OrtApiSlot.CreateCpuMemoryInfo])(OrtArenaAllocator, OrtMemTypeDefault, &info));
        return Handle(info, OrtApiSlot.ReleaseMemoryInfo);
    }

    /// <summary>The names of the session's inputs (<paramref name="outputs"/> false) or outputs.</summary>
    internal string[] IoNames(OrtHandle session, bool outputs)
    {
        nuint count;
        var countFn = (delegate* unmanaged<IntPtr, nuint*, IntPtr>)_api[outputs ? OrtApiSlot.SessionGetOutputCount : OrtApiSlot.SessionGetInputCount];
        Check(countFn(session.DangerousGetHandle(), &count));
        IntPtr allocator;
        Check(((delegate* unmanaged<IntPtr*, IntPtr>)_api[OrtApiSlot.GetAllocatorWithDefaultOptions])(&allocator));
        var nameFn = (delegate* unmanaged<IntPtr, nuint, IntPtr, IntPtr*, IntPtr>)_api[outputs ? OrtApiSlot.SessionGetOutputName : OrtApiSlot.SessionGetInputName];
        var names = new string[(int)count];
        for (int i = 0; i < names.Length; i++)
        {
            IntPtr name;
            Check(nameFn(session.DangerousGetHandle(), (nuint)i, allocator, &name));
            names[i] = Marshal.PtrToStringUTF8(name)!;
            Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr>)_api[OrtApiSlot.AllocatorFree])(allocator, name));
        }
        return names;
    }

    /// <summary>The element type (<c>ONNXTensorElementDataType</c>) of the session's first input.</summary>
    internal int FirstInputElementType(OrtHandle session)
    {
        IntPtr typeInfo, tensorInfo;
        int type;
        Check(((delegate* unmanaged<IntPtr, nuint, IntPtr*, IntPtr>)_api[OrtApiSlot.SessionGetInputTypeInfo])(session.DangerousGetHandle(), 0, &typeInfo));
        using var owner = Handle(typeInfo, OrtApiSlot.ReleaseTypeInfo);
        Check(((delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)_api[OrtApiSlot.CastTypeInfoToTensorInfo])(typeInfo, &tensorInfo));
        if (tensorInfo == IntPtr.Zero) throw new DlpException("The model's first input is not a tensor.");
        Check(((delegate* unmanaged<IntPtr, int*, IntPtr>)_api[OrtApiSlot.GetTensorElementType])(tensorInfo, &type));
        return type;
    }

    /// <summary>A tensor over caller-owned memory, which must stay pinned while the value lives.</summary>
    internal OrtHandle CreateTensor(OrtHandle memoryInfo, void* data, nuint bytes, ReadOnlySpan<long> shape, int elementType)
    {
        IntPtr value;
        fixed (long* dims = shape)
            Check(((delegate* unmanaged<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr>)_api[OrtApiSlot.CreateTensorWithDataAsOrtValue])(
                memoryInfo.DangerousGetHandle(), data, bytes, dims, (nuint)shape.Length, elementType, &value));
        return Handle(value, OrtApiSlot.ReleaseValue);
    }

    /// <summary>Runs the session on one input and returns its one requested output, owned by the caller.</summary>
    internal OrtHandle Run(OrtHandle session, Utf8String inputName, OrtHandle input, Utf8String outputName)
    {
        IntPtr inputNamePointer = inputName.Pointer, outputNamePointer = outputName.Pointer, inputValue = input.DangerousGetHandle(), output = IntPtr.Zero;
        Check(((delegate* unmanaged<IntPtr, IntPtr, IntPtr*, IntPtr*, nuint, IntPtr*, nuint, IntPtr*, IntPtr>)_api[OrtApiSlot.Run])(
            session.DangerousGetHandle(), IntPtr.Zero, &inputNamePointer, &inputValue, 1, &outputNamePointer, 1, &output));
        return Handle(output, OrtApiSlot.ReleaseValue);
    }

    /// <summary>Shape and element type of a tensor value.</summary>
    internal (long[] Shape, int ElementType) TensorInfo(OrtHandle value)
    {
        IntPtr info;
        Check(((delegate* unmanaged<IntPtr, IntPtr*, IntPtr>)_api[OrtApiSlot.GetTensorTypeAndShape])(value.DangerousGetHandle(), &info));
        using var owner = Handle(info, OrtApiSlot.ReleaseTensorTypeAndShapeInfo);
        nuint rank;
        int type;
        Check(((delegate* unmanaged<IntPtr, nuint*, IntPtr>)_api[OrtApiSlot.GetDimensionsCount])(info, &rank));
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
            Check(((delegate* unmanaged<IntPtr, long*, nuint, IntPtr>)_api[OrtApiSlot.GetDimensions])(info, dims, rank));
        Check(((delegate* unmanaged<IntPtr, int*, IntPtr>)_api[OrtApiSlot.GetTensorElementType])(info, &type));
        return (shape, type);
    }

    /// <summary>The address of a tensor value's elements (valid while the value lives).</summary>
    internal void* TensorData(OrtHandle value)
    {
        void* data;
        Check(((delegate* unmanaged<IntPtr, void**, IntPtr>)_api[OrtApiSlot.GetTensorMutableData])(value.DangerousGetHandle(), &data));
        return data;
    }

    private OrtHandle Handle(IntPtr pointer, int releaseSlot) => new(pointer, (delegate* unmanaged<IntPtr, void>)_api[releaseSlot]);

    /// <summary>Throws ORT's message when <paramref name="status"/> is an error (non-null), releasing it.</summary>
    private void Check(IntPtr status)
    {
        if (status == IntPtr.Zero) return;
        string message = Marshal.PtrToStringUTF8(((delegate* unmanaged<IntPtr, IntPtr>)_api[OrtApiSlot.GetErrorMessage])(status)) ?? "unknown error";
        ((delegate* unmanaged<IntPtr, void>)_api[OrtApiSlot.ReleaseStatus])(status);
        throw new DlpException($"ONNX Runtime: {message}");
    }

    private const int OrtLoggingLevelError = 3;
    private const int GraphOptimizationEnableAll = 99;
    private const int OrtArenaAllocator = 1;
    private const int OrtMemTypeDefault = 0;
}
