import Foundation
import Hummingbird

/// Reading an `application/x-www-form-urlencoded` body: bounded in size and time, valid UTF-8,
/// decoded by Hummingbird's form decoder into one value per name (a repeated name, a nested
/// `a[b]` name or a bad percent escape makes it unreadable).
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

    /// The fields, or `nil` when the body is not a flat, well-formed form in UTF-8.
    static func decode(_ buffer: ByteBuffer) -> [String: String]? {
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { return nil }
        if text.isEmpty { return [:] }
        return try? URLEncodedFormDecoder().decode([String: String].self, from: text)
    }
}
