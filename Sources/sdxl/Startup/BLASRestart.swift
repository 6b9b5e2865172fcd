import Foundation
import Tensors

/// Restarts the program with OPENBLAS_CORETYPE set when OpenBLAS fell back to slow kernels
/// on a processor it does not know (see `BLASCoreChoice`). Returns only when no restart is needed
/// or the restart failed, in which case the program goes on with OpenBLAS's own choice.
enum BLASRestart {
    static func restartIfBLASIsDegraded() {
        guard let cpuInfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return }
        let flags = BLASCoreChoice.cpuFlags(fromCPUInfo: cpuInfo)
        guard let core = BLASCoreChoice.recommendedCoreType(
            currentCore: BLAS.coreName, cpuFlags: flags,
            environment: ProcessInfo.processInfo.environment) else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        let arguments = CommandLine.arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
        cArguments.append(nil)
        execv("/proc/self/exe", &cArguments)
        // execv returned: the restart failed; carry on with the kernels we have.
        for argument in cArguments { free(argument) }
    }
}
