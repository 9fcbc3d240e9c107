import CKernels

/// Which kernels the engine runs on this machine (for the benchmark's peak estimate and diagnostics).
public enum KernelInfo {
    /// "avx512", "avx2" or "scalar": the instruction set `ck_gemm` / `ck_step` use, chosen once per process
    /// (`CK_ISA=0|2|5` in the environment can lower it).
    public static var isa: String {
        switch ck_active_isa() {
        case 5: "avx512"
        case 2: "avx2"
        default: "scalar"
        }
    }

    /// Single-precision FLOPs per cycle per core of the matrix product's inner loop for `isa`: AVX-512 and
    /// AVX2 both 32 (this Xeon runs one 512-bit FMA or two 256-bit FMAs a cycle: measured, the same
    /// throughput), scalar 8 (SSE multiply and add, 4 lanes each).
    public static var flopsPerCycle: Int {
        switch ck_active_isa() {
        case 5, 2: 32
        default: 8
        }
    }
}
