import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `https://` through the `curl` program, so the binary links no TLS library. The URL, the credentials
/// and the headers go to curl as a config file on descriptor 3 (never on its command line, where `ps`
/// would show the password), the body on its standard input; its output is the body and, on the last
/// line, the status. Standard input and output are socket pairs and writes use MSG_NOSIGNAL, so a curl
/// that dies early cannot kill the tutor with SIGPIPE.
public enum CurlTransport {
    /// The curl on PATH, if any.
    public static func executable(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for dir in (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(dir)/curl"
            if access(path, X_OK) == 0 { return path }
        }
        return nil
    }

    public static func send(method: String, url: HTTPURL, auth: String?, headers: [(String, String)], body: Data?,
                            timeout: TimeInterval, curl: String) -> Result<HTTPResponse, HTTPFailure> {
        var config = "url = \(quoted(url.scheme + "://" + url.hostHeader + url.target))\n"
        config += "request = \(quoted(method))\n"
        if let auth { config += "user = \(quoted(auth))\n" }
        for (name, value) in headers { config += "header = \(quoted("\(name): \(value)"))\n" }
        if body != nil { config += "data-binary = \"@-\"\n" }
        let seconds = max(1, Int(timeout.rounded(.up)))
        let args = [curl, "-q", "-sS", "--max-time", "\(seconds)", "-K", "/dev/fd/3", "-o", "-", "-w", "\\n%{http_code}"]

        // The config goes through a pipe (curl opens /dev/fd/3, which Linux refuses for a socket), written
        // whole before curl starts: it is far smaller than a pipe's buffer, so the write cannot block or
        // meet a closed reader.
        var configPipe: [Int32] = [0, 0]
        guard pipe(&configPipe) == 0 else { return .failure(HTTPFailure("cannot start curl (\(String(cString: strerror(errno))))")) }
        _ = fcntl(configPipe[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(configPipe[1], F_SETFD, FD_CLOEXEC)
        let configBytes = Array(config.utf8)
        let written = configBytes.withUnsafeBytes { Glibc.write(configPipe[1], $0.baseAddress!, $0.count) }
        close(configPipe[1])
        defer { close(configPipe[0]) }
        guard written == configBytes.count else { return .failure(HTTPFailure("cannot start curl (its configuration is too long)")) }

        // 0: body in, 1: output, 2: curl's error line (socket pairs: see above).
        var pairs: [[Int32]] = []
        for _ in 0 ..< 3 {
            var fds: [Int32] = [0, 0]
            #if canImport(Darwin)
            let kind = SOCK_STREAM
            #else
            let kind = Int32(SOCK_STREAM.rawValue)
            #endif
            guard socketpair(AF_UNIX, kind, 0, &fds) == 0 else {
                for p in pairs { close(p[0]); close(p[1]) }
                return .failure(HTTPFailure("cannot start curl (\(String(cString: strerror(errno))))"))
            }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            pairs.append(fds)
        }
        // The child's ends are pairs[n][1]; dup2 clears close-on-exec on the copies.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (n, p) in pairs.enumerated() { posix_spawn_file_actions_adddup2(&actions, p[1], Int32(n)) }
        posix_spawn_file_actions_adddup2(&actions, configPipe[0], 3)
        var pid: pid_t = 0
        let argv = args.map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let rc = posix_spawn(&pid, curl, &actions, nil, argv, environ)
        for p in pairs { close(p[1]) }
        defer { for p in pairs { close(p[0]) } }
        guard rc == 0 else { return .failure(HTTPFailure("cannot start \(curl) (\(String(cString: strerror(rc))))")) }

        if let body { sendAll(pairs[0][0], body) }
        shutdown(pairs[0][0], Int32(SHUT_WR))
        let output = readAll(pairs[1][0])
        let errors = String(decoding: readAll(pairs[2][0]), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}

        guard let newline = output.lastIndex(of: 0x0A), let code = Int(String(decoding: output[output.index(after: newline)...], as: UTF8.self)),
              code > 0 else {
            return .failure(HTTPFailure(errors.isEmpty ? "curl gave no answer" : errors.replacingOccurrences(of: "curl: ", with: "")))
        }
        return .success(HTTPResponse(status: code, body: Data(output[..<newline])))
    }

    /// A curl config string: quoted, with backslash and quote escaped and no line breaks.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for ch in s.unicodeScalars {
            switch ch {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(ch)
            }
        }
        return out + "\""
    }

    private static func sendAll(_ fd: Int32, _ data: Data) {
        var offset = 0
        while offset < data.count {
            let n = data.withUnsafeBytes { raw in
                #if canImport(Darwin)
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #else
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += n
        }
    }

    private static func readAll(_ fd: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return data }
            data.append(contentsOf: buffer[0 ..< n])
            if data.count > HTTPClient.maximumBody { return data }
        }
    }
}
