import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An `http://` or `https://` URL taken apart: enough for an LRS endpoint and its `more` links.
public struct HTTPURL: Sendable, Equatable, CustomStringConvertible {
    public var scheme: String
    public var host: String
    public var port: Int
    /// The path with its query, starting with "/".
    public var target: String
    /// `user:password` written in the URL, if any (sent as Basic authentication).
    public var userInfo: String?

    /// Nil for anything but an absolute http or https URL with a host.
    public init?(_ text: String) {
        guard let sep = text.range(of: "://") else { return nil }
        let scheme = text[..<sep.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { return nil }
        let rest = text[sep.upperBound...]
        let slash = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[..<slash]
        var target = String(rest[slash...])
        if let hash = target.firstIndex(of: "#") { target = String(target[..<hash]) }
        if target.isEmpty || target.first == "?" { target = "/" + target }
        if let at = authority.lastIndex(of: "@") {
            userInfo = String(authority[..<at]).removingPercentEncoding
            authority = authority[authority.index(after: at)...]
        }
        var host = String(authority)
        var port = scheme == "https" ? 443 : 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { return nil }
            let after = host[host.index(after: close)...]
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1 ... 65535).contains(p) else { return nil }
                port = p
            } else if !after.isEmpty { return nil }
            host = String(host[host.index(after: host.startIndex) ..< close])
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1 ... 65535).contains(p) else { return nil }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "/" }) else { return nil }
        self.scheme = scheme
        self.host = host
        self.port = port
        self.target = target
    }

    /// host, or host:port when the port is not the scheme's own.
    public var hostHeader: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return port == (scheme == "https" ? 443 : 80) ? h : "\(h):\(port)"
    }

    /// The URL without its user information (safe to print).
    public var description: String { "\(scheme)://\(hostHeader)\(target)" }

    /// `reference` resolved against this URL as the xAPI spec resolves a `more` link: an absolute URL as
    /// it is, a path from the server root ("/xAPI/statements?…") on this scheme, host and port.
    public func resolving(_ reference: String) -> HTTPURL? {
        if reference.contains("://") { return HTTPURL(reference) }
        var out = self
        if reference.hasPrefix("/") {
            out.target = reference
        } else {
            let base = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)[0]
            out.target = String(base[...(base.lastIndex(of: "/") ?? base.startIndex)]) + reference
        }
        return out
    }
}

public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    public var body: Data
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}

