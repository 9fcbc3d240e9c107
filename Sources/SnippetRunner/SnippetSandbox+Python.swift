import Foundation

extension HardLimits {
    /// Limits for a worker running real Python with torch: torch maps over 2 GB of shared libraries
    /// before a snippet runs (under 4 GB of address space `import torch` fails), and importing it
    /// takes seconds of processor time, so 8 GB, 30 s of CPU and 30 s of wall time.
    public static let python = HardLimits(addressSpace: 8 << 30, cpuSeconds: 30, wallClock: 30)
}

extension SnippetSandbox {
    /// A sandbox whose workers are `python -B -c PythonHook.source` (each snippet in its own process,
    /// under `HardLimits.python`); every result carries `runtime` (the label `PythonRuntime.check` gave).
    public static func python(_ interpreter: String, runtime: String, limits: HardLimits = .python) -> SnippetSandbox {
        SnippetSandbox(executable: interpreter, arguments: ["-B", "-c", PythonHook.source], limits: limits, mode: .fresh,
                       worker: "Python", runtime: runtime)
    }
}

/// Checks, before the tutor starts, that `--python PATH` names a Python that can import torch, and
/// names it for the output pane ("python3.11 + torch 2.15.0").
public enum PythonRuntime {
    /// Why an interpreter cannot run snippets, in a form that completes "unroll: --python PATH: …".
    public enum Problem: Error, Equatable, CustomStringConvertible {
        case notFound
        case notExecutable
        case noTorch(String)
        case notPython(String)
        case timedOut(Double)

        public var description: String {
            switch self {
            case .notFound: "no such file"
            case .notExecutable: "not an executable file"
            case .noTorch(let why): "this Python cannot import torch (\(why)); install torch for it, or leave out --python to run snippets with MiniPy"
            case .notPython(let why): "does not run as a Python interpreter (\(why))"
            case .timedOut(let s): "did not answer within \(Int(s)) s"
            }
        }
    }

    /// What the probe prints: the label, or why torch is not there. It finds torch without importing
    /// it (importing takes 1 to 10 s; the first worker does that at launch, in the background).
    static let probe = """
        import sys, importlib.util, importlib.metadata
        if importlib.util.find_spec("torch") is None:
            print("no-torch:ModuleNotFoundError: No module named 'torch'")
        else:
            print("runtime:python%d.%d + torch %s" % (sys.version_info[0], sys.version_info[1], importlib.metadata.version("torch").split("+")[0]))
        """

    /// The full path `name` stands for: itself when it has a slash, else the first executable of that
    /// name on `PATH` (as a shell would find `python3`).
    public static func resolve(_ name: String, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String {
        guard !name.contains("/"), let path else { return name }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return name
    }

    /// Runs the interpreter once (finds torch) and returns the runtime's label, or why it cannot be used.
    public static func check(_ interpreter: String, timeout: Double = 30) -> Result<String, Problem> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: interpreter, isDirectory: &isDirectory) else { return .failure(.notFound) }
        // An execute bit as well as access(X_OK), which says yes to root for any file.
        let mode = ((try? FileManager.default.attributesOfItem(atPath: interpreter))?[.posixPermissions] as? Int) ?? 0
        guard !isDirectory.boolValue, mode & 0o111 != 0, FileManager.default.isExecutableFile(atPath: interpreter) else {
            return .failure(.notExecutable)
        }
        // Under the same limits as the workers, so a Python that passes here can import torch there.
        let process: WorkerProcess
        do throws(WorkerProcess.SpawnError) {
            process = try WorkerProcess.start(executable: interpreter, arguments: ["-B", "-c", probe], limits: .python, cpuLimit: true)
        } catch {
            return .failure(.notPython(error.message))
        }
        process.closeInput()
        defer { process.kill() }
        var data = Data()
        let deadline = Date().addingTimeInterval(timeout)
        wait: while true {
            let left = Int(deadline.timeIntervalSinceNow * 1000)
            guard left > 0 else { return .failure(.timedOut(timeout)) }
            switch process.poll(milliseconds: left) {
            case .line(let line)?: data = line; break wait
            case .ended?: break wait
            case nil: continue
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        for line in text.split(separator: "\n") {
            if line.hasPrefix("runtime:") { return .success(String(line.dropFirst("runtime:".count))) }
            if line.hasPrefix("no-torch:") { return .failure(.noTorch(String(line.dropFirst("no-torch:".count)))) }
        }
        return .failure(.notPython("it did not answer when asked for its torch version"))
    }
}
