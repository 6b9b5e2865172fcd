// Choosing OpenBLAS's kernels for processors newer than the OpenBLAS build.
//
// A DYNAMIC_ARCH OpenBLAS picks its kernels by CPU model number when it loads. A build that
// predates the processor (Debian 12's 0.3.21 on Sapphire/Emerald Rapids, for example) falls
// back to its SSE3 "Prescott" kernels, which run sgemm 5× slower than the AVX-512 ones the
// processor supports. The choice can only be changed through OPENBLAS_CORETYPE before the
// library loads, so the program decides here and restarts itself with it set.

public enum BLASCoreChoice {
    /// Kernel families that mean OpenBLAS did not recognise a modern x86-64 processor.
    static let fallbackCores: Set<String> = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem",
                                            "Sandybridge", "Atom", "Katmai", "Coppermine", "Northwood",
                                            "Banias", "unknown"]

    /// The OPENBLAS_CORETYPE to restart with, or nil when OpenBLAS's own choice is fine.
    /// - Parameters:
    ///   - currentCore: `BLAS.coreName` as loaded.
    ///   - cpuFlags: the processor's feature flags (the `flags` line of /proc/cpuinfo).
    ///   - environment: the process environment; an explicit OPENBLAS_CORETYPE is always respected.
    public static func recommendedCoreType(currentCore: String, cpuFlags: Set<String>,
                                           environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, fallbackCores.contains(currentCore) else { return nil }
        if cpuFlags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) { return "SkylakeX" }
        if cpuFlags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The feature flags of the first processor in a /proc/cpuinfo text.
    public static func cpuFlags(fromCPUInfo text: String) -> Set<String> {
        for line in text.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }
}