/// Why a request got no HTTP answer (refused, timed out, no such host), in a few words.
public struct HTTPFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A small HTTP/1.1 client over POSIX sockets for `http://` URLs (one request per connection,
/// `Connection: close`), so the binary needs neither libcurl nor FoundationNetworking. Every step is
/// bounded by `timeout` (name lookup excepted: `getaddrinfo` has no timeout; callers run it off the UI
/// thread). `https://` goes through the `curl` program (`CurlTransport`).
public enum HTTPClient {
    /// The largest response body read (an LRS page of statements is far smaller).
    public static let maximumBody = 64 << 20

    public static func send(method: String, url: HTTPURL, headers: [(String, String)], body: Data?,
                            timeout: TimeInterval) -> Result<HTTPResponse, HTTPFailure> {
        let deadline = Date().addingTimeInterval(timeout)
        let fd: Int32
        switch connect(host: url.host, port: url.port, deadline: deadline) {
        case .success(let s): fd = s
        case .failure(let f): return .failure(f)
        }
        defer { close(fd) }
        var head = "\(method) \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nConnection: close\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        var request = Data(head.utf8)
        if let body { request.append(body) }
        if let f = write(fd, request, deadline: deadline) { return .failure(f) }
        switch readAll(fd, deadline: deadline) {
        case .success(let raw): return parse(raw)
        case .failure(let f): return .failure(f)
        }
    }

    // MARK: - Sockets

    private static func connect(host: String, port: Int, deadline: Date) -> Result<Int32, HTTPFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            return .failure(HTTPFailure("cannot find host \(host) (\(String(cString: gai_strerror(rc))))"))
        }
        defer { freeaddrinfo(first) }
        var lastError = "cannot connect to \(host):\(port)"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let a = node {
            node = a.pointee.ai_next
            let fd = socket(a.pointee.ai_family, a.pointee.ai_socktype, a.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            #if canImport(Darwin)
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
            #endif
            if Glibc.connect(fd, a.pointee.ai_addr, a.pointee.ai_addrlen) == 0 { return .success(fd) }
            var e = errno
            if e == EINPROGRESS {
                if wait(fd, events: Int16(POLLOUT), deadline: deadline) {
                    var soError: Int32 = 0
                    var len = socklen_t(MemoryLayout<Int32>.size)
                    getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &len)
                    if soError == 0 { return .success(fd) }
                    e = soError
                } else {
                    e = ETIMEDOUT
                }
            }
            lastError = "cannot connect to \(host):\(port) (\(String(cString: strerror(e))))"
            close(fd)
        }
        return .failure(HTTPFailure(lastError))
    }

    /// Waits until `fd` is ready for `events` or the deadline passes (false).
    private static func wait(_ fd: Int32, events: Int16, deadline: Date) -> Bool {
        while true {
            let ms = Int32(max(0, min(Double(Int32.max), (deadline.timeIntervalSinceNow * 1000).rounded(.up))))
            if ms <= 0 { return false }
            var p = pollfd(fd: fd, events: events, revents: 0)
            let n = poll(&p, 1, ms)
            if n > 0 { return true }
            if n == 0 { return false }
            if errno != EINTR { return false }
        }
    }

    private static func write(_ fd: Int32, _ data: Data, deadline: Date) -> HTTPFailure? {
        var offset = 0
        while offset < data.count {
            guard wait(fd, events: Int16(POLLOUT), deadline: deadline) else { return HTTPFailure("timed out sending the request") }
            let n = data.withUnsafeBytes { raw in
                #if canImport(Darwin)
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, 0)
                #else
                Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
                #endif
            }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return HTTPFailure("the connection failed while sending (\(String(cString: strerror(errno))))")
            }
            offset += n
        }
        return nil
    }

    private static func readAll(_ fd: Int32, deadline: Date) -> Result<Data, HTTPFailure> {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            if let expected = expectedLength(data), data.count >= expected { return .success(data) }
            guard wait(fd, events: Int16(POLLIN), deadline: deadline) else { return .failure(HTTPFailure("timed out waiting for the answer")) }
            let n = buffer.withUnsafeMutableBytes { Glibc.recv(fd, $0.baseAddress!, $0.count, 0) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(HTTPFailure("the connection failed while reading (\(String(cString: strerror(errno))))"))
            }
            if n == 0 { return .success(data) }
            data.append(contentsOf: buffer[0 ..< n])
            if data.count > maximumBody { return .failure(HTTPFailure("the answer is larger than \(maximumBody >> 20) MB")) }
        }
    }

    /// Head + body length when the head is complete and names a Content-Length (else read to the end).
    private static func expectedLength(_ data: Data) -> Int? {
        guard let end = data.firstRange(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).lowercased()
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
            return Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)).map { end.upperBound + $0 }
        }
        return nil
    }

    /// The status and body of a raw response (a chunked body is put back together).
    static func parse(_ raw: Data) -> Result<HTTPResponse, HTTPFailure> {
        guard let end = raw.firstRange(of: Data("\r\n\r\n".utf8)) else {
            return .failure(HTTPFailure(raw.isEmpty ? "the server closed the connection without answering" : "the answer is not HTTP"))
        }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self)
        let lines = head.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ", maxSplits: 2)
        guard statusParts.count >= 2, statusParts[0].hasPrefix("HTTP/1."), let status = Int(statusParts[1]) else {
            return .failure(HTTPFailure("the answer is not HTTP"))
        }
        var body = Data(raw[end.upperBound...])
        let chunked = lines.dropFirst().contains { line in
            let l = line.lowercased()
            return l.hasPrefix("transfer-encoding:") && l.contains("chunked")
        }
        if chunked {
            guard let joined = dechunk(body) else { return .failure(HTTPFailure("the answer's chunked body is cut short")) }
            body = joined
        } else if let length = expectedLength(raw).map({ $0 - end.upperBound }), length < body.count {
            body = body.prefix(length)
        }
        return .success(HTTPResponse(status: status, body: body))
    }

    static func dechunk(_ data: Data) -> Data? {
        var out = Data()
        var i = data.startIndex
        while true {
            guard let lineEnd = data[i...].firstRange(of: Data("\r\n".utf8)) else { return nil }
            let sizeText = String(decoding: data[i ..< lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size >= 0 else { return nil }
            i = lineEnd.upperBound
            if size == 0 { return out }
            guard data.distance(from: i, to: data.endIndex) >= size + 2 else { return nil }
            out.append(data[i ..< data.index(i, offsetBy: size)])
            i = data.index(i, offsetBy: size + 2)
        }
    }
}
