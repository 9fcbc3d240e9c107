import MiniPy
import SnippetRunner
import TutorCore

extension SnippetSandbox {
    /// A sandbox whose workers are this very binary (`unroll snippet-worker`).
    static func ofThisProgram(mode: Mode = .fresh, limits: HardLimits = .standard) -> SnippetSandbox {
        SnippetSandbox(executable: currentExecutable() ?? CommandLine.arguments[0], limits: limits, mode: mode)
    }

    /// `unroll check` is a batch job whose verdict must not depend on how busy the machine is: a lesson
    /// program that takes a second alone took over 10 s of wall time at load 20 on 2 cores and was
    /// reported as a TimeoutError. Its programs get 60 s of wall time (MiniPy's own clock: `checkWallTime`)
    /// and 60 s of CPU; the tutor's playground keeps the standard 5 s / 10 s a learner notices.
    static let checkLimits = HardLimits(cpuSeconds: 60, wallClock: 90)
    static let checkWallTime = 60.0

    /// One `run:` program of a lesson, judged as `MiniPy.run`'s outcome would be; with a `cache`, an
    /// answer it keeps for exactly this request is taken instead of running the program again.
    func outcome(of c: RunCase, cache: RunCache? = nil) -> MiniPy.Outcome {
        let request = SnippetRequest(source: c.code, prelude: c.prelude.isEmpty ? nil : c.prelude,
                                     then: c.then.isEmpty ? nil : c.then, wallTime: Self.checkWallTime,
                                     recurrentCalls: false)
        guard let cache else { return run(request).outcome(source: c.code) }
        // Encoded once for the cache's lookup and its entry.
        let key = RunCache.key(request)
        if let kept = cache.result(forKey: key) { return kept.outcome(source: c.code) }
        let result = run(request)
        cache.remember(result, for: request, key: key)
        return result.outcome(source: c.code)
    }
}
