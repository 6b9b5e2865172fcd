// Helpers for the tests that drive real programs (the sdxl binary, tmux, Xvfb, xterm), shared by
// the test targets that need them.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum ProcessHarness {
    /// The full path of `program` on $PATH, if present.
    public static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// A program started by `start`.
    public struct Child {
        public let pid: pid_t
    }

    /// Starts `arguments` (first the program path) with posix_spawn, with every signal unblocked
    /// and at its default action: test runners run tests on threads that block signals, and
    /// children would inherit that (tmux then waits forever for signals that never come).
    /// Standard input reads /dev/null; standard output goes to `output` (or /dev/null).
    public static func spawn(_ arguments: [String], environment: [String: String]? = nil,
                      output: Int32? = nil) throws -> pid_t {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), all = sigset_t()
        sigemptyset(&empty)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        if let output {
            posix_spawn_file_actions_adddup2(&actions, output, 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        let environmentList = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = environmentList.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, &envp)
        guard status == 0 else { throw POSIXError(POSIXErrorCode(rawValue: status) ?? .EIO) }
        return pid
    }

    /// Waits for `pid` and returns its exit status (128 + signal when killed).
    @discardableResult
    public static func waitForExit(_ pid: pid_t) -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Runs `arguments` to the end; returns the exit status and standard output. Without
    /// `capturing`, output is discarded: needed for programs that leave a daemon behind (tmux),
    /// which would hold a pipe open forever.
    @discardableResult
    public static func run(_ arguments: [String], environment: [String: String]? = nil,
                    capturing: Bool = true) throws -> (status: Int32, output: Data) {
        guard capturing else {
            return (waitForExit(try spawn(arguments, environment: environment)), Data())
        }
        var pipe: [Int32] = [-1, -1]
        guard Glibc.pipe(&pipe) == 0 else { throw POSIXError(.EMFILE) }
        let pid: pid_t
        do {
            pid = try spawn(arguments, environment: environment, output: pipe[1])
        } catch {
            close(pipe[0])
            close(pipe[1])
            throw error
        }
        close(pipe[1])
        var output = Data()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(pipe[0], &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            output.append(contentsOf: chunk[0..<count])
        }
        close(pipe[0])
        return (waitForExit(pid), output)
    }

    /// Starts `arguments` in the background (output discarded).
    public static func start(_ arguments: [String], environment: [String: String]? = nil) throws -> Child {
        Child(pid: try spawn(arguments, environment: environment))
    }

    /// Stops a program started by `start` (SIGTERM, then SIGKILL after two seconds) and waits.
    public static func stop(_ child: Child) {
        _ = Glibc.kill(child.pid, SIGTERM)
        var status: Int32 = 0
        let exited = wait(seconds: 2) { waitpid(child.pid, &status, WNOHANG) == child.pid }
        if !exited {
            _ = Glibc.kill(child.pid, SIGKILL)
            waitForExit(child.pid)
        }
    }

    /// Polls `condition` every 50 ms until it holds or `seconds` pass; returns whether it held.
    public static func wait(seconds: Double, until condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    public static func temporaryPath(_ name: String) -> String {
        NSTemporaryDirectory() + "sdxl-test-\(ProcessInfo.processInfo.processIdentifier)-\(name)"
    }
}
