import CLibCrypto
import Foundation

/// A point of P-256, written additively: `a * P` is a scalar multiple, `P + Q` the group's
/// operation, `Point.infinity` its neutral element. Immutable.
public final class Point: @unchecked Sendable, Equatable, CustomStringConvertible {
    let point: OpaquePointer

    init(owning point: OpaquePointer) { self.point = point }

    deinit { EC_POINT_free(point) }

    private static func make() -> OpaquePointer { EC_POINT_new(P256.shared.group)! }

    /// The standard generator `G`.
    public static let generator: Point = {
        let point = make()
        guard EC_POINT_copy(point, EC_GROUP_get0_generator(P256.shared.group)) == 1 else { fatalError("no generator") }
        return Point(owning: point)
    }()

    /// The point at infinity `O`.
    public static let infinity: Point = {
        let point = make()
        EC_POINT_set_to_infinity(P256.shared.group, point)
        return Point(owning: point)
    }()

    /// Reads SEC1 bytes: 33 compressed (`02`/`03` and x) or the single `00` of `O`. Nil when the
    /// bytes are not a point of the curve in that form.
    public convenience init?(bytes: some Collection<UInt8>) {
        let array = Array(bytes)
        guard array == [0] || (array.count == 33 && (array[0] == 2 || array[0] == 3)) else { return nil }
        let point = Point.make()
        let ok = array.withUnsafeBufferPointer { EC_POINT_oct2point(P256.shared.group, point, $0.baseAddress, $0.count, nil) }
        guard ok == 1, EC_POINT_is_on_curve(P256.shared.group, point, nil) == 1 else {
            EC_POINT_free(point)
            return nil
        }
        self.init(owning: point)
    }

    public var isInfinity: Bool { EC_POINT_is_at_infinity(P256.shared.group, point) == 1 }

    /// SEC1 compressed bytes (33), or `[0]` for `O`.
    public var bytes: [UInt8] {
        if isInfinity { return [0] }
        var out = [UInt8](repeating: 0, count: 33)
        let written = out.withUnsafeMutableBufferPointer {
            EC_POINT_point2oct(P256.shared.group, point, POINT_CONVERSION_COMPRESSED, $0.baseAddress, 33, nil)
        }
        precondition(written == 33, "EC_POINT_point2oct failed")
        return out
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    public static func == (a: Point, b: Point) -> Bool {
        EC_POINT_cmp(P256.shared.group, a.point, b.point, nil) == 0
    }

    public static func + (a: Point, b: Point) -> Point {
        let result = make()
        guard EC_POINT_add(P256.shared.group, result, a.point, b.point, nil) == 1 else { fatalError("EC_POINT_add failed") }
        return Point(owning: result)
    }

    public static prefix func - (a: Point) -> Point {
        let result = make()
        guard EC_POINT_copy(result, a.point) == 1, EC_POINT_invert(P256.shared.group, result, nil) == 1 else {
            fatalError("EC_POINT_invert failed")
        }
        return Point(owning: result)
    }

    public static func - (a: Point, b: Point) -> Point { a + (-b) }

    /// `s * P`.
    public static func * (s: Scalar, p: Point) -> Point {
        let result = make()
        guard EC_POINT_mul(P256.shared.group, result, nil, p.point, s.bignum, nil) == 1 else { fatalError("EC_POINT_mul failed") }
        return Point(owning: result)
    }

    /// `s * G`, with OpenSSL's precomputed table for the generator.
    public static func base(_ s: Scalar) -> Point {
        let result = make()
        guard EC_POINT_mul(P256.shared.group, result, s.bignum, nil, nil, nil) == 1 else { fatalError("EC_POINT_mul failed") }
        return Point(owning: result)
    }

    /// `g * G + s * P` in one pass.
    public static func base(_ g: Scalar, plus s: Scalar, times p: Point) -> Point {
        let result = make()
        guard EC_POINT_mul(P256.shared.group, result, g.bignum, p.point, s.bignum, nil) == 1 else { fatalError("EC_POINT_mul failed") }
        return Point(owning: result)
    }

    /// The sum of `points` (`O` for none).
    public static func sum(_ points: some Sequence<Point>) -> Point {
        var iterator = points.makeIterator()
        guard let first = iterator.next() else { return .infinity }
        let result = make()
        guard EC_POINT_copy(result, first.point) == 1 else { fatalError("EC_POINT_copy failed") }
        while let next = iterator.next() {
            guard EC_POINT_add(P256.shared.group, result, result, next.point, nil) == 1 else { fatalError("EC_POINT_add failed") }
        }
        return Point(owning: result)
    }
}
