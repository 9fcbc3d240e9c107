import CKernels

/// Which kernels the engine runs on this machine, and how fast this core can go (for the benchmark).
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

    /// This core's peak single-precision GFLOP/s for `isa`, measured: independent fused multiply-adds in
    /// registers for about `seconds` of this thread's CPU time (not read from the CPU's name, which on this
    /// machine says only "AMD EPYC").
    public static func measuredPeakGFLOPS(seconds: Double = 0.3) -> Double { ck_peak_gflops(seconds) }
}
