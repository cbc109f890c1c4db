import Foundation
import Hummingbird

/// Reading an `application/x-www-form-urlencoded` body: bounded in size and time, valid UTF-8,
/// one value per name. A repeated name, a nested `a[b]` name, a name without `=` or a bad
/// percent escape makes the form unreadable.
///
/// Splitting on `&` and `=` is done here; the percent-decoding is Foundation's. (Hummingbird's
/// `URLEncodedFormDecoder` did the same through Codable and took 14% of the server's CPU per
/// ballot in the `bench/submit` profile.)
enum FormBody {
    /// The body's bytes: more than `limit` is 413, slower than `timeout` is 408.
    static func collect(_ request: inout Request, limit: Int, timeout: Duration) async throws -> ByteBuffer {
        let body = request.body
        return try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { try await body.collect(upTo: limit) }
            group.addTask {
                try await Task.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw HTTPError(.requestTimeout)
            }
            return buffer
        }
    }

    /// How many parts a multipart body has: the count of its delimiter lines (`--boundary`), in
    /// one pass over the bytes.
    static func parts(in buffer: ByteBuffer, boundary: String) -> Int {
        let delimiter = Array(("--" + boundary).utf8)
        var count = 0
        buffer.withUnsafeReadableBytes { bytes in
            guard bytes.count >= delimiter.count, let first = delimiter.first else { return }
            var index = 0
            let last = bytes.count - delimiter.count
            while index <= last {
                if bytes[index] == first, zip(delimiter.indices, index...).allSatisfy({ bytes[$1] == delimiter[$0] }) {
                    count += 1
                    index += delimiter.count
                } else {
                    index += 1
                }
            }
        }
        return max(0, count - 1)  // the closing delimiter ends the last part
    }

    /// The fields, or `nil` when the body is not a flat, well-formed form in UTF-8.
    static func decode(_ buffer: ByteBuffer) -> [String: String]? {
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { return nil }
        var fields: [String: String] = [:]
        if text.isEmpty { return fields }
        for pair in text.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: false) {
            guard let equals = pair.firstIndex(of: UInt8(ascii: "=")),
                let name = component(pair[pair.startIndex..<equals]),
                let value = component(pair[pair.index(after: equals)...]),
                !name.isEmpty, !name.contains("["), !name.contains("]"),
                fields.updateValue(value, forKey: name) == nil
            else { return nil }
        }
        return fields
    }

    /// Whether a name or value holds a NUL character (sent raw or as `%00`). PostgreSQL's text
    /// cannot hold one, and C code (bcrypt, libpq) stops at it: every form that reaches the
    /// database or a password check refuses it first (400), so it is never a 500 or half a value.
    static func containsNUL(_ fields: [String: String]) -> Bool {
        fields.contains { name, value in name.utf8.contains(0) || value.utf8.contains(0) }
    }

    /// A percent-decoded name or value (`+` is a space); `nil` for a bad escape or invalid UTF-8.
    private static func component(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        let raw = String(Substring(bytes))
        guard raw.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return raw }
        return String(decoding: raw.utf8.map { $0 == UInt8(ascii: "+") ? UInt8(ascii: " ") : $0 }, as: UTF8.self).removingPercentEncoding
    }
}
